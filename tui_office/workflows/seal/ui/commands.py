"""Provides the seal commands of the command palette: a new seal application, the seal register.

The register is offered only to seal keepers, the archive and administrators (the service
refuses others)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_office.i18n import t

READERS = {"seal_keeper", "archive", "admin"}


class SealCommands(Provider):
    """Open the seal screens from anywhere (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        from tui_office.workflows.seal.ui.register import SealRegisterScreen

        app = self.app
        out: list[tuple[str, object]] = [(t("keys.seal_new"), partial(app.new_document, "seal_application"))]
        if set(app.me.roles) & READERS:
            out.append((t("keys.seal_register"), lambda: app.push_screen(SealRegisterScreen())))
        return out

    async def discover(self) -> Hits:
        for label, callback in self._commands():
            yield DiscoveryHit(label, callback, help=t("seal.title"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=t("seal.title"))
