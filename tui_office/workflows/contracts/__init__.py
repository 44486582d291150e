"""Provides `WORKFLOW`: contracts and their settlement (合同结算), everything of them in one package.

- `categories.py`: the categories and their handover checklists, read from
  `data/contracts/contract_categories.toml` (an office edits that file, not code);
- `rules.py`: pure checklist, total and difference rules, and the rules the forms name;
- `models.py`: each settlement's handover list, item by item;
- `service.py`: registering contracts and supplements, opening, marking and sending a
  settlement, the hook that issues the numbered review tables, the cost-reviewer assignee rule;
- `views.py`: the register, a contract and a settlement as the CLI and screens show them;
- `tables.py`: the preliminary opinion and confirmation tables as printable text and HTML;
- `cli.py`: `tui-office contracts …`; `ui/`: the register and settlement screens;
- `forms/`: the contract, supplement, settlement and joint-review definitions; `i18n/`; `demo.py`.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import Workflow, lazy
from tui_office.workflows.contracts.models import SettlementItem

_HERE = Path(__file__).parent
_SERVICE = "tui_office.workflows.contracts.service"

WORKFLOW = Workflow(
    id="contracts",
    title_key="contracts.title",
    forms=("contract", "contract_supplement", "contract_settlement", "contract_joint_review"),
    form_files=(_HERE / "forms",),
    rules="tui_office.workflows.contracts.rules:RULES",
    lookup=lazy(f"{_SERVICE}:lookup_for"),
    rule_context=lazy(f"{_SERVICE}:rule_context"),
    hooks={"contracts.fill_department": lazy(f"{_SERVICE}:fill_department"),
           "contracts.issue_tables": lazy(f"{_SERVICE}:issue_tables")},
    resolvers={"cost_reviewers": lazy(f"{_SERVICE}:cost_reviewers")},
    models=(SettlementItem,),
    cli=lazy("tui_office.workflows.contracts.cli:register"),
    palette=("tui_office.workflows.contracts.ui.commands:ContractCommands",),
    screens={
        "register": "tui_office.workflows.contracts.ui.register:ContractRegisterScreen",
    },
    demo_documents=lazy("tui_office.workflows.contracts.demo:load"),
    catalogue=_HERE / "i18n",
)
