"""Provides the seal commands of the command palette: a new seal application, the seal register.

The register is offered only to seal keepers, the archive and administrators (the service
refuses others)."""

from __future__ import annotations

from functools import partial

from tui_office.i18n import t
from tui_office.ui.palette_list import ListedCommands

READERS = {"seal_keeper", "archive", "admin"}


class SealCommands(ListedCommands):
    """Open the seal screens from anywhere (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        from tui_office.workflows.seal.ui.register import SealRegisterScreen

        app = self.app
        out: list[tuple[str, object]] = [(t("keys.seal_new"), partial(app.new_document, "seal_application"))]
        if set(app.me.roles) & READERS:
            out.append((t("keys.seal_register"), lambda: app.push_screen(SealRegisterScreen())))
        return out

    def group(self) -> str:
        return t("seal.title")
