"""Provides the contracts commands of the command palette: the contract register."""

from __future__ import annotations

from tui_office.i18n import t
from tui_office.ui.commands import AreaCommands


class ContractCommands(AreaCommands):
    """Open the contract register from anywhere (ctrl+p)."""

    AREA_TITLE = "contracts.title"

    def _commands(self) -> list[tuple[str, object]]:
        from tui_office.workflows.contracts.ui.register import ContractRegisterScreen

        app = self.app
        return [(t("keys.contracts_register"), lambda: app.push_screen(ContractRegisterScreen()))]
