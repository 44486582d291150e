"""The blackout periods screen (请假管控期): HR declares a period by keys alone (problems shown beside
their fields first, nothing stored), a leave in it is then refused, and HR removes it after a yes;
a clerk sees the list with the changing keys dimmed, and a press says why; pictures at 80x24 in
English and Chinese."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import DataTable, Static

from tests.ui.conftest import settle as settled
from tests.ui.formhost import host, office  # noqa: F401  (fixture)
from tui_office.domain.errors import ValidationFailed
from tui_office.services import workflow
from tui_office.store.models import Action
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.workflows.leave import blackouts
from tui_office.workflows.leave.ui.blackout_dialog import BlackoutDialog
from tui_office.workflows.leave.ui.blackouts import LeaveBlackoutsScreen

SMALL = (80, 24)
"""The terminal the clerks use."""


async def settle(pilot) -> None:
    """Workers done and their answers drawn (an answer may start the next worker: a save, then the
    list read again), without waiting out fixed pauses."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _problem(app, field: str) -> str:
    return str(app.screen.query_one(f"#blackout-{field}-problem", Static).render())


def _leave(start: str, end: str) -> dict:
    return {"type": "personal", "start": start, "end": end, "reason": "family matters", "handover": "zhengxin"}


async def test_hr_declares_a_period_by_keys_and_removes_it(office):
    """Wang Fang (HR) presses a: saving with no name and the end before the start shows both
    problems beside their fields and stores nothing; she fixes them, ticks Finance and saves. Wu
    Hong of finance is then refused leave in it; x and a yes naming the period remove it; both
    changes are in the audit trail."""
    app = host(office, "wangfang", LeaveBlackoutsScreen)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, BlackoutDialog)
        await pilot.press("tab", *"2026-12-18", "tab", *"2026-12-14", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, BlackoutDialog)
        assert _problem(app, "name") == "This field is required."
        assert _problem(app, "end") == "The period ends (2026-12-14) before it starts (2026-12-18)."
        assert blackouts.listed(office, "wangfang") == []
        await pilot.press(*"Audit week", "tab", *"2026-12-14", "tab", *"2026-12-18")  # the name has the focus
        await pilot.press("tab", "tab", "down", "down", "space")  # mode: refuse; tick Finance
        assert str(app.screen.query_one("#blackout-concerns", Static).render()) == "Concerns: Finance"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LeaveBlackoutsScreen)
        [declared] = blackouts.listed(office, "wangfang")
        assert (declared.name, declared.start, declared.end, declared.mode, declared.departments) == (
            "Audit week", date(2026, 12, 14), date(2026, 12, 18), "refuse", ("finance",))
        table = app.screen.query_one("#leave-blackouts", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Audit week", "2026-12-14", "2026-12-18", "refused", "Finance"]
        with pytest.raises(ValidationFailed) as refused:
            workflow.submit(office, "wuhong", "leave", _leave("2026-12-15", "2026-12-15"))
        assert "blackout" in [p.code for p in refused.value.problems]

        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question.startswith("Remove the blackout period Audit week (2026-12-14 to 2026-12-18)?")
        await pilot.press("y")
        await settle(pilot)
        assert blackouts.listed(office, "wangfang") == []
        assert app.screen.query_one("#leave-blackouts-empty").display
    workflow.submit(office, "wuhong", "leave", _leave("2026-12-15", "2026-12-15"))
    audited = [a.action for a in Action.select().where(Action.action.in_([blackouts.ADDED, blackouts.REMOVED]))]
    assert audited == [blackouts.ADDED, blackouts.REMOVED]


async def test_a_clerk_sees_the_periods_but_declaring_is_dimmed_and_says_why(office):
    """Emily (sales) sees the trade fair; a and x are dimmed, and a (or the key the keymap gives
    it) says only HR or an administrator may declare, without opening the dialog."""
    blackouts.declare(office, "wangfang", "Shanghai trade fair", "2026-12-07", "2026-12-11", "gm", ["sales"])
    app = host(office, "emily", LeaveBlackoutsScreen)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#leave-blackouts", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == [
            "Shanghai trade fair", "2026-12-07", "2026-12-11", "GM approves", "Sales"]
        assert app.screen.check_action("declare", ()) is None
        assert app.screen.check_action("remove", ()) is None
        assert app.screen.check_action("edit", ()) is None
        await pilot.press("a")
        await settle(pilot)
        app.set_keymap({"leave_blackouts.declare": "d"})  # moved in the config's [keymap]: the new key says it too
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, LeaveBlackoutsScreen)
        assert [(n.title, n.message) for n in app._notifications] == [
            ("Declare", "Only HR or an administrator may declare, edit or remove blackout periods.")] * 2
    assert len(blackouts.listed(office, "emily")) == 1


async def test_hr_corrects_the_highlighted_period_in_the_declaring_dialog(office):
    """Wang Fang highlights the trade fair and presses e: the dialog, titled for editing it, holds its
    name, dates, mode and ticked department. A last day before the first shows beside the field and
    changes nothing; with the right day and the name put right, the row shows the correction under
    the same number, audited once. A period that is over cannot be corrected: e is dimmed and says why."""
    blackouts.declare(office, "wangfang", "Stocktaking", "2026-11-02", "2026-11-04", "refuse", ["warehouse"])
    fair = blackouts.declare(office, "wangfang", "Shanghai trade fiar", "2026-12-07", "2026-12-11", "gm", ["sales"])
    app = host(office, "wangfang", LeaveBlackoutsScreen)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, BlackoutDialog)
        assert dialog.query_one(".dialog").border_title == "Edit blackout period 2"
        assert dialog.values() == {"name": "Shanghai trade fiar", "start": "2026-12-07", "end": "2026-12-11",
                                   "mode": "gm", "departments": ["sales"]}
        assert str(dialog.query_one("#blackout-concerns", Static).render()) == "Concerns: Sales"
        await pilot.press("tab", "tab", *"2026-12-01", "ctrl+s")
        await settle(pilot)
        assert _problem(app, "end") == "The period ends (2026-12-01) before it starts (2026-12-07)."
        assert blackouts.listed(office, "wangfang")[0] == fair
        await pilot.press(*"2026-12-12", "shift+tab", "shift+tab", *"Shanghai trade fair", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LeaveBlackoutsScreen)
        table = app.screen.query_one("#leave-blackouts", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == ["Shanghai trade fair", "2026-12-07", "2026-12-12",
                                                          "GM approves", "Sales"]
        assert [n.message for n in app._notifications][-1] == (
            "Blackout period 2 changed (event, last day): Shanghai trade fair, 2026-12-07 to 2026-12-12.")
        await pilot.press("p")
        await settle(pilot)
        assert str(table.get_row_at(table.cursor_row)[0]) == "Shanghai trade fair"
        await pilot.press("up", "e")
        await settle(pilot)
        assert isinstance(app.screen, LeaveBlackoutsScreen) and app.screen.check_action("edit", ()) is None
        assert [n.message for n in app._notifications][-1] == (
            "Blackout period 1 (Stocktaking) ended on 2026-11-04; a period that is over stays as it was.")
    assert Action.select().where(Action.action == blackouts.EDITED).count() == 1


def _seed(office) -> None:
    """A past stocktaking, the trade fair for sales and year-end closing for finance, and a safety
    inspection for everyone, as HR declared them."""
    office.clock.at = datetime(2026, 10, 1, 9, 0)  # type: ignore[attr-defined]
    blackouts.declare(office, "wangfang", "年度盘点 Stocktaking", "2026-10-12", "2026-10-14", "refuse", ["warehouse"])
    blackouts.declare(office, "wangfang", "上海展会 Shanghai trade fair", "2026-12-07", "2026-12-11", "gm", ["sales"])
    blackouts.declare(office, "wangfang", "年终结账 Year-end closing", "2026-12-28", "2026-12-31", "refuse",
                      ["finance", "cost"])
    blackouts.declare(office, "wangfang", "年度安全检查 Safety inspection", "2027-01-04", "2027-01-06", "gm")
    office.clock.at = datetime(2026, 11, 23, 9, 0)  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_blackout_periods_at_80x24(office, snap_compare, lang):
    """HR at 80x24 after p and down: all four periods, the October stocktaking dimmed as over, modes
    in words ("refused" / "GM approves"), departments by name or "everyone", long events and
    departments cut with "…"; the highlighted year-end closing in full under the list (finance and
    cost & contracts, leave refused); a Declare, e Edit, x Remove, p Past ones in the footer."""
    _seed(office)
    app = host(office, "wangfang", LeaveBlackoutsScreen, lang)

    async def past(pilot) -> None:
        await settled(pilot)
        await pilot.press("p")
        await settled(pilot)
        await pilot.press("down")
        await settled(pilot)

    assert snap_compare(app, terminal_size=SMALL, run_before=past)
