"""The statistics screen: `T`, tables and a weekly chart, ranges and filters stepped, enter drills
down to the documents behind a row and opens one."""

from __future__ import annotations

import pytest

from tests.ui.conftest import NOW, SIZE, make_app, make_office
from tests.ui.test_inbox_snapshots import run as keys
from tui_office.services.demo_history import load_history
from tui_office.ui.screens.document import DocumentScreen
from tui_office.ui.screens.statistics import StatisticsScreen, StatsDocumentsScreen


@pytest.fixture
def office(tmp_path):
    office, _ = make_office(tmp_path)
    load_history(office, NOW)
    office.clock.at = NOW
    yield office
    office.close()


async def test_a_manager_reads_the_figures_drills_down_and_opens_a_document(office):
    app = make_app(office, "zhaolei")
    async with app.run_test(size=SIZE) as pilot:
        await keys("T")(pilot)
        screen = app.screen
        assert isinstance(screen, StatisticsScreen)
        assert "department: Sales" in str(screen.query_one("#stats-filters").render())
        statuses = screen.query_one("#stats-by_status")
        assert statuses.row_count == 3  # approved, in progress, rejected: the sales department's only
        await keys("t", "t")(pilot)  # bottlenecks: the waiting steps' table has the focus
        await keys("enter")(pilot)
        listed = app.screen
        assert isinstance(listed, StatsDocumentsScreen) and listed.rows
        await keys("enter")(pilot)
        assert isinstance(app.screen, DocumentScreen) and app.screen.number == listed.rows[0].number
        await keys("escape", "escape", "r")(pilot)
        assert screen.range == "four_weeks" and statuses.row_count == 1  # in progress only


async def test_an_80x24_window_stacks_the_bottlenecks_and_draws_the_chart_on_the_trend_tab(office):
    app = make_app(office, "admin")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys("T")(pilot)
        chart = app.screen.query_one("#stats-chart")
        assert chart.region.height == 0  # the counts' tables take the room
        await pilot.press("t", "t")  # to the bottlenecks (switching tabs loads nothing)
        await pilot.pause()
        for name in ("waiting_steps", "overdue_people", "overdue_by_department"):
            table = app.screen.query_one(f"#stats-{name}")
            assert table.region.height >= 3 and table.region.right <= 80, name
        await pilot.press("t")
        await pilot.pause()
        weeks = app.screen.query_one("#stats-weeks")
        assert chart.region.height >= 8 and chart.region.bottom <= 24 and weeks.region.height >= 3
        await pilot.press("t")
        await pilot.pause()
        assert chart.region.height == 0


async def test_a_clerk_is_told_why_there_are_no_statistics(office):
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await keys("T")(pilot)
        screen = app.screen
        assert "department managers" in str(screen.query_one("#stats-status").render())
        assert [screen.check_action(a, ()) for a in ("range", "next_tab", "export", "back")] == [None, None, None, True]
        await keys("e", "r")(pilot)
        assert app.screen is screen and screen.range == "weeks"  # nothing asked, nothing changed


def test_statistics_screen(snap_compare, office):
    """The administrator's statistics for the twelve weeks to 2026-11-23: the counts tab with by
    form (General request first, then Purchase request), by status and by department, and under
    them the chart "Documents per week" with two lines (submitted cyan, finished magenta) over the
    twelve weeks labelled 09-07 … 11-23, the hint line and the footer's keys (e Export among them)."""
    assert snap_compare(make_app(office, "admin"), terminal_size=SIZE, run_before=keys("T"))


def test_statistics_screen_in_chinese(snap_compare, office):
    """The same in Chinese: 提交日期 2026-09-07 至 2026-11-23, the tabs 数量 办理时长 瓶颈 趋势, the tables
    按表单 (通用申请 26, 采购申请 2), 按状态, 按部门 with their column heads 表单 单据数, and the chart
    每周单据数 with 提交 and 办结 over the same twelve weeks; footer e 导出 among the keys."""
    assert snap_compare(make_app(office, "admin", lang="zh-CN"), terminal_size=SIZE, run_before=keys("T"))
