"""Pilot tests: each inbox action by keys alone, checked in the database through the services."""

from __future__ import annotations

from tests.ui.conftest import SIZE, make_app, settle
from tui_office.i18n import t
from tui_office.services import queries
from tui_office.ui.dialogs.bulk_report import BulkReport
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.help import HelpScreen
from tui_office.ui.screens.inbox import InboxScreen


def last(office, number, who="liuwei"):
    return queries.show(office, who, number).history[-1]


async def cursor_to(pilot, number: str, tab: str | None = None) -> None:
    """Once the inbox has loaded, switch to `tab` (a number key) if given, then move the cursor
    (with j) to the row of document `number`."""
    await settle(pilot)
    if tab:
        await pilot.press(tab)
        await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InboxScreen)
    numbers = [row.number for row in screen.table.rows_loaded]
    assert number in numbers, numbers
    await pilot.press("g", *["j"] * numbers.index(number))
    await settle(pilot)
    assert screen.current.number == number


def notices(app) -> list[str]:
    return [f"{n.title}|{n.message}" for n in app._notifications]


async def test_approve_with_a_quick_phrase(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["desks"])
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("down", "enter", "enter")  # the first quick phrase, then submit
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert numbers["desks"] not in [r.number for r in app.screen.table.rows_loaded]
    entry = last(office, numbers["desks"])
    assert (entry.actor, entry.action, entry.comment) == ("liuwei", "approve", "Agreed")
    view = queries.show(office, "liuwei", numbers["desks"])
    assert [s.step for s in view.current_steps] == ["purchasing"]


async def test_reject_refuses_an_empty_opinion(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["print"])
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog), "an empty opinion must not reject"
        assert queries.show(office, "liuwei", numbers["print"]).status == "in_progress"
        await pilot.press(*"Not this year")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    view = queries.show(office, "liuwei", numbers["print"])
    assert view.status == "rejected"
    assert (view.history[-1].action, view.history[-1].comment) == ("reject", "Not this year")


async def test_return_for_revision(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["cabinets"])
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("enter")  # where to: the step before is offered first
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press(*"Add the quotes", "enter")
        await settle(pilot)
    view = queries.show(office, "liuwei", numbers["cabinets"])
    assert [s.step for s in view.current_steps] == ["vp"], "back to the step before"
    assert (view.history[-1].actor, view.history[-1].action, view.history[-1].comment) == ("liuwei", "return", "Add the quotes")


async def test_delegate_by_pinyin_initials(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["room"])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, UserPicker)
        await pilot.press("w", "h")  # 吴红 (wuhong) by initials
        await settle(pilot)
        assert app.screen.shown[0].login == "wuhong"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)  # a note for her, optional
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    view = queries.show(office, "liuwei", numbers["room"])
    open_now = [a.login for s in view.current_steps for a in s.assignees if a.status == "open"]
    assert open_now == ["wuhong"]
    assert view.history[-1].action == "delegate"


async def test_withdraw_from_submitted_tab(seeded):
    office, numbers = seeded
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert app.screen.tab == "submitted"
        await cursor_to(pilot, numbers["visit"])
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
    view = queries.show(office, "emily", numbers["visit"])
    assert view.status == "withdrawn"
    assert view.history[-1].action == "withdraw"


async def test_bulk_approve_three_selected(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    chosen = [numbers["room"], numbers["print"], numbers["team"]]
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, chosen[0])
        await pilot.press("space", "space", "space")  # space selects and moves down
        await settle(pilot)
        assert app.screen.table.selected == set(chosen)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BulkReport)
        assert [ok for _, ok, _ in app.screen.results] == [True, True, True]
        await pilot.press("enter")
        await settle(pilot)
        remaining = [r.number for r in app.screen.table.rows_loaded]
    for number in chosen:
        view = queries.show(office, "liuwei", number)
        assert view.status == "approved", number
        assert view.history[-1].actor == "liuwei"
        assert number not in remaining


async def test_bulk_approve_refuses_when_one_selected_task_cannot_be_approved(seeded):
    office, numbers = seeded
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["visit"], tab="2")
        await pilot.press("space")
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen), "nothing to approve: no dialog"
        assert any(numbers["visit"] in n for n in notices(app))
    assert queries.show(office, "emily", numbers["visit"]).status == "in_progress"


async def test_a_dimmed_key_explains_why(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["cabinets"])
        screen = app.screen
        assert screen.check_action("withdraw", ()) is None
        assert screen.check_action("approve", ()) is True
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert any("周强" in n for n in notices(app)), notices(app)


async def test_a_failed_action_shows_the_service_message(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["room"])
        from tui_office.services.decisions import act

        act(office, "liuwei", "approve", numbers["room"], comment="approved elsewhere")  # another window was quicker
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert any(t("ui.action_failed") in n for n in notices(app)), notices(app)
        assert numbers["room"] not in [r.number for r in app.screen.table.rows_loaded]


async def test_help_lists_every_inbox_key_in_chinese(seeded):
    office, _ = seeded
    app = make_app(office, "liuwei", lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        from tui_office.ui.screens.help import binding_rows

        rows = binding_rows(app.screen.target)
        ids = {ident for _, _, ident in rows}
        from tui_office.ui.keymap import REGISTRY

        assert {i for i in REGISTRY if i.startswith("inbox.")} <= ids
        assert ("a", "同意", "inbox.approve") in rows
        await pilot.press("escape")
        assert isinstance(app.screen, InboxScreen)


async def test_keymap_override_from_config(seeded):
    office, numbers = seeded
    office.settings.keymap = {"inbox.approve": "y"}
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen), "a no longer approves"
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)


async def test_filter_as_you_type(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"desk")
        await settle(pilot)
        assert [r.number for r in app.screen.table.rows_loaded] == [numbers["desks"]]
        await pilot.press("enter")
        assert app.focused is app.screen.table
        assert app.screen.current.number == numbers["desks"]
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(app.screen.table.rows_loaded) == 5


async def test_filter_finds_who_started_a_document_by_pinyin_and_says_it_spans_tabs(seeded):
    office, numbers = seeded
    chenjing = sorted([numbers["room"], numbers["print"], numbers["team"]])
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("cj", "chenjing", "陈静"):
            await pilot.press("slash")
            app.screen.query_one("#filter").value = query
            await settle(pilot)
            assert sorted(r.number for r in app.screen.table.rows_loaded) == chenjing, query
        await pilot.press("enter", "5")  # drafts: the filter goes along, and the empty list says so
        await settle(pilot)
        empty = str(app.screen.query_one("#inbox-empty").render())
        assert "matches the filter '陈静', which applies to every tab" in empty


async def test_palette_finds_a_person_by_pinyin_and_filters_by_them(seeded):
    from textual.command import CommandPalette

    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        inbox = app.screen
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"cj")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is inbox
        assert inbox.query_one("#filter").value == "陈静"
        assert sorted(r.number for r in inbox.table.rows_loaded) == sorted(
            [numbers["room"], numbers["print"], numbers["team"]])


async def test_tabs_by_number_and_tab_key(seeded):
    office, _ = seeded
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.tab == "todo"
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.tab == "submitted"
        assert len(app.screen.table.rows_loaded) == 2
        await pilot.press("5")
        await settle(pilot)
        assert app.screen.tab == "drafts"
        await pilot.press("R")
        await settle(pilot)
        assert app.screen.table.rows_loaded == []


async def test_palette_offers_only_allowed_actions(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["cabinets"])
        from tui_office.ui.commands import OfficeCommands

        labels = [label for label, _, _ in OfficeCommands(app.screen)._commands()]
        assert t("keys.approve") in labels and t("keys.delegate") in labels
        assert t("keys.withdraw") not in labels, "only the initiator may withdraw"
        assert t("keys.approve_selected") not in labels, "nothing selected"


async def test_switching_theme_keeps_the_cursor(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["print"])
        app.theme = "high-contrast"
        await settle(pilot)
        assert app.has_class("-theme-high-contrast")
        assert app.screen.current.number == numbers["print"]


async def test_comment_and_urge(seeded):
    office, numbers = seeded
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["desks"], tab="2")
        await pilot.press("u")
        await settle(pilot)
        assert last(office, numbers["desks"], "emily").action == "urge"
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press(*"Needed before Monday", "enter")
        await settle(pilot)
    entry = last(office, numbers["desks"], "emily")
    assert (entry.actor, entry.action, entry.comment) == ("emily", "comment", "Needed before Monday")


def test_keymap_overrides_keep_other_screens_ids_and_flag_typos():
    from tui_office.ui.keymap import overrides

    keys, unknown = overrides({"inbox.approve": "a, y", "form.save": "ctrl+s", "inbox.aprove": "x"})
    assert keys["inbox.approve"] == "a,y" and keys["form.save"] == "ctrl+s"
    assert unknown == ["inbox.aprove"]


async def test_titles_that_look_like_markup_are_shown_as_typed(seeded):
    office, _ = seeded
    from tests.ui.conftest import general

    number = general(office, "chenjing", "Budget [draft] for [bold]Q1[/bold", "x")
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Budget", "enter")
        await settle(pilot)
        assert app.screen.current.number == number
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("down", "enter")
        assert app.screen.query_one("#opinion-text").value == "Agreed"
        await pilot.press("enter")
        await settle(pilot)
        assert any("[draft]" in n or number in n for n in notices(app))
    assert queries.show(office, "liuwei", number).status == "approved"


async def test_enter_opens_the_document_and_q_comes_back(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["desks"])
        await pilot.press("enter")
        await settle(pilot)
        from tui_office.ui.screens.document import DocumentScreen

        assert isinstance(app.screen, DocumentScreen)
        assert app.screen.number == numbers["desks"]
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert app.screen.current.number == numbers["desks"]


async def test_a_draft_is_deleted_from_the_drafts_tab_after_a_yes(seeded):
    office, _numbers = seeded
    from tui_office.services import workflow

    number = workflow.save_draft(office, "emily", "general_request", {"subject": "Old idea"})
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number, tab="5")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # no: the draft stays
        await settle(pilot)
        assert number in [r.number for r in app.screen.table.rows_loaded]
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert number not in [r.number for r in app.screen.table.rows_loaded]
        assert "Drafts (0)" in str(app.screen.query_one("#tab-drafts").label)
    assert queries.inbox(office, "emily", "drafts").rows == []


async def test_brackets_and_shift_tab_move_between_tabs_both_ways(seeded):
    office, _numbers = seeded
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        assert app.screen.tab == "submitted"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert app.screen.tab == "drafts"
        await pilot.press("shift+tab")
        assert app.screen.tab == "done"
        await pilot.press("tab")
        assert app.screen.tab == "drafts"


async def test_a_returned_document_waits_in_its_initiators_to_do_with_the_reviewers_opinion(seeded):
    office, _numbers = seeded
    from tui_office.services import decisions, workflow
    from tui_office.ui.screens.form import FormScreen

    number = workflow.submit(office, "emily", "general_request", {"subject": "Chairs", "details": "Two"})
    decisions.act(office, "zhaolei", "return", number, comment="Which model?")
    assert number in [r.number for r in queries.inbox(office, "emily", "todo").rows]
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        assert "To do (" in str(app.screen.query_one("#tab-todo").label)
        assert app.screen.current.step_title == "Returned"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        banner = str(app.screen.query_one("#form-returned").render())
        assert "zhaolei" not in banner and "Which model?" in banner and "Returned by" in banner


async def test_the_delegate_picker_offers_only_who_may_take_the_task(seeded):
    office, numbers = seeded
    from tui_office.services import directory

    directory.deactivate_user(office, "wuhong", by="admin")
    initiator = queries.show(office, "liuwei", numbers["room"]).initiator
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["room"])
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, UserPicker)
        offered = {u.login for u in app.screen.users}
        assert offered and not offered & {"liuwei", initiator, "wuhong"}
        assert "zhaolei" in offered


async def test_the_number_of_marked_rows_is_shown(seeded):
    office, numbers = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["room"])
        marked = app.screen.query_one("#marked")
        assert not marked.display
        await pilot.press("space", "space")
        await pilot.pause()
        assert marked.display and str(marked.render()).startswith("2 marked")
        await pilot.press("k", "space")
        await pilot.pause()
        assert str(marked.render()).startswith("1 marked")
        await pilot.press("right_square_bracket")  # another tab: marks are per tab
        await settle(pilot)
        assert not marked.display


async def test_f1_opens_help_inside_a_form_where_question_mark_is_text(seeded):
    office, _numbers = seeded
    from textual.widgets import Input

    from tui_office.ui.screens.form import FormScreen
    from tui_office.ui.screens.help import binding_rows

    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.new_document("general_request")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("question_mark")  # text in the subject box, not help
        assert isinstance(app.screen, FormScreen)
        assert isinstance(app.focused, Input) and app.focused.value == "?"
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "form.submit" in {ident for _, _, ident in binding_rows(app.screen.target)}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)


def test_the_old_id_of_the_close_form_binding_still_moves_it():
    """A keymap written when the form's Back key was `form.leave` keeps working; the new id wins."""
    from tui_office.ui.keymap import overrides

    keys, unknown = overrides({"form.leave": "ctrl+q, escape"})
    assert keys == {"form.close": "ctrl+q,escape"} and unknown == []
    keys, _ = overrides({"form.leave": "ctrl+q", "form.close": "f2"})
    assert keys == {"form.close": "f2"}


async def test_purchasing_approves_with_supplier_and_contract_amount_from_the_step_form(seeded):
    from tui_office.services import decisions
    from tui_office.ui.dialogs.step_fields import StepFieldsDialog
    from tui_office.ui.widgets.fields import FieldRow

    office, numbers = seeded
    number = numbers["desks"]
    decisions.act(office, "liuwei", "approve", number)
    app = make_app(office, "hejun")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, StepFieldsDialog)
        rows = {row.field.id: row for row in dialog.query(FieldRow)}
        assert list(rows) == ["supplier", "contract_amount", "contract_no"]
        await pilot.press("ctrl+s")  # nothing filled in: each required field says so, nothing is sent
        await settle(pilot)
        assert app.screen is dialog
        assert rows["supplier"].has_class("-invalid") and rows["contract_amount"].has_class("-invalid")
        assert not rows["contract_no"].has_class("-invalid")
        await pilot.press("escape")  # cancelled: nothing changes
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert queries.show(office, "hejun", number).status == "in_progress"
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StepFieldsDialog)
        for key in ("A", "c", "m", "e", "enter", "5", "2", "0", "0", "enter", "enter", "O", "K", "enter"):
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    view = queries.show(office, "emily", number)
    assert view.status == "in_progress" and view.current_steps[0].step == "receipt"  # the goods come next
    shown = {fv.id: fv.text for fv in view.display}
    assert shown["supplier"] == "Acme" and "5,200.00" in shown["contract_amount"]
    entry = view.history[-1]
    assert (entry.actor, entry.action, entry.step, entry.comment) == ("hejun", "approve", "purchasing", "OK")


async def test_a_task_that_came_by_escalation_is_marked_before_its_step(seeded):
    """A supplies slip Zhao Lei left for two working days went up to Liu Wei: his inbox shows `^`
    before its step, and only before its step."""
    from datetime import timedelta

    from tests.ui.conftest import NOW
    from tui_office.services import timeouts, workflow

    office, _ = seeded
    number = workflow.submit(office, "emily", "office_supplies", {"item": "pens", "quantity": "2", "purpose": "Desk"})
    office.clock.at = NOW + timedelta(days=2)  # Wednesday: two working days on
    assert timeouts.sweep(office) == [f"{number}: manager zhaolei timeout escalate"]
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        table = app.screen.table
        step = list(table.widths).index("step")
        steps = {row.number: str(table.get_row_at(i)[step]) for i, row in enumerate(table.rows_loaded)}
        assert steps[number].startswith("^Department")
        assert not any(text.startswith("^") for n, text in steps.items() if n != number)
