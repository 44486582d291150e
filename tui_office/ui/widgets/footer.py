"""Provides `KeyFooter`: Textual's footer with help, back/quit and the palette pinned to the right.

A narrow terminal (80 columns) cannot show every key; the ones that explain the rest (`?`) and the
way out (`q`/`escape`) must never be the ones cut off, so they sit in a group docked right and the
screen's own keys fill what is left; a key that would not fit whole is left out (`?` lists them all)
rather than shown cut short.

Textual's footer rebuilds all its keys whenever a screen says its bindings changed, which ours do
on every cursor move (what is allowed depends on the row). This one rebuilds once per refresh at
most, and only when what it would show differs from what it shows; when only some keys went live
or dim (the row under the cursor changed), it dims or lights those keys in place.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PINNED_ACTIONS = frozenset({"help", "back_or_quit", "back", "close"})
"""Actions whose keys are always visible: help, and leaving the screen or the app."""


def _outer(widget) -> int:
    """Columns a widget takes in a row: its width and its left and right margins."""
    margin = widget.styles.margin
    return widget.outer_size.width + margin.left + margin.right


def _without_states(showing: tuple) -> tuple:
    """What `KeyFooter._showing` says, less whether each key is live."""
    palette, compact, keys = showing
    return palette, compact, tuple(key[:5] + key[6:] for key in keys)


class KeyFooter(Footer):
    """The footer of every screen: screen keys on the left, help and the way out on the right."""

    _shown: tuple | None = None
    _pending = False

    def _showing(self) -> tuple:
        """What the keys would say: every shown binding with its state, and the palette key."""
        active = self.screen.active_bindings
        return (self.show_command_palette, self.compact, tuple(
            (binding.key, self.app.get_key_display(binding), binding.description, binding.action,
             binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in active.values() if binding.show or binding.action == "command_palette"))

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        showing = self._showing()
        if showing == self._shown:
            return
        if self._shown is not None and _without_states(showing) == _without_states(self._shown):
            self._set_states(showing)  # the same keys, some live now, some dimmed: no new widgets
        else:
            await self.recompose()
            self.call_after_refresh(self._fit)

    _fit_tries = 0
    """How many times fitting has waited for just-composed keys to be laid out."""

    def on_mount(self) -> None:
        self.watch(self.screen, "stack_updates", self._screen_shown, init=False)

    def _screen_shown(self) -> None:
        """The screen is shown again (a dialog over it closed): the keys may have changed meanwhile."""
        if self.screen.is_current:
            self._fit_tries = 0
            self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        for key in self._left_keys():
            key.display = True
        self.call_after_refresh(self._fit)

    def _left_keys(self) -> list:
        return [child for child in self.children if child.id != "pinned-keys"]

    def _fit(self) -> None:
        """Leave out the screen's keys that would not fit whole before help and the way out, rather
        than cut the last one short to a key without its label (help lists them all). Worked out
        from the keys' widths, which are known before their places settle."""
        if not self.is_attached:
            return
        if not self.screen.is_current:  # fitted when it is shown again (`_screen_shown`)
            return
        keys = self._left_keys()
        if any(key.display and not key.outer_size.width for key in keys) and self._fit_tries < 5:
            self._fit_tries += 1  # just put in: not laid out yet
            self.call_after_refresh(self._fit)
            return
        self._fit_tries = 0
        pinned = self.query("#pinned-keys")
        room = self.size.width - (_outer(pinned.first()) if pinned else 0)
        used = 0
        for key in keys:
            used += _outer(key)
            if used > room:
                key.display = False

    def _set_states(self, showing: tuple) -> None:
        """Dim or light the keys shown, in place."""
        enabled = {(key, action): state for key, _, _, action, _, state, _ in showing[2]}
        for footer_key in self.query(FooterKey):
            state = enabled.get((footer_key.key, footer_key.action))
            if state is not None:  # as FooterKey's constructor sets them: the class and the click guard
                footer_key._disabled = not state
                footer_key.set_class(not state, "-disabled")
        self._shown = showing

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._showing()
        pinned: list[FooterKey] = []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and (widget.action in PINNED_ACTIONS or widget.has_class("-command-palette")):
                pinned.append(widget)
            else:
                yield widget
        if pinned:
            pinned.sort(key=lambda key: key.has_class("-command-palette"))
            with HorizontalGroup(id="pinned-keys"):
                yield from pinned
