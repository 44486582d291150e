"""Keys typed in one burst right after Tab land in the field Tab moved to (a fast typist, a paste,
a slow SSH link delivering keys together): on every form-like screen."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, office, steady, SIZE, settle  # noqa: E402,F401  (fixtures)

from textual import events  # noqa: E402

from tui_office.services import queries  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402
from tui_office.ui.widgets.fields import FieldRow  # noqa: E402


async def burst(pilot, *keys: str) -> None:
    """Deliver `keys` as a terminal does when they arrive together: all queued before the first is
    handled (Pilot's `press` waits for each key to be handled, which hides the loss)."""
    chars = {"tab": "\t", "shift+tab": None, "down": None, "up": None, "space": " ", "enter": "\r", "backspace": "\x7f", "ctrl+u": "\x15"}
    for key in keys:
        pilot.app.post_message(events.Key(key, chars.get(key, key)))
    await pilot.pause()


def value(app, field_id: str):
    return app.screen.query_one(f"#field-{field_id}", FieldRow).raw


async def test_keys_right_after_tab_go_to_the_next_field(office):
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "a", "tab", "b", "c")
        await settle(pilot)
        assert value(app, "subject") == "a"
        assert value(app, "details") == "bc"
        await pilot.press("ctrl+s")
        await settle(pilot)
    drafts = queries.inbox(office, "emily", "drafts").rows
    assert len(drafts) == 1
    assert queries.show(office, "emily", drafts[0].number).fields == {"subject": "a", "details": "bc"}


async def test_the_step_form_keeps_a_burst_typed_across_tab(tmp_path):
    from tests.ui.conftest import make_app, make_office
    from tests.ui.test_inbox_actions import cursor_to
    from tui_office.services import decisions
    from tui_office.ui.dialogs.step_fields import StepFieldsDialog

    office, numbers = make_office(tmp_path)
    number = numbers["desks"]
    decisions.act(office, "liuwei", "approve", number)
    app = make_app(office, "hejun")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StepFieldsDialog)
        await burst(pilot, "A", "c", "m", "e", "tab", "5", "2", "0", "0", "tab", "tab", "O", "K", "enter")
        await settle(pilot)
    view = queries.show(office, "emily", number)
    office.close()
    shown = {fv.id: fv.text for fv in view.display}
    assert shown["supplier"] == "Acme" and "5,200.00" in shown["contract_amount"]
    assert view.history[-1].comment == "OK"


async def test_editing_keys_in_a_burst_apply_in_order(office):
    """backspace and ctrl+u are bindings of the text box, run only after the key has travelled up to
    the app: letters typed right after must not overtake them."""
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "a", "b", "backspace", "c")
        await settle(pilot)
        assert value(app, "subject") == "ac"
        await burst(pilot, "ctrl+u", "d", "e", "tab", "x", "y", "backspace", "z")
        await settle(pilot)
        assert value(app, "subject") == "de"
        assert value(app, "details") == "xz"


async def test_a_quick_phrase_picked_in_a_burst_is_kept_and_what_follows_appends(office):
    """`down`, `enter` and more letters arriving together in the opinion dialog: the phrase is
    picked (not an empty opinion submitted) and the letters go after it."""
    from tui_office.i18n import t
    from tui_office.services import workflow
    from tui_office.ui.dialogs.opinion import OpinionDialog
    from tui_office.ui.screens.document import DocumentScreen

    number = workflow.submit(office, "emily", "general_request", {"subject": "Visitor passes", "details": "Two"})
    app = Host(office, "zhaolei", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await burst(pilot, "down", "enter", "!", "!")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog), "picking a phrase must not submit the opinion"
        await pilot.press("enter")
        await settle(pilot)
    [entry] = [h for h in queries.show(office, "emily", number).history if h.action == "approve"]
    assert entry.comment == t("opinion.phrase.agreed") + "!!"


async def test_ticks_typed_in_a_burst_land_on_the_lines_they_were_meant_for(office):
    """`down space down space` in one burst ticks the second and third lines (it used to move twice
    and tick the third line twice: nothing ticked)."""
    from textual.widgets import SelectionList

    from tui_office.ui.dialogs.pick_many import PickManyDialog

    options = [("clerk", "Clerk", False), ("hr", "HR", False), ("finance", "Finance", False)]
    app = Host(office, "admin", lambda: PickManyDialog("Roles", options, lambda ticked: "saved"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "down", "space", "down", "space")
        await settle(pilot)
        assert app.screen.query_one("#pick-many", SelectionList).selected == ["hr", "finance"]
