"""Every action the CLI offers, by key in the inbox and the document view: add approver (before
or after me), cc, retract, return to a chosen step, delegate with a note, a follow-up (report
back), approve-and-next, out of office — each checked in the database through the services."""

from __future__ import annotations

from datetime import datetime

from tests.ui.conftest import SIZE, make_app, make_office, settle
from tests.ui.test_inbox_actions import cursor_to, notices
from tui_office.i18n import t
from tui_office.services import away, decisions, queries, workflow
from tui_office.ui.dialogs.away import AwayDialog
from tui_office.ui.dialogs.choice import ChoiceDialog
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.document import DocumentScreen
from tui_office.ui.screens.help import HelpScreen, binding_rows
from tui_office.ui.screens.inbox import InboxScreen


def todo(office, login: str) -> list[str]:
    return [row.number for row in queries.inbox(office, login, "todo").rows]


async def typed(pilot, text: str) -> None:
    for ch in text:
        await pilot.press({" ": "space"}.get(ch, ch))


async def press_in_document_view(pilot, number: str, key: str) -> None:
    """Once the app has started, open document `number` and press `key` there."""
    await settle(pilot)
    pilot.app.open_document(number)
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)


async def pick(pilot, login: str) -> None:
    """In the open people picker: filter by `login` and take the first match."""
    assert isinstance(pilot.app.screen, UserPicker), pilot.app.screen
    await typed(pilot, login)
    await pilot.press("enter")
    await settle(pilot)


async def test_add_an_approver_before_me(seeded):
    office, numbers = seeded
    number = numbers["desks"]
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        await pilot.press("plus")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, UserPicker)
        offered = {u.login for u in picker.users}
        assert "liuwei" not in offered and "emily" not in offered  # not me, not the initiator
        await pick(pilot, "hejun")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("j", "enter")  # before me
        await settle(pilot)
    assert number in todo(office, "hejun")
    assert number not in todo(office, "liuwei")  # waits until hejun has decided
    assert queries.show(office, "liuwei", number).history[-1].action == "add-approver"


async def test_copy_to_someone_from_the_document_view(seeded):
    office, numbers = seeded
    number = numbers["desks"]
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await press_in_document_view(pilot, number, "C")
        await pick(pilot, "hejun")
        assert isinstance(app.screen, DocumentScreen)
    assert number in [row.number for row in queries.inbox(office, "hejun", "cc").rows]


async def test_retract_my_approval_from_the_done_tab(seeded):
    office, numbers = seeded
    number = numbers["desks"]
    decisions.act(office, "liuwei", "approve", number, comment="ok")  # now with purchasing, not yet acted on
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number, tab="4")
        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
    assert number in todo(office, "liuwei")
    assert queries.show(office, "liuwei", number).history[-1].action == "retract"


async def test_return_to_a_chosen_earlier_step(seeded):
    office, numbers = seeded
    number = numbers["desks"]  # manager (zhaolei) → vice president (chenjing) → now liuwei
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        await pilot.press("b")
        await settle(pilot)
        choice = app.screen
        assert isinstance(choice, ChoiceDialog)
        assert [value for value, _ in choice.choices] == ["vp", "initiator", "director"]
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await typed(pilot, "check the count")
        await pilot.press("enter")
        await settle(pilot)
    assert number in todo(office, "zhaolei")
    last = queries.show(office, "liuwei", number).history[-1]
    assert (last.action, last.comment) == ("return", "check the count")


async def test_delegate_with_a_note(seeded):
    office, numbers = seeded
    number = numbers["print"]
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        await pilot.press("d")
        await settle(pilot)
        await pick(pilot, "hejun")
        assert isinstance(app.screen, OpinionDialog)
        await typed(pilot, "you know the printer")
        await pilot.press("enter")
        await settle(pilot)
    assert number in todo(office, "hejun")
    last = queries.show(office, "liuwei", number).history[-1]
    assert (last.action, last.comment) == ("delegate", "you know the printer")


async def test_approve_then_the_next_task_opens(seeded):
    office, numbers = seeded
    number = numbers["room"]
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_document(number)
        await settle(pilot)
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DocumentScreen) and screen.number != number
        assert screen.number in todo(office, "liuwei")
    assert number not in todo(office, "liuwei")


async def test_report_back_has_its_own_key(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    number = leave_request(office)
    for person in ("zhaolei", "liuwei", "wangfang"):
        decisions.act(office, person, "approve", number)
    office.clock.at = datetime(2026, 11, 30, 9, 0)  # type: ignore[attr-defined]
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        await pilot.press("a")  # not an approval: the notice names the key that does it
        await settle(pilot)
        assert any(t("keys.approve") in n and "f" in n.split("|")[1] for n in notices(app)), notices(app)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    assert number not in todo(office, "emily")
    assert queries.show(office, "emily", number).history[-1].action == "report-back"


async def open_away(pilot) -> AwayDialog:
    """`o` in the inbox: the out-of-office view."""
    await pilot.press("o")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AwayDialog)
    return pilot.app.screen


async def away_until(pilot, last_day: str, deputy: str) -> None:
    """In the out-of-office view: away from today until `last_day`, `deputy` standing in."""
    await pilot.press("tab", "ctrl+u")
    await typed(pilot, last_day)
    await pilot.press("enter")
    await settle(pilot)
    await pick(pilot, deputy)


async def test_out_of_office_set_listed_and_cancelled(seeded):
    office, _ = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_away(pilot)
        await away_until(pilot, "2026-11-27", "chenjing")
        assert isinstance(app.screen, ConfirmDialog)  # it begins today: hand over what is waiting too?
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is dialog
        [record] = away.away_list(office, "liuwei")
        assert (record.deputy, str(record.start), str(record.end)) == ("chenjing", "2026-11-23", "2026-11-27")
        assert dialog.query_one("#away-list").option_count == 1
        dialog.query_one("#away-list").focus()
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog
    assert away.away_list(office, "liuwei") == []


async def test_the_absent_manager_hands_over_his_waiting_tasks_by_keys_alone(seeded):
    office, numbers = seeded
    app = make_app(office, "zhaolei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["visit"])
        dialog = await open_away(pilot)
        assert dialog.check_action("hand_over", ()) is None  # nobody stands in for him today: dimmed
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert ("^t", "Hand over waiting tasks", "away.hand_over") in binding_rows(dialog)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.screen is dialog and t("away.hand_over_unavailable") in str(dialog.query_one("#away-error").render())
        await away_until(pilot, "2026-11-27", "wangfang")
        offer = app.screen
        assert isinstance(offer, ConfirmDialog) and "1 waiting task(s)" in offer.question and "王芳" in offer.question
        await pilot.press("n")  # not now
        await settle(pilot)
        assert numbers["visit"] in todo(office, "zhaolei")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.question == "Hand 1 waiting task(s) to 王芳 now? y/n"
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is dialog
        assert any("handed over to 王芳" in n for n in notices(app))
    assert numbers["visit"] not in todo(office, "zhaolei")
    assert numbers["visit"] in todo(office, "wangfang")


def leave_request(office) -> str:
    values = {"type": "personal", "start": "2026-11-25", "end": "2026-11-27", "reason": "family matters",
              "handover": "sunyan"}
    return workflow.submit(office, "emily", "leave", values)


async def test_a_record_step_calls_its_key_record(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    number = leave_request(office)
    for person in ("zhaolei", "liuwei"):
        decisions.act(office, person, "approve", number)
    app = make_app(office, "wangfang", lang="zh_CN")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, number)
        bound = app.screen.active_bindings["a"]
        assert bound.binding.description == t("keys.record") == "登记" and bound.enabled
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        assert app.screen.query_one("#opinion").border_title == t("opinion.title.record", number=number)
        await pilot.press("enter")
        await settle(pilot)
    assert queries.show(office, "emily", number).status == "approved"


async def test_remove_an_approver_i_added_from_the_document_view_until_they_act(seeded):
    """减签 with `-`: liuwei takes off the approver he added, and the timeline says so; once an
    approver he added has decided, `-` only says why nobody can be removed."""
    from tests.ui.test_document_view import text_of
    from textual.widgets import Static

    office, numbers = seeded
    number = numbers["desks"]
    decisions.act(office, "liuwei", "add-approver", number, to="hejun", comment="Purchasing should check the price")
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await press_in_document_view(pilot, number, "minus")
        assert [u.login for u in app.screen.users] == ["hejun"]  # only whom I added
        await pick(pilot, "hejun")
        assert isinstance(app.screen, OpinionDialog)
        await typed(pilot, "price confirmed")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        timeline = text_of(app.screen.query_one("#doc-timeline-body", Static))
        assert "刘伟  Removed an approver → 何军" in timeline and "Opinion: price confirmed" in timeline
        assert number not in todo(office, "hejun")
        last = queries.show(office, "liuwei", number).history[-1]
        assert (last.action, last.comment) == ("remove-approver", "price confirmed")

        decisions.act(office, "liuwei", "add-approver", number, to="linna", position="before", comment="Check stock")
        decisions.act(office, "linna", "approve", number, comment="In stock")
        await pilot.press("R")  # read again: linna has decided
        await settle(pilot)
        await pilot.press("minus")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)  # no picker
        assert any(f"Nobody on {number} is yours to remove" in n for n in notices(app)), notices(app)
    assert queries.show(office, "liuwei", number).history[-1].actor == "linna"
