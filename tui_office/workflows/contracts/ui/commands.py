"""Provides the contracts commands of the command palette: the contract register."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_office.i18n import t


class ContractCommands(Provider):
    """Open the contract register from anywhere (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        from tui_office.workflows.contracts.ui.register import ContractRegisterScreen

        app = self.app
        return [(t("keys.contracts_register"), lambda: app.push_screen(ContractRegisterScreen()))]

    async def discover(self) -> Hits:
        for label, callback in self._commands():
            yield DiscoveryHit(label, callback, help=t("contracts.title"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=t("contracts.title"))
