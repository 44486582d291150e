"""Snapshots (120x40, English and Chinese) of the meeting notice form, a meeting's page with its
attendance, minutes with their resolutions table, the week's meetings and the action-item tracker.
Each test says what the picture must show; review the SVG like code."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tests.ui.conftest import SIZE, settle
from tests.ui.formhost import Host, open_office, steady  # noqa: F401  (autouse fixture)
from tests.ui.test_meeting_screens import _at, seed_meetings
from tui_office.i18n import set_language
from tui_office.services import start_from, workflow
from tui_office.services.office import Office
from tui_office.ui.screens.form import FormScreen
from tui_office.workflows.meetings import service as meetings
from tui_office.workflows.meetings.ui.calendar import MeetingCalendarScreen
from tui_office.workflows.meetings.ui.page import MeetingScreen
from tui_office.workflows.meetings.ui.tracker import ActionTrackerScreen

LANGS = pytest.mark.parametrize("lang", ["en", "zh-CN"])


@pytest.fixture
def meeting_office(tmp_path: Path):
    office = open_office(tmp_path)
    numbers = seed_meetings(office)
    _at(office, datetime(2026, 11, 23, 9, 20))
    meetings.sign_in(office, "sunyan", numbers["now"])
    _at(office, datetime(2026, 11, 23, 9, 40))
    meetings.sign_in(office, "emily", numbers["now"])
    yield office, numbers
    office.close()


def _app(office: Office, login: str, screen, lang: str) -> Host:
    set_language(lang)
    office.settings.language = lang
    return Host(office, login, screen)


async def _settle(pilot) -> None:
    await settle(pilot)


@LANGS
def test_notice_form(meeting_office, snap_compare, lang):
    """A weekly meeting notice being written: title, kind Weekly standing, chair 赵磊, recorder 孙燕
    (with its help line), place, start and end, the attendees picker (everyone, its help line below),
    the empty whole-departments table and the agenda table with two topics (presenter and minutes)."""
    office, _ = meeting_office
    draft = workflow.save_draft(office, "sunyan", "meeting", {
        "title": "销售部周例会", "kind": "weekly", "chair": "zhaolei", "recorder": "sunyan", "place": "三楼会议室",
        "start": "2026-11-30T10:00", "end": "2026-11-30T11:00", "attendees": "emily,zhouqiang",
        "agenda": [{"topic": "本周回款情况", "presenter": "emily", "minutes": 20},
                   {"topic": "Huaxin tender pricing", "presenter": "zhaolei", "minutes": 30}]})
    app = _app(office, "sunyan", lambda: FormScreen(None, number=draft), lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


@LANGS
def test_meeting_page_with_attendance(meeting_office, snap_compare, lang):
    """Last Wednesday's sales weekly meeting as its recorder sees it: the notice (kind, time, place,
    chair 赵磊, recorder 孙燕, the two agenda topics with presenter and minutes); attendance with
    sign-in times — 孙燕 and 赵磊 present, Emily Carter late (absent) at 10:12, 周强 absent;
    no materials; the issued minutes; two action items, the first overdue (red), the second open.
    Footer: sign in, sign out, mark attendance (live for the recorder), leave of absence."""
    office, n = meeting_office
    app = _app(office, "sunyan", lambda: MeetingScreen(n["last"]), lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


@LANGS
def test_minutes_with_resolutions(meeting_office, snap_compare, lang):
    """Minutes of this morning's meeting started from it: the meeting notice link MT-2026-0002, an
    empty "Corrects" link, title, place and times filled in from the notice, the discussion text
    and a resolutions table of two rows (text, owner, due date, co-owners) with its help line."""
    office, n = meeting_office
    _at(office, datetime(2026, 11, 23, 11, 0))
    draft = start_from.submit(office, "sunyan", "minutes", n["now"], {
        "content": "回款：本周到账 120 万元。\nNew price list approved.",
        "resolutions": [{"text": "Send the new price list to customers", "owner": "emily", "due": "2026-11-27"},
                        {"text": "整理华信项目结算资料", "owner": "zhouqiang", "due": "2026-12-04", "co_owners": "sunyan"}]},
        draft=True)
    app = _app(office, "sunyan", lambda: FormScreen(None, number=draft), lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


@LANGS
def test_week_calendar(meeting_office, snap_compare, lang):
    """The week of 23–29 November for 赵磊: Monday (today, heading marked `>` and reversed) with
    the 09:00 sales weekly meeting, Thursday with the 14:00 budget review; the list below with
    both, their time, place, kind and notice status (the ad-hoc one in progress)."""
    office, _ = meeting_office
    app = _app(office, "zhaolei", lambda: MeetingCalendarScreen(), lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)


@LANGS
def test_action_tracker(meeting_office, snap_compare, lang):
    """The action items 孙燕 (the recorder) tracks: title line with 1 open, 1 overdue, 0 done;
    grouped by meeting, the meeting named once; Emily Carter's item overdue (red) due 11-20,
    周强's open due 11-27, each with its resolution text, then its minutes number and row."""
    office, _ = meeting_office
    app = _app(office, "sunyan", lambda: ActionTrackerScreen(), lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_settle)
