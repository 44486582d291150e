"""Provides `KeyFooter`: Textual's footer with help, back/quit and the palette pinned to the right.

A narrow terminal (80 columns) cannot show every key; the ones that explain the rest (`?`) and the
way out (`q`/`escape`) must never be the ones cut off, so they sit in a group docked right and the
screen's own keys fill what is left.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PINNED_ACTIONS = frozenset({"help", "back_or_quit", "back", "close"})
"""Actions whose keys are always visible: help, and leaving the screen or the app."""


class KeyFooter(Footer):
    """The footer of every screen: screen keys on the left, help and the way out on the right."""

    def compose(self) -> ComposeResult:
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
