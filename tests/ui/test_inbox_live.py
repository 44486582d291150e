"""Live refresh: two apps on one database file see each other's work within two seconds."""

from __future__ import annotations

import asyncio
import time

from tests.ui.conftest import SIZE, general, make_app, make_office, purchase
from tui_office.i18n import t
from tui_office.services import decisions, queries
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.screens.inbox import InboxScreen


async def wait_for(condition, seconds: float) -> float:
    """Seconds it took until `condition()` held (fails after `seconds`)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if condition():
            return time.monotonic() - start
        await asyncio.sleep(0.05)
    raise AssertionError(f"not within {seconds} s")


def numbers_in(app) -> list[str]:
    screen = app.screen_stack[0]  # the inbox, under whatever the test opened
    return [row.number for row in screen.table.rows_loaded]


async def test_an_approval_in_one_app_shows_in_the_other_with_a_new_task_notice(tmp_path):
    office, _ = make_office(tmp_path)
    number = purchase(office, "emily", "Laptop stand", "3", "900", "Ergonomics")
    director = make_app(office, "zhaolei", live=True)   # approves first
    vp = make_app(office, "chenjing", live=True)        # gets the task next
    rings = []
    vp.bell = lambda: rings.append(time.monotonic())  # type: ignore[method-assign]
    async with director.run_test(size=SIZE) as one, vp.run_test(size=SIZE) as two:
        await wait_for(lambda: number in numbers_in(director), 3)
        assert number not in numbers_in(vp)
        await wait_for(lambda: vp.data_version is not None, 3)

        screen = director.screen
        assert isinstance(screen, InboxScreen)
        rows = [r.number for r in screen.table.rows_loaded]
        await one.press("g", *["j"] * rows.index(number))
        await wait_for(lambda: screen.current.number == number and screen.verdicts is not None, 2)
        await one.press("a")
        await wait_for(lambda: isinstance(director.screen, OpinionDialog), 2)
        await one.press("enter")
        approved_at = time.monotonic()
        await wait_for(lambda: number not in numbers_in(director), 2)

        seen = await wait_for(lambda: number in numbers_in(vp), 2.5)
        assert time.monotonic() - approved_at <= 2.5, seen
        await wait_for(lambda: any(n.title == t("ui.notice.new_task") for n in vp._notifications), 2)
        assert len(rings) == 1, "the bell rings once for the new task"
        assert any(number in n.message for n in vp._notifications)
        await two.pause()
    assert queries.show(office, "zhaolei", number).history[-1].action == "approve"


async def test_an_overdue_reminder_from_another_process_shows_the_same_way(tmp_path):
    from tui_office.services import away

    office, numbers = make_office(tmp_path)
    app = make_app(office, "liuwei", live=True)
    rings = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE):
        await wait_for(lambda: app.data_version is not None, 3)
        reminded = away.remind(office)  # what `tui-office remind` records (PR-2026-0001 is overdue)
        assert reminded
        await wait_for(lambda: any(n.title == t("ui.notice.reminder") for n in app._notifications), 2.5)
        assert any(numbers["cabinets"] in n.message for n in app._notifications)
        assert len(rings) == 1


async def test_others_work_that_touches_none_of_my_lists_does_not_reload_my_inbox(tmp_path):
    office, numbers = make_office(tmp_path)
    app = make_app(office, "liuwei", live=True)
    rings = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(lambda: numbers["desks"] in numbers_in(app) and app.data_version is not None, 10)
        loads = screen.generation

        # emily's request goes to her manager zhaolei, who comments on her other one: none of it is liuwei's.
        mine_before = app.list_changes
        other = general(office, "emily", "Taxi receipts for November", "Three receipts")
        decisions.act(office, "zhaolei", "comment", numbers["visit"], comment="Which customer?")
        await wait_for(lambda: app.data_version == queries.data_version(office), 10)  # the poll has seen it
        await pilot.pause()
        assert screen.generation == loads, "the inbox reloaded for others' work"
        assert app.list_changes == mine_before and other not in numbers_in(app) and not rings

        # Work that lands in liuwei's to-do still shows, with the bell.
        mine = general(office, "chenjing", "Order new chairs", "For the meeting room")
        await wait_for(lambda: mine in numbers_in(app), 10)  # how soon: the test above
        assert screen.generation > loads and len(rings) == 1
