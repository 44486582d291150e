"""Provides `WORKFLOW`: meetings (会议) end to end, in one package.

- `forms/`: the meeting notice (会议通知), leave of absence from a meeting (会议请假) and the
  minutes (会议纪要) with their resolutions (决议事项) tracked as action items;
- `rules.py`: attendance statuses (签到, 迟到早退), the sign-in window, repeated absence, materials
  lead time, and the rules the forms name;
- `settings.py`: the `[meetings]` table of `config.toml`; `models.py`: attendance and materials;
- `service.py`: sign-in, marks, materials, action items, the meeting's page, resolvers and hooks;
- `demo.py`: the demo office's meetings; `cli.py`: `tui-office meeting …`; `ui/`: the meeting screens; `i18n/`: the strings.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import RowAction, SettingsSection, Workflow
from tui_office.workflows.meetings import cli, demo, rules, service, settings
from tui_office.workflows.meetings.models import MeetingAttendance, MeetingMaterial
from tui_office.workflows.meetings.settings import MeetingSettings

_HERE = Path(__file__).parent

WORKFLOW = Workflow(
    id="meetings",
    title_key="meetings.title",
    forms=service.FORMS,
    form_files=(_HERE / "forms",),
    rules=rules.RULES,
    lookup=service.lookup_for,
    hooks={"meeting.issue_notice": service.issue_notice, "meeting.issue_minutes": service.issue_minutes},
    resolvers={"meeting_chair": service.resolve_chair, "adhoc_meeting_approver": service.resolve_adhoc_approver},
    sweeps=(service.sweep_absences,),
    flag_text=service.flag_text,
    settings=SettingsSection("meetings", MeetingSettings, ranges=settings.NUMBER_RANGES),
    models=(MeetingAttendance, MeetingMaterial),
    cli=cli.register,
    row_actions=(RowAction("meeting_sign_in", "s", "meetings.key.sign_in", (service.MEETING,),
                           "tui_office.workflows.meetings.service:sign_in"),),
    palette=("tui_office.workflows.meetings.ui.commands:MeetingCommands",),
    screens={
        "calendar": "tui_office.workflows.meetings.ui.calendar:MeetingCalendarScreen",
        "tracker": "tui_office.workflows.meetings.ui.tracker:ActionTrackerScreen",
    },
    details=service.details,
    demo_documents=demo.load_documents,
    catalogue=_HERE / "i18n",
)
