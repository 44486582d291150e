"""Pilot tests: an administrator finds a document, sees its route and steps in, by keys alone."""

from __future__ import annotations

from tests.ui.conftest import SIZE, make_app, settle
from tui_office.services import queries
from tui_office.ui.dialogs.choice import ChoiceDialog
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.intervention import InterventionScreen


def where(office, number):
    view = queries.show(office, "admin", number)
    return [s.step for s in view.current_steps], sorted(
        a.login for s in view.current_steps for a in s.assignees if a.status == "open")


async def _open_on(pilot, number: str) -> InterventionScreen:
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    await pilot.press(*"interv", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterventionScreen)
    await pilot.press(*number, "enter")
    await settle(pilot)
    return screen


async def test_admin_pulls_a_document_back_from_the_screen(seeded):
    office, numbers = seeded
    desks = numbers["desks"]
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_on(pilot, desks)
        shown = str(screen.query_one("#intervene-route").render())
        assert "General manager" in shown and ("Liu Wei" in shown or "刘伟" in shown)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the step before: the vice president
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("enter")  # a reason is required: nothing happens without one
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press(*"New quote", "enter")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("slash", *numbers["room"], "enter")  # / looks up another document
        await settle(pilot)
        assert screen.route.view.number == numbers["room"]
        await pilot.press("slash", *"GR-2026-9999", "enter")  # not found: said, and typed over next
        await settle(pilot)
        assert screen.route is None and any("GR-2026-9999" in n.message for n in app._notifications)
        await pilot.press("slash", *desks, "enter")
        await settle(pilot)
        assert screen.route.view.number == desks
    assert where(office, desks) == (["vp"], ["chenjing"])
    last = queries.show(office, "admin", desks).history[-1]
    assert (last.actor, last.action, last.comment) == ("admin", "intervene-pull-back", "New quote")


async def test_admin_reassigns_a_pending_task_from_the_screen(seeded):
    office, numbers = seeded
    desks = numbers["desks"]
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await _open_on(pilot, desks)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # liuwei, the only one pending
        await settle(pilot)
        assert isinstance(app.screen, UserPicker)
        await pilot.press(*"sunyan")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press(*"Away this week", "enter")
        await settle(pilot)
    assert where(office, desks) == (["gm"], ["sunyan"])


async def test_the_screen_is_offered_to_administrators_only(seeded):
    office, _ = seeded
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press(*"interv", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, InterventionScreen)
