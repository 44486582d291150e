"""Provides `WORKFLOW`: the company seal (用印), everything of it in one package.

- `forms/seal_application.toml`: the seal application (manager, then the seal keeper's `seal` step);
- `service.py`: the seal register and the demo office's seal applications;
- `cli.py`: `tui-office seal register`; `ui/`: the register screen and its palette commands;
- `i18n/`: the strings.
The `seal` step kind itself (only `seal_keeper` holders act on it) is the engine's.
"""

from __future__ import annotations

from pathlib import Path

from tui_office.extensions import Workflow, lazy

_HERE = Path(__file__).parent

WORKFLOW = Workflow(
    id="seal",
    title_key="seal.title",
    forms=("seal_application",),
    form_files=(_HERE / "forms",),
    cli=lazy("tui_office.workflows.seal.cli:register"),
    palette=("tui_office.workflows.seal.ui.commands:SealCommands",),
    screens={"register": "tui_office.workflows.seal.ui.register:SealRegisterScreen"},
    demo_documents=lazy("tui_office.workflows.seal.service:load_demo_documents"),
    catalogue=_HERE / "i18n",
)
