"""The archive browser: `H`, filters stepped with y/f/d, enter opens, `l` shows who opened what."""

from __future__ import annotations

from datetime import datetime

import pytest

from textual.widgets import DataTable

from tests.ui.conftest import SIZE, make_app, make_office, settle
from tui_office.services import decisions, queries, workflow
from tui_office.ui.screens.archive import ArchiveScreen
from tui_office.ui.screens.document import DocumentScreen


@pytest.fixture
def office(tmp_path):
    office, numbers = make_office(tmp_path)
    office.clock.at = datetime(2026, 11, 22, 9, 0)
    decisions.act(office, "zhaolei", "approve", numbers["visit"], comment="同意，注意安全")
    number = workflow.submit(office, "hejun", "general_request", {"subject": "实验室手套", "details": "两箱"})
    approver = queries.show(office, "hejun", number).current_steps[0].assignees[0].login
    decisions.act(office, approver, "approve", number, comment="同意")
    office.clock.at = datetime(2026, 11, 23, 9, 0)
    yield office
    office.close()


def keys(*pressed: str):
    async def before(pilot) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return before


async def test_the_archive_keeper_browses_opens_and_sees_the_opening_logged(office):
    app = make_app(office, "zhangli")
    async with app.run_test(size=SIZE) as pilot:
        await keys("H")(pilot)
        screen = app.screen
        assert isinstance(screen, ArchiveScreen)
        assert [r.number for r in screen.rows] == ["GR-2026-0005", "GR-2026-0004"]
        codes = [code for code, _ in screen.choices["dept"]]
        for _ in range(codes.index("purchasing") + 1):  # all → each department by code … → purchasing
            await keys("d")(pilot)
        assert screen.filters["dept"] == "purchasing" and [r.number for r in screen.rows] == ["GR-2026-0005"]
        await keys("enter")(pilot)
        assert isinstance(app.screen, DocumentScreen) and app.screen.number == "GR-2026-0005"
        await keys("escape", "l")(pilot)
        assert [(o.login, o.number) for o in screen.rows] == [("zhangli", "GR-2026-0005")]


async def test_the_log_fits_an_80_column_window_with_the_grant_column(office):
    app = make_app(office, "zhangli")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys("H", "l")(pilot)
        table = app.screen.query_one("#archive-list", DataTable)
        assert [c.key.value for c in table.ordered_columns][-1] == "grant"
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= table.size.width


def test_archive_browser(snap_compare, office):
    """The archive keeper's archive: "Year: all · form: all · department: all", two rows newest first
    (GR-2026-0005 实验室手套 by 何军, Purchasing; GR-2026-0004 Customer visit to Suzhou by Emily Carter,
    Sales), finished dates 2026-11-22, the hint line, and the footer y Year, f Form, d Department,
    l Who opened, esc Back, e Export."""
    assert snap_compare(make_app(office, "zhangli"), terminal_size=SIZE, run_before=keys("H"))


def test_archive_browser_in_chinese_by_year(snap_compare, office):
    """The same in Chinese after y: "年份：2026 · 表单：全部 · 部门：全部", column heads 编号 表单 标题 发起人
    部门 办结时间, the same two rows, footer y 年份 f 表单 d 部门 l 查阅记录 esc 返回 e 导出."""
    assert snap_compare(make_app(office, "zhangli", lang="zh-CN"), terminal_size=SIZE, run_before=keys("H", "y"))
