"""Leave screens: snapshots of the leave form (sick-leave checklist), team calendar, HR view and my
leave, in English and Chinese; a Pilot test of reporting back by keys."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.ui.conftest import SIZE, settle
from tests.ui.formhost import Host, open_office, steady  # noqa: F401  (autouse fixture)
from tui_office.i18n import set_language
from tui_office.services import decisions, workflow
from tui_office.workflows.leave import service as leave
from tui_office.services.office import Office
from tui_office.ui.screens.form import FormScreen
from tui_office.workflows.leave.ui.calendar import LeaveCalendarScreen
from tui_office.workflows.leave.ui.history import LeaveHistoryScreen
from tui_office.workflows.leave.ui.hr import LeaveHrScreen

NOW = datetime(2026, 11, 23, 9, 0)


def _at(office: Office, when: datetime) -> None:
    office.clock.at = when  # type: ignore[attr-defined]


def _leave(office: Office, who: str, kind: str, start: str, end: str, approve: bool = True, **more: str) -> str:
    values = {"type": kind, "start": start, "end": end, "reason": "family matters", "handover": "sunyan"}
    if who == "sunyan":
        values["handover"] = "emily"
    values.update(more)
    number = workflow.submit(office, who, "leave", values)
    if approve:
        manager = [] if who == "zhaolei" else ["zhaolei"]
        for person in [*manager, "liuwei", "wangfang"]:
            decisions.act(office, person, "approve", number)
    return number


def seed_leave(office: Office) -> dict[str, str]:
    """Leaves of the sales team in November 2026 at fixed moments, ending back at NOW (Monday 23rd).

    - emily: annual leave 4–6 Nov, reported back; personal leave 25–27 Nov (approved, ahead);
    - zhouqiang (probation): personal leave 16–19 Nov, approved, not reported back → absent and flagged;
    - sunyan: sick leave the afternoon of 20 Nov, phoned in at 13:40 (late), approved and waiting to
      report back;
    - emily: a 16-day personal leave in December, waiting for the manager (flagged long leave).
    """
    n: dict[str, str] = {}
    _at(office, datetime(2026, 11, 2, 9, 0))
    n["annual"] = _leave(office, "emily", "annual", "2026-11-04", "2026-11-06")
    _at(office, datetime(2026, 11, 9, 9, 0))
    leave.report_back(office, "emily", n["annual"])
    _at(office, datetime(2026, 11, 12, 10, 0))
    n["probation"] = _leave(office, "zhouqiang", "personal", "2026-11-16", "2026-11-19")
    _at(office, datetime(2026, 11, 20, 15, 0))
    n["sick"] = _leave(office, "sunyan", "sick", "2026-11-20", "2026-11-20", start_half="pm",
                       evidence="community_certificate,receipts", phoned_at="2026-11-20 13:40")
    _at(office, datetime(2026, 11, 21, 10, 0))
    n["personal"] = _leave(office, "emily", "personal", "2026-11-25", "2026-11-27")
    n["long"] = _leave(office, "emily", "personal", "2026-12-01", "2026-12-22", approve=False)
    _at(office, NOW)
    leave.sweep_absences(office)
    return n


@pytest.fixture
def leave_office(tmp_path: Path):
    office = open_office(tmp_path)
    numbers = seed_leave(office)
    yield office, numbers
    office.close()


def _app(office: Office, login: str, screen, lang: str = "en") -> Host:
    set_language(lang)
    office.settings.language = lang
    return Host(office, login, screen)


async def _settle(pilot) -> None:
    await settle(pilot, rounds=4)


def test_seeded_leave_states(leave_office):
    """The seed gives HR one pending report-back, one absence, two long-leave flags and a late call."""
    office, n = leave_office
    view = leave.hr_view(office, "wangfang")
    assert [r.number for r in view.pending_report_backs] == [n["sick"]]
    assert [r.number for r in view.absences] == [n["probation"]]
    assert sorted(r.number for r in view.long_leaves) == sorted([n["probation"], n["long"]])
    assert [r.number for r in view.late_phone_notices] == [n["sick"]]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_leave_form_sick_leave_of_five_days(leave_office, snap_compare, lang):
    """The leave form for a 5-working-day sick leave (30 Nov – 4 Dec): working days 5.0, the evidence
    checklist showing exactly district certificate, diagnosis and receipts, marked as required now;
    the items for shorter or longer sick leave (community, grade-2A, admission records) not shown;
    "Manager phoned at" 2026-11-30 08:50 above the checklist."""
    office, _ = leave_office
    _at(office, datetime(2026, 11, 30, 10, 0))
    draft = workflow.save_draft(office, "emily", "leave", {
        "type": "sick", "start": "2026-11-30", "end": "2026-12-04", "reason": "Flu, doctor's orders",
        "handover": "sunyan", "evidence": "district_certificate", "phoned_at": "2026-11-30 08:50",
    })
    app = _app(office, "emily", lambda: FormScreen(None, number=draft), lang)
    assert snap_compare(app, terminal_size=(120, 48), run_before=_settle)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_team_calendar_november(leave_office, snap_compare, lang):
    """The sales manager's November 2026 grid: Emily annual 4–6 (A) and personal 25–27 (P), Zhou
    Qiang personal 16–19, Sun Yan a sick afternoon on the 20th (S½); weekends dotted; day totals."""
    office, _ = leave_office
    app = _app(office, "zhaolei", lambda: LeaveCalendarScreen(2026, 11), lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_team_calendar_moves_to_december(leave_office, snap_compare):
    """After `right`: December 2026, Emily's long personal leave 1–22 Dec marked "P?" (pending) on working days only, weekends dotted."""
    office, _ = leave_office
    app = _app(office, "zhaolei", lambda: LeaveCalendarScreen(2026, 11))

    async def move(pilot) -> None:
        await _settle(pilot)
        await pilot.press("right")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=move)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_hr_view(leave_office, snap_compare, lang):
    """HR's view: Sun Yan waiting to report back (due 23 Nov); Zhou Qiang absent without leave;
    long-leave reviews for Emily's 16-day December leave and Zhou Qiang's 4 days on probation; Sun
    Yan's sick afternoon under "Sick leave phoned in late" (phoned 13:40, after 13:15); e Export in
    the footer."""
    office, _ = leave_office
    app = _app(office, "wangfang", LeaveHrScreen, lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


def test_my_leave_history(leave_office, snap_compare):
    """Emily's leave: 2026 annual balance (5 granted, 3 taken), her three requests newest first, the
    reported-back time of the annual leave and the long-leave flag of the December request."""
    office, _ = leave_office
    app = _app(office, "emily", LeaveHistoryScreen)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


async def test_report_back_by_key(leave_office):
    """Sun Yan selects her sick leave and presses r: reported back, the row shows the time."""
    office, n = leave_office
    app = _app(office, "sunyan", LeaveHistoryScreen)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("r")
        await _settle(pilot)
    [record] = leave.history(office, "sunyan")
    assert record.number == n["sick"] and record.reported_at == NOW


async def test_calendar_keys_move_months(leave_office):
    office, _ = leave_office
    app = _app(office, "zhaolei", lambda: LeaveCalendarScreen(2026, 11))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("left")
        await _settle(pilot)
        screen = app.screen
        assert (screen.grid.year, screen.grid.month) == (2026, 10)
        await pilot.press("n", "n")
        await _settle(pilot)
        assert (screen.grid.year, screen.grid.month) == (2026, 12)
        await pilot.press("t")
        await _settle(pilot)
        assert (screen.grid.year, screen.grid.month) == (2026, 11)


async def test_hr_exports_the_years_leave_records_with_e(leave_office, tmp_path):
    office, n = leave_office
    app = _app(office, "wangfang", LeaveHrScreen)
    target = tmp_path / "leave.csv"
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("e")
        await _settle(pilot)
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await _settle(pilot)
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("number,login,name") and n["sick"] in text


async def test_hr_view_is_refused_to_a_clerk(leave_office):
    office, _ = leave_office
    app = _app(office, "emily", LeaveHrScreen)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert not isinstance(app.screen, LeaveHrScreen)


async def test_palette_opens_the_leave_screens(leave_office):
    """ctrl+p in the real app offers the leave screens; HR's view only to HR."""
    from tests.ui.conftest import make_app

    office, _ = leave_office
    app = make_app(office, "wangfang")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Leave (HR)")
        await settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, LeaveHrScreen)
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Team calendar")
        await settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, LeaveCalendarScreen)
        assert app.screen.grid.department_code == "sales"


async def test_form_screen_shows_a_leave_rule_inline(leave_office):
    """Submitting personal leave that starts today from the form: the advance-notice problem shows
    beside the start date, word for word as the CLI prints it, and nothing is submitted."""
    from textual.widgets import Static

    from tui_office.ui.widgets.fields import FieldRow

    office, _ = leave_office
    draft = workflow.save_draft(office, "emily", "leave", {
        "type": "personal", "start": "2026-11-23", "end": "2026-11-24", "reason": "Moving house",
        "handover": "sunyan",
    })
    app = _app(office, "emily", lambda: FormScreen(None, number=draft))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("f10")
        await _settle(pilot)
        if not isinstance(app.screen, FormScreen):  # the summary asks for confirmation
            await pilot.press("enter")
            await _settle(pilot)
        assert isinstance(app.screen, FormScreen)
        shown = str(app.screen.query_one("#field-start", FieldRow).query_one(".field-problem", Static).render())
    assert shown == ("Personal leave must be requested at least one day before it starts; "
                     "the earliest start now is 2026-11-24.")
    from tui_office.services import queries

    assert queries.show(office, "emily", draft).status == "draft"


async def test_calendar_switches_department(leave_office):
    """HR opens the calendar on its own department, presses d and picks Sales: Sales' members show."""
    office, _ = leave_office
    app = _app(office, "wangfang", LeaveCalendarScreen)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        screen = app.screen
        assert "emily" not in {row.login for row in screen.grid.rows}
        await pilot.press("d")
        await _settle(pilot)
        await pilot.press(*"sales", "enter")
        await _settle(pilot)
        assert "emily" in {row.login for row in screen.grid.rows}


def test_a_clerk_may_switch_only_to_own_department(leave_office):
    office, _ = leave_office
    assert [code for code, _ in leave.calendar_departments(office, "emily")] == [leave.team_calendar(office, "emily", 2026, 11).department_code]
    assert len(leave.calendar_departments(office, "wangfang")) > 3


async def test_the_general_manager_grants_a_long_leave_exception_by_key(leave_office):
    """Emily's 16-day leave reaches the general manager, who presses L in its document view, keeps
    "Exception granted" and writes the reason: the leave's flag carries the answer, and the view shows
    it; L again says it is answered before asking anything."""
    from tests.ui.test_document_view import text_of
    from textual.widgets import Static
    from tui_office.services import queries
    from tui_office.ui.dialogs.choice import ChoiceDialog
    from tui_office.ui.dialogs.opinion import OpinionDialog
    from tui_office.ui.screens.document import DocumentScreen

    office, n = leave_office
    decisions.act(office, "zhaolei", "approve", n["long"])
    app = _app(office, "liuwei", lambda: DocumentScreen(n["long"]))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("L")
        await _settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press(*"Family emergency", "enter")
        await _settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        shown = text_of(app.screen.query_one("#doc-fields-body", Static), width=200)
        assert "exception granted by the general manager: Family emergency" in shown
        await pilot.press("L")  # answered once: the key now says so before asking anything
        await _settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert any("already answered the long-leave review" in x.message for x in app._notifications)
    [flag] = queries.show(office, "emily", n["long"]).flags
    assert (flag["answer"], flag["answer_reason"], flag["answered_by"]) == ("exception", "Family emergency", "liuwei")



async def test_hr_view_keeps_a_wide_lists_row_clear_of_its_scrollbar_when_the_terminal_narrows(tmp_path):
    """A long-leave answer that fits 120 columns but not 80: at 120 the list is its heading and one
    row; narrowed to 80 it gets a horizontal scrollbar and one more line, so the bar does not cover
    the row; widened again, the line goes."""
    from textual.widgets import DataTable
    from tui_office.workflows.leave import long_leave

    office = open_office(tmp_path)
    try:
        _at(office, NOW)
        number = _leave(office, "emily", "personal", "2026-12-01", "2026-12-22", approve=False)
        long_leave.answer(office, "liuwei", number, "exception", "Family care.")
        app = _app(office, "wangfang", LeaveHrScreen, lang="zh-CN")
        async with app.run_test(size=SIZE) as pilot:
            await _settle(pilot)
            table = app.screen.query_one("#leave-hr-long", DataTable)
            assert (table.row_count, table.show_horizontal_scrollbar, table.size.height) == (1, False, 2)
            await pilot.resize_terminal(80, 24)
            await _settle(pilot)
            assert (table.show_horizontal_scrollbar, table.size.height) == (True, 3)
            await pilot.resize_terminal(*SIZE)
            await _settle(pilot)
            assert (table.show_horizontal_scrollbar, table.size.height) == (False, 2)
    finally:
        office.close()
