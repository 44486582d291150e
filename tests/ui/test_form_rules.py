"""Pilot tests of the form's named rules while typing: shown under their field a moment after typing
stops, listed in the submit summary, a problem banner that stays true, and refusals that say what to
do next."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, office, steady, SIZE, settle, type_text, row  # noqa: E402,F401  (fixtures)
from textual.widgets import Select, Static  # noqa: E402
from tui_office.ui.widgets.line_items import LineItemGrid  # noqa: E402

from tui_office.ui.dialogs.form_summary import FormSummary  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402


def problem(app, field_id: str) -> str:
    return str(row(app, field_id).query_one(".field-problem", Static).render())


def quick(monkeypatch) -> None:
    """No pause before the rules are asked (the tests wait for the worker instead)."""
    monkeypatch.setattr(FormScreen, "RULES_DELAY", 0.0, raising=False)


async def test_late_sick_leave_is_refused_while_typing_and_says_to_ask_hr(office, monkeypatch):
    quick(monkeypatch)
    app = Host(office, "emily", lambda: FormScreen("leave"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row(app, "type").query_one(Select).value = "sick"
        row(app, "end").focus_editor()
        await type_text(pilot, "2026-11-23")
        row(app, "start").focus_editor()
        await type_text(pilot, "2026-11-19")  # four days ago: past the 24 hours for sick leave
        await settle(pilot)
        assert "ask HR to file it on your behalf" in problem(app, "start")
        # Fixed while typing: the rule's problem goes away without leaving the field or submitting.
        for _ in range(2):
            await pilot.press("backspace")
        await type_text(pilot, "23")
        await settle(pilot)
        assert problem(app, "start") == ""


async def test_submit_summary_lists_what_the_rules_still_object_to(office, monkeypatch):
    quick(monkeypatch)
    app = Host(office, "emily", lambda: FormScreen("leave"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        row(app, "type").query_one(Select).value = "personal"
        row(app, "start").focus_editor()
        await type_text(pilot, "2026-11-23")  # today: personal leave needs a day's notice
        row(app, "end").focus_editor()
        await type_text(pilot, "2026-11-23")
        row(app, "reason").focus_editor()
        await type_text(pilot, "Moving house")
        row(app, "handover").query_one(Select).value = "zhouqiang"
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, FormSummary)
        remaining = str(app.screen.query_one("#form-summary-remaining", Static).render())
        assert "at least one day before it starts" in remaining
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert "at least one day before it starts" in problem(app, "start")
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("enter")  # submitted anyway: refused, and the notice says why in words
        await settle(pilot)
        assert app.screen is screen
        assert any("at least one day before it starts" in n.message for n in app._notifications)


async def test_problem_banner_counts_down_and_goes_once_everything_is_fixed(office, monkeypatch):
    quick(monkeypatch)
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        banner = app.screen.query_one("#form-problems", Static)
        await pilot.press("f10")
        await settle(pilot)
        assert banner.display and "2 problem(s)" in str(banner.render())
        row(app, "subject").focus_editor()
        await type_text(pilot, "Desk")
        await settle(pilot)
        assert banner.display and "1 problem(s)" in str(banner.render())
        row(app, "details").focus_editor()
        await type_text(pilot, "A standing desk")
        await settle(pilot)
        assert not banner.display


async def test_a_leave_in_a_year_without_an_official_schedule_says_so_in_the_form(office):
    app = Host(office, "emily", lambda: FormScreen("leave"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notice = app.screen.query_one("#form-calendar", Static)
        row(app, "start").focus_editor()
        await type_text(pilot, "2027-02-08")
        row(app, "end").focus_editor()
        await type_text(pilot, "2027-02-12")
        await pilot.pause()
        assert notice.display
        assert "2027: no official holiday schedule yet" in str(notice.render())
        assert "cn-2027.toml" in str(notice.render())
        row(app, "start").query_one("#editor").value = ""
        row(app, "end").query_one("#editor").value = ""
        await pilot.pause()
        assert not notice.display


async def test_an_amount_that_differs_from_the_line_items_warns_under_it(office):
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row(app, "amount").focus_editor()
        await type_text(pilot, "500")
        grid = row(app, "items").query_one(LineItemGrid)
        grid.focus_first()
        await pilot.press("ctrl+n")
        await type_text(pilot, "Paper")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "100")
        await pilot.press("enter")
        await pilot.pause()
        amount = row(app, "amount")
        assert amount.has_class("-warned") and not amount.has_class("-invalid")
        assert problem(app, "amount") == (
            "Amount (CNY) 500.00 differs from the Line items total, 200.00; check both (it can still be submitted).")
        row(app, "amount").focus_editor()
        for _ in range(3):
            await pilot.press("backspace")
        await type_text(pilot, "200")
        await pilot.pause()
        assert problem(app, "amount") == "" and not amount.has_class("-warned")


async def test_a_user_field_finds_people_by_pinyin_initials(office):
    from tui_office.ui.dialogs.user_picker import UserPicker

    app = Host(office, "emily", lambda: FormScreen("leave"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row(app, "handover").focus_editor()
        await pilot.press("w", "a", "n", "g", "f")  # a burst: the first letter opens one picker, all of it searches
        await pilot.pause()
        assert isinstance(app.screen, UserPicker)
        assert app.screen.query_one("#picker-query").value == "wangf"
        assert len([s for s in app.screen_stack if isinstance(s, UserPicker)]) == 1
        for _ in range(5):
            await pilot.press("backspace")
        await type_text(pilot, "wf")
        assert app.screen.query_one("#picker-query").value == "wf"
        assert app.screen.shown[0].login == "wangfang"
        await pilot.press("enter")
        await pilot.pause()
        assert row(app, "handover").raw == "wangfang"
        for query in ("wangfang", "王芳"):
            row(app, "handover").focus_editor()
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one("#picker-query").value = query
            await pilot.pause()
            assert app.screen.shown[0].login == "wangfang"
            await pilot.press("escape")
            await pilot.pause()
