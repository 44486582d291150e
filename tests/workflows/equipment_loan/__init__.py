"""A test-only workflow package: equipment loans, built on the core's extension points alone.

It adds its own form file (whose `[[followups]]` asks the borrower to return the item within N
working days of approval, flagged when overdue), an assignee resolver (`keeper_of`), a link to
another document (`for_document`), a CLI command, a screen and a palette command. Tests install it with
`tui_office.extensions.install("tests.workflows.equipment_loan")` or `TUI_OFFICE_WORKFLOWS`.
"""

from __future__ import annotations

from pathlib import Path

from tests.workflows.equipment_loan import cli, rules, service
from tui_office.extensions import Workflow

_HERE = Path(__file__).parent

WORKFLOW = Workflow(
    id="equipment",
    title_key="equipment.title",
    forms=(service.FORM_ID,),
    form_files=(_HERE / "equipment_loan.toml",),
    resolvers={"keeper_of": service.keeper_of},
    flag_text=rules.flag_text,
    cli=cli.register,
    palette=("tests.workflows.equipment_loan.ui:EquipmentCommands",),
    screens={"loans": "tests.workflows.equipment_loan.ui:EquipmentLoansScreen"},
    catalogue=_HERE / "i18n",
)
