"""Pilot tests of the form screen: filled and submitted by keys alone, problems shown where they are,
drafts that survive closing the app, the line-item grid, visible_if and conditionally required items."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, office, steady, SIZE, settle, type_text, row  # noqa: E402,F401  (fixtures)
from textual.widgets import Input, Select, Static, TextArea  # noqa: E402

from tui_office.services import decisions, queries, workflow  # noqa: E402
from tui_office.ui.dialogs.form_summary import FormSummary  # noqa: E402
from tui_office.ui.dialogs.unsaved_changes import UnsavedChanges  # noqa: E402
from tui_office.ui.screens.document import DocumentScreen  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402
from tui_office.ui.widgets.checklist import ChecklistField  # noqa: E402
from tui_office.ui.widgets.fields import FieldRow  # noqa: E402
from tui_office.ui.widgets.line_items import LineItemGrid  # noqa: E402



def problem(app, field_id: str) -> str:
    return str(row(app, field_id).query_one(".field-problem", Static).render())


def focused_field(app) -> str | None:
    node = app.focused
    while node is not None and not isinstance(node, FieldRow):
        node = node.parent
    return node.field.id if node is not None else None


async def test_general_request_filled_and_submitted_by_keys_alone(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert focused_field(app) == "subject"
        await type_text(pilot, "Printer paper")
        await pilot.press("tab")
        assert focused_field(app) == "details"
        await type_text(pilot, "Ten reams for the sales office")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, FormSummary)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, FormSummary))
    number = app.results[-1]
    assert number and number.startswith("GR-2026-")
    view = queries.show(office, "emily", number)
    assert view.status == "in_progress"
    assert view.fields == {"subject": "Printer paper", "details": "Ten reams for the sales office"}
    assert [s.step for s in view.current_steps] == ["manager"]


async def test_problems_shown_beside_fields_and_focus_on_the_first(office):
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Quantity: leaving a field with a bad value says so at once, in words.
        row(app, "quantity").focus_editor()
        await type_text(pilot, "two")
        await pilot.press("tab")
        await pilot.pause()
        assert problem(app, "quantity") == "'two' is not a number."
        # Submit with everything else empty: every problem shows, focus goes to the first.
        await pilot.press("f10")
        await settle(pilot)
        assert not isinstance(app.screen, FormSummary)
        assert focused_field(app) == "item"
        assert problem(app, "item") == "This field is required."
        assert problem(app, "reason") == "This field is required."
        assert problem(app, "quantity") == "'two' is not a number."
        assert problem(app, "needed_by") == ""
        banner = str(app.screen.query_one("#form-problems", Static).render())
        assert "4 problem(s)" in banner
        # Fixing a field clears its problem as soon as it reads.
        row(app, "quantity").query_one(Input).value = "2"
        await pilot.pause()
        assert problem(app, "quantity") == ""


async def test_passing_through_an_empty_field_does_not_scold(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert problem(app, "subject") == ""


async def test_draft_saved_app_closed_reopened_values_back(office):
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Toner")
        row(app, "quantity").focus_editor()
        await type_text(pilot, "3")
        row(app, "needed_by").focus_editor()
        await type_text(pilot, "2026-12-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        number = app.screen.number
        assert number and number.startswith("PR-2026-")
        assert not app.screen.state.dirty
    assert queries.show(office, "emily", number).status == "draft"

    again = Host(office, "emily", lambda: FormScreen("purchase_request", number))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert row(again, "item").query_one(Input).value == "Toner"
        assert row(again, "quantity").query_one(Input).value == "3"
        assert row(again, "needed_by").query_one(Input).value == "2026-12-01"
        assert "PR-2026-" in str(again.screen.query_one("#form-title", Static).render())


async def test_changes_save_themselves_before_a_killed_terminal(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Chairs")
        app.screen._autosave()  # what the timer does every few seconds
        await settle(pilot)
        number = app.screen.number
        assert number is not None
        app.screen._autosave()  # nothing changed since: no second save
        assert not app.screen._saving
    # The app is gone without ctrl+s or a question; the typed subject is in the database.
    assert queries.show(office, "emily", number).fields.get("subject") == "Chairs"


async def test_leaving_with_unsaved_changes_asks_first(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Desk")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("escape")  # stay
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # save as a draft and leave
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, UnsavedChanges))
    drafts = queries.inbox(office, "emily", "drafts").rows
    assert [r.title for r in drafts] == ["Desk"]


async def test_line_item_grid_add_edit_delete_rows_with_totals(office):
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        grid = app.screen.query_one(LineItemGrid)
        grid.focus_first()
        await pilot.press("ctrl+n")
        await type_text(pilot, "Pens")          # typing starts editing the cell
        await pilot.press("tab", "tab")          # keep it, skip the specification
        await type_text(pilot, "10")
        await pilot.press("enter")               # quantity kept, on to the unit price
        await type_text(pilot, "2.5")
        await pilot.press("enter")
        await pilot.press("insert")
        await type_text(pilot, "Paper")
        await pilot.press("tab", "tab")
        await type_text(pilot, "2")
        await pilot.press("tab")
        await type_text(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()
        assert grid.rows == [
            {"name": "Pens", "spec": "", "qty": "10", "price": "2.5"},
            {"name": "Paper", "spec": "", "qty": "2", "price": "30"},
        ]
        totals = str(grid.query_one("#grid-totals", Static).render())
        assert "85.00" in totals and "Total" in totals
        assert str(row(app, "items_total").query_one("#editor", Static).render()) == "85.00"
        # Delete the first row: the totals follow.
        grid.focus_first(0, "name")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert [r["name"] for r in grid.rows] == ["Paper"]
        assert "60.00" in str(grid.query_one("#grid-totals", Static).render())
        assert str(row(app, "items_total").query_one("#editor", Static).render()) == "60.00"
        # A bad cell is marked and named when leaving the grid.
        grid.focus_first(0, "qty")
        await pilot.press("enter")
        editor = grid.query_one("#grid-editor", Input)
        editor.value = "many"
        await pilot.press("enter")
        await pilot.press("tab", "tab")  # out of the grid
        await pilot.pause()
        assert problem(app, "items") == "Row 1 · Qty: 'many' is not a number."
        state_values = app.screen.state.evaluate().values
        assert state_values["items"][0]["price"] == Decimal("30.00")


async def test_visible_if_and_checklist_items_required_now(office):
    app = Host(office, "emily", lambda: FormScreen("expense_claim"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checklist = app.screen.query_one(ChecklistField)
        assert checklist.required == {"invoice"}
        row(app, "expense_type").query_one(Select).value = "meals"
        await pilot.pause()
        assert checklist.required == {"invoice", "guest_list"}
        row(app, "amount").query_one(Input).value = "6000"
        await pilot.pause()
        assert checklist.required == {"invoice", "guest_list", "prior_approval"}
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = row(app, "items_total")
        assert not total.display  # visible_if = "count(items) > 0"
        assert "supplier" not in app.screen.rows  # filled in later, by purchasing
        grid = app.screen.query_one(LineItemGrid)
        grid.focus_first()
        await pilot.press("ctrl+n")
        await type_text(pilot, "Pens")
        await pilot.press("enter")
        await pilot.pause()
        assert total.display


async def test_returned_document_edited_and_resubmitted(office):
    number = workflow.submit(office, "emily", "general_request", {"subject": "Chairs", "details": "Two chairs"})
    decisions.act(office, "zhaolei", "return", number, comment="Which model?")
    assert queries.show(office, "emily", number).status == "returned"
    app = Host(office, "emily", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        details = row(app, "details").query_one(TextArea)
        details.focus()
        await pilot.press("end")
        await type_text(pilot, ", model X2")
        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
    view = queries.show(office, "emily", number)
    assert view.status == "in_progress"
    assert view.fields["details"] == "Two chairs, model X2"
    assert [h.action for h in view.history][-1] == "resubmit"


async def test_no_traceback_for_odd_input(office):
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for field_id, text in (("quantity", "1e999999"), ("amount", "¥1,2,3.4.5"), ("needed_by", "2026-02-30")):
            row(app, field_id).query_one(Input).value = text
        grid = app.screen.query_one(LineItemGrid)
        grid.focus_first()
        await pilot.press("ctrl+n")
        await type_text(pilot, "[{")
        await pilot.press("enter")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert problem(app, "quantity") and problem(app, "amount") and problem(app, "needed_by")


async def test_every_shipped_form_opens_and_checks(office):
    """Each definition in data/forms renders, and F10 on the empty form shows problems, not a crash."""
    for info in queries.forms_for(office, "emily"):
        app = Host(office, "emily", lambda: FormScreen(info.id))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, FormScreen), info.id
            form = app.screen.form
            later = form.step_fields()
            assert set(app.screen.rows) == {f.id for f in form.fields if f.id not in later}
            await pilot.press("f10")
            await settle(pilot)
            assert isinstance(app.screen, FormScreen), info.id
            assert app.screen.query_one("#form-problems", Static).display, info.id


async def test_q_on_a_field_that_is_not_text_asks_before_leaving(office):
    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "quill")  # q typed into a text box is a letter
        assert row(app, "item").query_one(Input).value == "quill"
        await pilot.press("tab", "q")  # on the category list it means leave
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)


async def test_grid_keeps_every_character_of_a_burst(office):
    """Paste or an input method commits several keys at once, faster than focus moves: none is lost."""
    from textual.events import Key

    app = Host(office, "emily", lambda: FormScreen("purchase_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        grid = app.screen.query_one(LineItemGrid)
        grid.focus_first()
        await pilot.press("ctrl+n")
        burst = [*"Chair", "tab", *"办公椅", "tab", "4", "enter", *"600", "enter"]
        for key in burst:  # as the terminal driver delivers them, without waiting in between
            event = Key(key, {"tab": "\t", "enter": "\r"}.get(key, key))
            event.set_sender(app)
            app._driver.send_message(event)
        await pilot.pause()
        await pilot.pause()
        assert grid.rows == [{"name": "Chair", "spec": "办公椅", "qty": "4", "price": "600"}]


async def test_submit_confirmed_during_an_autosave_makes_one_document(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Projector")
        await pilot.press("tab")
        await type_text(pilot, "For the meeting room")
        await pilot.press("f10")
        await pilot.pause()
        app.screen_stack[-2]._autosave()  # the timer fires behind the summary
        await pilot.press("enter")
        await settle(pilot)
    number = app.results[-1]
    assert queries.show(office, "emily", number).status == "in_progress"
    assert queries.inbox(office, "emily", "drafts").rows == []


async def test_checklist_keys_stay_inside_and_typed_text_is_never_dropped(office):
    app = Host(office, "emily", lambda: FormScreen("expense_claim"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checklist = app.screen.query_one(ChecklistField)
        row(app, "receipts").focus_editor()
        await pilot.pause()
        assert app.focused.id == "item-invoice"
        # ↑/↓ and j/k move inside; space ticks the item under the cursor.
        await pilot.press("down")
        assert app.focused.id == "item-delivery_list"
        await pilot.press("j", "k")
        assert app.focused.id == "item-delivery_list"
        await pilot.press("up", "space")
        assert checklist.raw == ["invoice"]
        # Tab leaves the checklist at once, whichever item the cursor is on.
        await pilot.press("down", "tab")
        assert focused_field(app) == "notes"
        await type_text(pilot, "Taxi receipts")
        assert row(app, "notes").query_one(TextArea).text == "Taxi receipts"
        # Typing on the checklist carries the text on to the next text box; no box is toggled.
        row(app, "notes").query_one(TextArea).text = ""
        row(app, "receipts").focus_editor()
        await pilot.pause()
        await type_text(pilot, "Paid by card")
        await pilot.pause()
        assert focused_field(app) == "notes"
        assert row(app, "notes").query_one(TextArea).text == "Paid by card"
        assert checklist.raw == ["invoice"]


async def test_leaving_a_new_form_without_saving_takes_its_autosaved_draft_away(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Desk")
        app.screen._autosave()
        await settle(pilot)
        assert app.screen.number is not None
        await pilot.press("escape")  # everything is saved, but only by the form itself: ask
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, UnsavedChanges))
    assert queries.inbox(office, "emily", "drafts").rows == []


async def test_a_form_with_nothing_filled_in_is_never_kept_as_a_draft(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "D")
        app.screen._autosave()
        await settle(pilot)
        assert app.screen.number is not None
        await pilot.press("backspace")
        app.screen._autosave()  # nothing left to keep: no empty draft is written
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # "save and leave" with nothing filled in keeps nothing
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, UnsavedChanges))
    assert queries.inbox(office, "emily", "drafts").rows == []


async def test_a_draft_asked_for_is_kept_when_leaving(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Desk")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, UnsavedChanges))
    assert [r.title for r in queries.inbox(office, "emily", "drafts").rows] == ["Desk"]


async def test_typing_on_a_checklist_with_no_text_box_after_it_is_refused_visibly(office):
    from tui_office.i18n import t

    app = Host(office, "emily", lambda: FormScreen("leave"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row(app, "type").query_one(Select).value = "sick"
        await pilot.pause()
        checklist = app.screen.query_one(ChecklistField)
        row(app, "evidence").focus_editor()
        await pilot.pause()
        await type_text(pilot, "a x")
        await pilot.pause()
        assert checklist.raw == []  # the space did not tick a box after refused letters
        assert [n.message for n in app._notifications].count(t("form.checklist_no_text")) == 1  # once, not per key
        assert focused_field(app) == "evidence"


async def test_leaving_an_opened_draft_without_saving_undoes_what_autosave_kept(office):
    number = workflow.save_draft(office, "emily", "general_request", {"subject": "Desk"})
    app = Host(office, "emily", lambda: FormScreen("general_request", number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row(app, "subject").focus_editor()
        await pilot.press("end")
        await type_text(pilot, " lamp")
        app.screen._autosave()
        await settle(pilot)
        assert queries.show(office, "emily", number).fields["subject"] == "Desk lamp"
        await pilot.press("escape")  # saved, but only by the form itself: ask
        await pilot.pause()
        assert isinstance(app.screen, UnsavedChanges)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, (FormScreen, UnsavedChanges))
    assert queries.show(office, "emily", number).fields["subject"] == "Desk"
    assert [r.number for r in queries.inbox(office, "emily", "drafts").rows] == [number]
