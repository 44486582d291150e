"""Provides the command-palette provider: the current screen's actions, offered only when allowed."""

from __future__ import annotations

from functools import partial

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui_office.i18n import t
from tui_office.ui import keymap

PALETTE_SKIP = {"app.palette", "help.close", "inbox.down", "inbox.up", "form.quit"}
"""Bindings that make no sense as palette commands."""


class OfficeCommands(Provider):
    """Every registered binding of the screen the palette was opened on whose action is allowed now."""

    def _commands(self) -> list[tuple[str, str, object]]:
        screen = self.screen
        out = []
        for spec in keymap.REGISTRY.values():
            if spec.id in PALETTE_SKIP:
                continue
            target = self.app if spec.id.startswith("app.") else screen
            action = spec.action
            _, name, params = parse(action)
            if not hasattr(target, f"action_{name}"):
                continue
            if target.check_action(name, params) is not True:
                continue
            label = t(spec.description)
            keys = (self.app._keymap.get(spec.id) or spec.keys).split(",")[0]
            shown = self.app.get_key_display(Binding(keys, action, key_display=None if spec.id in self.app._keymap else spec.key_display))
            out.append((label, t("palette.help", keys=shown), partial(target.run_action, action)))
        return out

    async def discover(self) -> Hits:
        for label, help_text, callback in self._commands():
            yield DiscoveryHit(label, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=help_text)


class AreaCommands(Provider):
    """A business area's palette commands: a subclass lists (label, callback) in `_commands()` and
    names its area's title key in `AREA_TITLE`; discovery and search are done here."""

    AREA_TITLE = ""
    """Catalogue key of the area's name, shown beside each command."""

    def _commands(self) -> list[tuple[str, object]]:
        return []

    async def discover(self) -> Hits:
        for label, callback in self._commands():
            yield DiscoveryHit(label, callback, help=t(self.AREA_TITLE))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, callback in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), callback, help=t(self.AREA_TITLE))
