"""Provides `ListedCommands`: a command-palette provider for a fixed list of (label, callback)
pairs, as an area's or the administrators' screens offer them."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ListedCommands(Provider):
    """Offers `_commands()` under the group `group()` names; subclasses say what they offer."""

    def _commands(self) -> list[tuple[str, object]]:
        return []

    def group(self) -> str:
        """The words shown beside each command (the area's name)."""
        return ""

    async def discover(self) -> Hits:
        for label, callback in self._commands():
            yield DiscoveryHit(label, callback, help=self.group())

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=self.group())
