"""Provides `WORKFLOW`: leave requests (请假), everything of them in one package.

- `rules.py`: the pure leave rules and the long-leave flagger (named as the form lists them);
- `settings.py`: the `[leave]` table of `config.toml`;
- `models.py`: the leave allocations and blackout periods tables;
- `blackouts.py`: declaring, correcting, listing and removing blackout periods (key events);
- `long_leave.py`: the general manager's answer to a long-leave review (`L` in the document view);
- `demo.py`: what `tui-office demo` adds (blackout periods and leaves that show the rules);
- `service.py`: look-ups for the rules, the approval hook, the report-back (销假) check,
  balances, history, team calendar, HR's view, CSV export, demo allocations;
- `cli.py`: `tui-office leave …`; `ui/`: the leave screens (blackout periods too) and their palette
  commands;
- `i18n/`: the strings; `demo.toml`: the demo office's allocations.
The form itself is `data/forms/leave.toml`.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import DocumentAction, SettingsSection, Workflow, lazy
from tui_office.workflows.leave import settings
from tui_office.workflows.leave.models import LeaveAllocation, LeaveBlackout
from tui_office.workflows.leave.settings import LeaveSettings

_HERE = Path(__file__).parent
_RULES = "tui_office.workflows.leave.rules"
_SERVICE = "tui_office.workflows.leave.service"

WORKFLOW = Workflow(
    id="leave",
    title_key="leave.title",
    forms=("leave",),
    rules=f"{_RULES}:RULES",
    flaggers=f"{_RULES}:FLAGGERS",
    lookup=lazy(f"{_SERVICE}:lookup_for"),
    rule_context=lazy(f"{_SERVICE}:rule_context"),
    context_params=lazy(f"{_SERVICE}:form_params"),
    hooks={"leave.set_handover_deputy": lazy(f"{_SERVICE}:set_handover_deputy"),
           "leave.create_report_back": lazy(f"{_SERVICE}:start_report_back")},  # named by the form's first version
    followup_checks={"leave.report_back_allowed": lazy(f"{_SERVICE}:report_back_allowed")},
    sweeps=(lazy(f"{_SERVICE}:sweep_absences"),),  # picks up report-back tasks of leaves approved by earlier versions
    flag_text=lazy(f"{_RULES}:flag_text"),
    settings=SettingsSection("leave", LeaveSettings, expected={"statutory_days": dict},
                             ranges=settings.NUMBER_RANGES, check=settings.check),
    models=(LeaveAllocation, LeaveBlackout),
    cli=lazy("tui_office.workflows.leave.cli:register"),
    palette=("tui_office.workflows.leave.ui.commands:LeaveCommands",),
    document_actions=(DocumentAction(
        "leave_long_answer", "L", "keys.leave_long_answer", ("leave",), "tui_office.workflows.leave.long_leave:answer",
        choices=(("exception", "leave.long_choice.exception"), ("resignation", "leave.long_choice.resignation")),
        heading_key="leave.long_answer.choose", prompt_key="leave.long_answer.prompt", text_required=("exception",),
        check="tui_office.workflows.leave.long_leave:check",
    ),),
    screens={
        "history": "tui_office.workflows.leave.ui.history:LeaveHistoryScreen",
        "calendar": "tui_office.workflows.leave.ui.calendar:LeaveCalendarScreen",
        "hr": "tui_office.workflows.leave.ui.hr:LeaveHrScreen",
        "blackouts": "tui_office.workflows.leave.ui.blackouts:LeaveBlackoutsScreen",
    },
    demo=lazy(f"{_SERVICE}:load_demo"),
    demo_documents=lazy("tui_office.workflows.leave.demo:load_documents"),
    catalogue=_HERE / "i18n",
    exports={"leave": "tui_office.workflows.leave.service:LEAVE_EXPORT"},
)
