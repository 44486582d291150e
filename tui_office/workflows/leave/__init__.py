"""Provides `WORKFLOW`: leave requests (请假), everything of them in one package.

- `rules.py`: the pure leave rules and the long-leave flagger (named as the form lists them);
- `settings.py`: the `[leave]` table of `config.toml`;
- `models.py`: the leave allocations table;
- `service.py`: look-ups for the rules, the approval hook, the report-back (销假) check,
  balances, history, team calendar, HR's view, CSV export, demo allocations;
- `cli.py`: `tui-office leave …`; `ui/`: the leave screens and their palette commands;
- `i18n/`: the strings; `demo.toml`: the demo office's allocations.
The form itself is `data/forms/leave.toml`.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import SettingsSection, Workflow
from tui_office.workflows.leave import cli, rules, service, settings
from tui_office.workflows.leave.models import LeaveAllocation
from tui_office.workflows.leave.settings import LeaveSettings

_HERE = Path(__file__).parent

WORKFLOW = Workflow(
    id="leave",
    title_key="leave.title",
    forms=(service.FORM_ID,),
    rules=rules.RULES,
    flaggers=rules.FLAGGERS,
    lookup=service.lookup_for,
    rule_context=service.rule_context,
    context_params=service.form_params,
    hooks={"leave.set_handover_deputy": service.set_handover_deputy,
           "leave.create_report_back": service.start_report_back},  # named by the form's first version
    followup_checks={"leave.report_back_allowed": service.report_back_allowed},
    sweeps=(service.sweep_absences,),  # picks up report-back tasks of leaves approved by earlier versions
    flag_text=rules.flag_text,
    settings=SettingsSection("leave", LeaveSettings, expected={"statutory_days": dict},
                             ranges=settings.NUMBER_RANGES, check=settings.check),
    models=(LeaveAllocation,),
    cli=cli.register,
    palette=("tui_office.workflows.leave.ui.commands:LeaveCommands",),
    screens={
        "history": "tui_office.workflows.leave.ui.history:LeaveHistoryScreen",
        "calendar": "tui_office.workflows.leave.ui.calendar:LeaveCalendarScreen",
        "hr": "tui_office.workflows.leave.ui.hr:LeaveHrScreen",
    },
    demo=service.load_demo,
    catalogue=_HERE / "i18n",
)
