"""Snapshots of the search screen (120x40, fixed clock, seeded database), in English and Chinese.

Chinese pictures look squeezed because Rich's SVG export draws CJK at half width; alignment is
checked in tmux.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import SIZE, make_app, make_office, settle


@pytest.fixture
def office(tmp_path):
    office, _ = make_office(tmp_path)
    yield office
    office.close()


def search_for(text: str):
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        for key in text:
            await pilot.press(key if key != " " else "space")
        await pilot.pause(0.4)
        await settle(pilot)

    return before


def test_search_results_with_highlights(snap_compare, office):
    """The general manager searches "annual": the query box, "2 found", two rows (GR-2026-0002 Print
    200 copies of the annual report, GR-2026-0001 Book the large meeting room for the annual review) by
    陈静, status In progress, and the matched line with "annual" highlighted in each; the query box
    has the focus, so the footer shows / Edit the search and esc Back."""
    assert snap_compare(make_app(office, "liuwei"), terminal_size=SIZE, run_before=search_for("annual"))


def test_search_results_in_chinese(snap_compare, office):
    """The same screen in Chinese searching "预算 form:purchase_request": column heads 编号 表单 标题
    发起人 状态 匹配内容, "找到 1 份", the office desks request (PR-2026-0002, 采购申请, 审批中) with its
    opinion line "同意，请按预算采购" and 预算 highlighted; footer 修改检索内容 返回."""
    assert snap_compare(make_app(office, "liuwei", lang="zh-CN"), terminal_size=SIZE,
                        run_before=search_for("预算 form:purchase_request"))
