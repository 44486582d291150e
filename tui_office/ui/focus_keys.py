"""Provides `SteadyFocus`, the app mixin that moves focus the moment `tab`/`shift+tab` arrive.

Textual hands a key to the focused widget and runs the screen's `tab` binding (move focus) only
after the key has bubbled up to the screen; keys that arrived in the same burst (a fast typist, a
paste, a slow SSH link) are meanwhile handed to the widget that was focused when they arrived, so
"a<tab>bc" typed quickly put "abc" in the first field. A key whose binding only moves focus is
done here, before the next key is handed on, on every screen and dialog.
"""

from __future__ import annotations

from textual import events

MOVES = {"focus_next": "focus_next", "app.focus_next": "focus_next", "screen.focus_next": "focus_next",
         "focus_previous": "focus_previous", "app.focus_previous": "focus_previous",
         "screen.focus_previous": "focus_previous"}
"""Binding actions that only move focus, and the screen method that does it."""


class SteadyFocus:
    """App mixin: focus moves before the keys typed after `tab` are delivered."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded and self._moved_focus(event):
            return
        await super().on_event(event)  # type: ignore[misc]

    def _moved_focus(self, event: events.Key) -> bool:
        """Move focus now if `event` is bound to that and nothing nearer the focus takes the key."""
        screen = self.screen  # type: ignore[attr-defined]
        focused = screen.focused
        if focused is not None and focused.check_consume_key(event.key, event.character):
            return False  # e.g. a text area that indents on tab
        for _node, bindings_map in screen._modal_binding_chain:
            found = bindings_map.key_to_bindings.get(event.key)
            if not found:
                continue
            binding = found[0]
            move = MOVES.get(binding.action)
            if move is None or binding.priority or (focused is not None and self._handles_keys_itself(focused, event.key)):
                return False
            getattr(screen, move)()
            return True
        return False

    @staticmethod
    def _handles_keys_itself(widget: object, key: str) -> bool:
        """A widget with a `key_<name>` method for the key answers it itself."""
        return hasattr(widget, f"key_{key.replace('+', '_')}")
