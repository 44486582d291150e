"""Provides `AreaCommands`: the base of a business area's command-palette provider — the area
lists its commands, this offers them (ctrl+p) under the area's name."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_office.i18n import t


class AreaCommands(Provider):
    """Subclasses set `title_key` and list their commands in `commands()`."""

    title_key = ""
    """Catalogue key of the area's name, shown beside each command."""

    def commands(self) -> list[tuple[str, Callable[[], object]]]:
        """(label, what choosing it does), in the current language."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        for label, callback in self.commands():
            yield DiscoveryHit(label, callback, help=t(self.title_key))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self.commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=t(self.title_key))
