"""Pilot test: delegate-and-return (委派) from the inbox, by keys alone, as both people in it."""

from __future__ import annotations

from tests.ui.conftest import SIZE, make_app, settle
from tests.ui.test_inbox_actions import cursor_to
from tui_office.services import queries
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.inbox import InboxScreen


def open_logins(office, number):
    view = queries.show(office, "admin", number)
    return [a.login for s in view.current_steps for a in s.assignees if a.status == "open"]


async def test_entrust_from_the_inbox_comes_back_after_the_answer(seeded):
    office, numbers = seeded
    room = numbers["room"]
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, room)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, UserPicker)
        await pilot.press("w", "h")  # 吴红 (wuhong)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press(*"Seats?", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert room not in [r.number for r in app.screen.table.rows_loaded]
    assert open_logins(office, room) == ["wuhong"]

    app = make_app(office, "wuhong")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, room)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog) and app.screen.required  # the answer needs an opinion
        await pilot.press(*"Enough seats", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    assert open_logins(office, room) == ["liuwei"]
    view = queries.show(office, "liuwei", room)
    assert view.status == "in_progress"
    assert [(h.actor, h.action, h.comment) for h in view.history[-2:]] == [
        ("liuwei", "entrust", "Seats?"), ("wuhong", "entrust-approve", "Enough seats")]
