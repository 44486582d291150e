"""Provides the administration commands of the command palette (offered to administrators only;
the services refuse anyone else)."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_office.i18n import t

ADMIN_ROLE = "admin"


class AdminCommands(Provider):
    """Open the administration screens from anywhere (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        from tui_office.ui.screens.admin_users import AdminUsersScreen

        app = self.app
        if ADMIN_ROLE not in app.me.roles:
            return []
        return [(t("admin.users_title"), lambda: app.push_screen(AdminUsersScreen()))]

    async def discover(self) -> Hits:
        for label, callback in self._commands():
            yield DiscoveryHit(label, callback, help=t("admin.title"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=t("admin.title"))
