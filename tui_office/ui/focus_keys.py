"""Provides `SteadyFocus`, the app mixin that keeps a burst of keys in order.

Textual hands a key to the focused widget and runs a binding (the screen's `tab`: move focus; a
text box's own `backspace`, `ctrl+u`…) only after the key has bubbled up to the app; keys that
arrived in the same burst (a fast typist, a paste, a slow SSH link) are meanwhile handed on and
overtake it, so "a<tab>bc" typed quickly put "abc" in the first field and "ab<backspace>c" gave
"ab". A key whose binding only moves focus, or is a plain text box's own editing key, is done
here, before the next key is handed on, on every screen and dialog. So is a binding whose node
names its action in `STEADY_ACTIONS` (an action that moves focus itself, such as `down` from the
opinion box into its quick phrases, and `enter` on a phrase back into the box).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

MOVES = {"focus_next": "focus_next", "app.focus_next": "focus_next", "screen.focus_next": "focus_next",
         "focus_previous": "focus_previous", "app.focus_previous": "focus_previous",
         "screen.focus_previous": "focus_previous"}
"""Binding actions that only move focus, and the screen method that does it."""
SCROLLS = ("scroll_", "page_")
"""Actions of a text box's bindings that scroll rather than edit: those keys travel as usual."""
TEXT_BOXES = (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea"))
"""Widgets whose own editing bindings run at once (exactly these: subclasses may read keys first,
unless they set `PLAIN_EDITING = True`: a grid cell that only adds keys of its own). Named rather
than imported: the text area's module loads only when a screen first uses one."""


def _plain_text_box(widget: object) -> bool:
    kind = type(widget)
    return (kind.__module__, kind.__name__) in TEXT_BOXES


class SteadyFocus:
    """App mixin: focus moves before the keys typed after `tab` are delivered."""

    _key_chain: list | None = None
    """The screen's binding chain while a key is looked at here, worked out once for the key: Textual
    works it out (copying every binding of every node from the focus to the app) each time it is
    asked, and a key asks three times before it reaches the focused widget."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._key_chain = self.screen._binding_chain  # type: ignore[attr-defined]
            try:
                if self._moved_focus(event) or self._edited_at_once(event) or await self._steady_action(event):
                    return
                await super().on_event(event)  # type: ignore[misc]
            finally:
                self._key_chain = None
            return
        await super().on_event(event)  # type: ignore[misc]

    def _chain(self, modal: bool = True) -> list:
        """The binding chain of the key being looked at (`screen._binding_chain`), up to the
        nearest modal node unless `modal` is False (`screen._modal_binding_chain`)."""
        chain = self._key_chain if self._key_chain is not None else self.screen._binding_chain  # type: ignore[attr-defined]
        if modal:
            for index, (node, _bindings) in enumerate(chain, 1):
                if node.is_modal:
                    return chain[:index]
        return chain

    async def _check_bindings(self, key: str, priority: bool = False) -> bool:
        """Textual's check of the priority bindings, over the chain already worked out for this key."""
        if not priority or self._key_chain is None:
            return await super()._check_bindings(key, priority)  # type: ignore[misc]
        for namespace, bindings in reversed(self._key_chain):
            for binding in bindings.key_to_bindings.get(key, ()):
                if binding.priority and await self.run_action(binding.action, namespace):  # type: ignore[attr-defined]
                    return True
        return False

    async def _steady_action(self, event: events.Key) -> bool:
        """Run now the binding for `event` of the node nearest the focus that has one, when that
        node names its action in `STEADY_ACTIONS` and allows it now."""
        focused = self.screen.focused  # type: ignore[attr-defined]
        if focused is not None and focused.check_consume_key(event.key, event.character):
            return False
        for node, bindings_map in self._chain():
            found = bindings_map.key_to_bindings.get(event.key)
            if not found:
                continue
            binding = found[0]
            if node is focused and type(node) is Input and binding.action.startswith(SCROLLS):
                continue  # a one-line box has nothing to scroll: the key goes on up, as Textual has it
            if binding.priority or binding.action not in getattr(node, "STEADY_ACTIONS", ()):
                return False
            if node.check_action(binding.action, ()) is False:
                return False
            await self.run_action(binding.action, node)  # type: ignore[attr-defined]
            return True
        return False

    def _edited_at_once(self, event: events.Key) -> bool:
        """Run a plain text box's own binding for `event` (backspace, ctrl+u…) in order with the
        letters around it."""
        focused = self.screen.focused  # type: ignore[attr-defined]
        if (not _plain_text_box(focused) and not getattr(focused, "PLAIN_EDITING", False)) or event.is_printable:
            return False
        for binding in focused._bindings.key_to_bindings.get(event.key, ()):
            if binding.action.startswith(SCROLLS) or binding.action in getattr(focused, "STEADY_ACTIONS", ()):
                return False  # not an edit (a dialog may read `down` to leave the box; a grid cell moves on)
            if not binding.priority and not self._has_priority(event.key):
                # In the box's own queue: after the letters already handed to it, before the next.
                focused.call_later(self.run_action, binding.action, focused)  # type: ignore[attr-defined]
                return True
        return False

    def _has_priority(self, key: str) -> bool:
        """Some node above has a priority binding for `key` (it must win, as Textual would have it)."""
        return any(b.priority for _node, bindings_map in self._chain(modal=False)
                   for b in bindings_map.key_to_bindings.get(key, ()))

    def _moved_focus(self, event: events.Key) -> bool:
        """Move focus now if `event` is bound to that and nothing nearer the focus takes the key."""
        screen = self.screen  # type: ignore[attr-defined]
        focused = screen.focused
        if focused is not None and focused.check_consume_key(event.key, event.character):
            return False  # e.g. a text area that indents on tab
        for _node, bindings_map in self._chain():
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
