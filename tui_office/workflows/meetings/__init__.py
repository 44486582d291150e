"""Provides `WORKFLOW`: meetings (会议) end to end, in one package.

- `forms/`: the meeting notice (会议通知), leave of absence from a meeting (会议请假) and the
  minutes (会议纪要) with their resolutions (决议事项) tracked as action items;
- `rules.py`: attendance statuses (签到, 迟到早退), the sign-in window, repeated absence, materials
  lead time, series dates, and the rules the forms name;
- `settings.py`: the `[meetings]` table of `config.toml`; `models.py`: attendance and materials;
- `service.py`: sign-in, marks, materials, series, action items, the meeting's page, resolvers and hooks;
- `demo.py`: the demo office's meetings; `cli.py`: `tui-office meeting …`; `ui/`: the meeting
  screens; `i18n/`: the strings.
Functions are named by import path (`lazy`), so starting the app imports none of them.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import RowAction, SettingsSection, Workflow, lazy
from tui_office.workflows.meetings import settings
from tui_office.workflows.meetings.models import MeetingAttendance, MeetingMaterial
from tui_office.workflows.meetings.settings import MeetingSettings

_HERE = Path(__file__).parent
_SERVICE = "tui_office.workflows.meetings.service"

WORKFLOW = Workflow(
    id="meetings",
    title_key="meetings.title",
    forms=("meeting", "meeting_absence", "minutes"),
    form_files=(_HERE / "forms",),
    rules="tui_office.workflows.meetings.rules:RULES",
    lookup=lazy(f"{_SERVICE}:lookup_for"),
    hooks={"meeting.issue_notice": lazy(f"{_SERVICE}:issue_notice"),
           "meeting.issue_minutes": lazy(f"{_SERVICE}:issue_minutes")},
    resolvers={"meeting_chair": lazy(f"{_SERVICE}:resolve_chair"),
               "adhoc_meeting_approver": lazy(f"{_SERVICE}:resolve_adhoc_approver")},
    sweeps=(lazy(f"{_SERVICE}:sweep_absences"),),
    flag_text=lazy(f"{_SERVICE}:flag_text"),
    settings=SettingsSection("meetings", MeetingSettings, ranges=settings.NUMBER_RANGES),
    models=(MeetingAttendance, MeetingMaterial),
    cli=lazy("tui_office.workflows.meetings.cli:register"),
    row_actions=(RowAction("meeting_sign_in", "S", "meetings.key.sign_in", ("meeting",), f"{_SERVICE}:sign_in"),),
    palette=("tui_office.workflows.meetings.ui.commands:MeetingCommands",),
    screens={
        "calendar": "tui_office.workflows.meetings.ui.calendar:MeetingCalendarScreen",
        "tracker": "tui_office.workflows.meetings.ui.tracker:ActionTrackerScreen",
    },
    details=lazy(f"{_SERVICE}:details"),
    demo_documents=lazy("tui_office.workflows.meetings.demo:load_documents"),
    catalogue=_HERE / "i18n",
)
