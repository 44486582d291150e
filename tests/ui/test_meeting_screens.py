"""Meeting screens: Pilot tests of signing in by key from the inbox, the recorder marking
attendance and an owner closing an action item (each checked through the services), and snapshots
of the notice form, the meeting page, minutes with resolutions, the week calendar and the tracker."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.ui.conftest import make_app, make_office, settle
from tui_office.services import decisions, workflow
from tui_office.services.office import Office
from tui_office.workflows.meetings import service as meetings

NOW = datetime(2026, 11, 23, 9, 0)


def _at(office: Office, when: datetime) -> None:
    office.clock.at = when  # type: ignore[attr-defined]


def seed_meetings(office: Office) -> dict[str, str]:
    """The sales weekly meeting of Wednesday 18 November (issued minutes, one item overdue), this
    week's on Monday 23rd at 09:00–10:00 (now: sign-in open) and an ad-hoc one on Thursday."""
    n: dict[str, str] = {}
    _at(office, datetime(2026, 11, 13, 9, 0))
    n["last"] = workflow.submit(office, "sunyan", "meeting", {
        "title": "销售部周例会", "kind": "weekly", "chair": "zhaolei", "recorder": "sunyan", "place": "三楼会议室",
        "start": "2026-11-18T10:00", "end": "2026-11-18T11:00", "attendees": "emily,zhouqiang",
        "agenda": [{"topic": "本周回款情况", "presenter": "emily", "minutes": 20},
                   {"topic": "Huaxin tender pricing", "presenter": "zhaolei", "minutes": 30}]})
    _at(office, datetime(2026, 11, 18, 9, 50))
    meetings.sign_in(office, "sunyan", n["last"])
    meetings.sign_in(office, "zhaolei", n["last"])
    _at(office, datetime(2026, 11, 18, 10, 12))
    meetings.sign_in(office, "emily", n["last"])
    _at(office, datetime(2026, 11, 18, 15, 0))
    n["minutes"] = workflow.submit(office, "sunyan", "minutes", {
        "meeting": n["last"], "title": "销售部周例会", "place": "三楼会议室",
        "start": "2026-11-18T10:00", "end": "2026-11-18T11:00",
        "content": "回款：本周到账 86 万元。\nHuaxin tender: keep the 3% discount.",
        "resolutions": [{"text": "Call Huaxin finance about the final payment", "owner": "emily", "due": "2026-11-20"},
                        {"text": "更新 2027 年报价单", "owner": "zhouqiang", "due": "2026-11-27", "co_owners": "sunyan"}]},
        started_from=n["last"])
    _at(office, datetime(2026, 11, 18, 17, 0))
    decisions.act(office, "zhaolei", "approve", n["minutes"], comment="签发")
    _at(office, datetime(2026, 11, 19, 9, 0))
    n["now"] = workflow.submit(office, "sunyan", "meeting", {
        "title": "销售部周例会", "kind": "weekly", "chair": "zhaolei", "recorder": "sunyan", "place": "三楼会议室",
        "start": "2026-11-23T09:00", "end": "2026-11-23T10:00", "attendees": "emily,zhouqiang"})
    n["adhoc"] = workflow.submit(office, "chenjing", "meeting", {
        "title": "Q4 budget review 预算评审", "kind": "adhoc", "chair": "chenjing", "recorder": "zhangli",
        "place": "Board room", "start": "2026-11-26T14:00", "end": "2026-11-26T16:00", "attendees": "wuhong,zhaolei"})
    _at(office, NOW)
    return n


@pytest.fixture
def meeting_office(tmp_path: Path):
    office, _ = make_office(tmp_path, seeded=False)
    numbers = seed_meetings(office)
    yield office, numbers
    office.close()


def _status(office: Office, number: str, login: str) -> str:
    return next(r.status for r in meetings.attendance(office, "sunyan", number) if r.login == login)


async def test_sign_in_by_key_from_the_inbox(meeting_office):
    office, n = meeting_office
    _at(office, datetime(2026, 11, 23, 8, 55))
    app = make_app(office, "emily")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")  # the CC tab: meeting notices
        await settle(pilot)
        screen = app.screen
        while screen.current is not None and screen.current.number != n["now"]:
            await pilot.press("down")
        assert screen.current.number == n["now"]
        await pilot.press("S")
        await settle(pilot)
    assert _status(office, n["now"], "emily") == "present"
    assert meetings.attendance(office, "emily", n["now"])[2].signed_in_at == datetime(2026, 11, 23, 8, 55)


async def test_sign_in_key_on_another_forms_row_says_so_and_changes_nothing(meeting_office):
    office, n = meeting_office
    app = make_app(office, "emily")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")  # to do: emily's action items of the minutes
        await settle(pilot)
        assert app.screen.current.number == n["minutes"]
        await pilot.press("S")
        await settle(pilot)
        assert any("not for this row" in str(note.message) for note in app._notifications)
    assert _status(office, n["now"], "emily") == "expected"


async def _open_page(office: Office, pilot, number: str) -> None:
    """The page of meeting `number` at 09:20 on Monday (sign-in open), loaded."""
    from tui_office.workflows.meetings.ui.page import MeetingScreen

    _at(office, datetime(2026, 11, 23, 9, 20))
    await settle(pilot)
    pilot.app.push_screen(MeetingScreen(number))
    await settle(pilot)


async def test_the_recorder_marks_an_attendee_excused_with_a_reason(meeting_office):
    office, n = meeting_office
    app = make_app(office, "sunyan")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_page(office, pilot, n["now"])
        await pilot.press("down", "down", "down", "m")  # 周强
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # excused
        await settle(pilot)
        await pilot.press(*"Sent to Suzhou by the chair", "enter")
        await settle(pilot)
    row = next(r for r in meetings.attendance(office, "sunyan", n["now"]) if r.login == "zhouqiang")
    assert (row.status, row.reason) == ("excused", "Sent to Suzhou by the chair")


async def test_an_attendee_may_not_mark_the_key_is_dimmed_and_nothing_changes(meeting_office):
    from tui_office.workflows.meetings.ui.page import MeetingScreen

    office, n = meeting_office
    app = make_app(office, "emily")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_page(office, pilot, n["now"])
        assert app.screen.check_action("mark", ()) is None
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
    assert {r.status for r in meetings.attendance(office, "sunyan", n["now"])} == {"expected"}


async def test_the_owner_closes_an_action_item_from_the_tracker(meeting_office):
    from tui_office.workflows.meetings.ui.tracker import ActionTrackerScreen

    office, n = meeting_office
    app = make_app(office, "emily")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ActionTrackerScreen())
        await settle(pilot)
        await pilot.press("slash", *"Huaxin", "enter")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*"Paid on Friday", "enter")
        await settle(pilot)
    item = next(i for i in meetings.action_items(office, "emily") if i.owner == "emily")
    assert (item.status, item.note) == ("done", "Paid on Friday")
    assert next(i for i in meetings.action_items(office, "sunyan") if i.owner == "zhouqiang").status == "open"


async def test_the_recorder_extends_an_action_item_from_the_tracker_and_a_bad_date_changes_nothing(meeting_office):
    from tui_office.workflows.meetings.ui.tracker import ActionTrackerScreen

    office, n = meeting_office
    app = make_app(office, "sunyan")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ActionTrackerScreen())
        await settle(pilot)
        await pilot.press("e", *"30/11", "enter", *"Customer on holiday", "enter")
        await settle(pilot)
        assert any("not a date" in str(note.message) for note in app._notifications)
        await pilot.press("e", *"2026-11-30", "enter", *"Customer on holiday", "enter")
        await settle(pilot)
    item = next(i for i in meetings.action_items(office, "sunyan") if i.owner == "emily")
    assert (f"{item.due}", item.status) == ("2026-11-30", "open")


async def test_help_lists_the_inbox_sign_in_key(meeting_office):
    from tui_office.ui.screens.help import binding_rows

    office, _ = meeting_office
    app = make_app(office, "emily", lang="zh-CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = binding_rows(app.screen)
    assert ("S", "会议签到", "inbox.meeting_sign_in") in rows
