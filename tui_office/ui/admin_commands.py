"""Provides the administration commands of the command palette (offered to administrators only;
the services refuse anyone else)."""

from __future__ import annotations

from tui_office.i18n import t
from tui_office.ui.palette_list import ListedCommands

ADMIN_ROLE = "admin"


class AdminCommands(ListedCommands):
    """Open the administration screens from anywhere (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        app = self.app
        if ADMIN_ROLE not in app.me.roles:
            return []
        return [(t(f"admin.{name}_title"), lambda name=name: app.open_admin(name))
                for name in ("users", "departments", "roles", "deputies")]

    def group(self) -> str:
        return t("admin.title")
