"""Provides `ChecklistField`: tick boxes for a checklist field, marking the items required now.

An item may be required always or only under a condition (`required_if`, e.g. a purchase
over a threshold needs three quotes); the screen tells the widget which items are
required for the values as they stand (`required`), and the widget marks them so the person sees
what is needed before submitting.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, TextArea
from textual.widgets import Checkbox, Static

from tui_office.i18n import t


class Tick(Checkbox):
    """A check box drawn `[x]` / `[ ]`, readable without colour (the stock one draws X either way)."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual's name
        return "x" if self.value else " "


MOVE_KEYS = {"up": -1, "k": -1, "down": 1, "j": 1}
"""Keys that move between the items of a checklist, and which way."""


class ChecklistField(Vertical):
    """A column of check boxes, one per checklist item; one stop in the Tab order."""

    class Changed(Message):
        """An item was ticked or unticked."""

        def __init__(self, checklist: ChecklistField) -> None:
            self.checklist = checklist
            """The checklist that changed."""
            super().__init__()

        @property
        def control(self) -> ChecklistField:
            """The ChecklistField this is about (what `@on(..., "#id")` selects on)."""
            return self.checklist

    def __init__(self, field: Any, ticked: list[str], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.field = field
        """The checklist field definition."""
        self._ticked = set(ticked)
        self._required: set[str] = {i.id for i in field.items if i.required}
        self._typing = False
        """Letters were just refused here: a space that follows is part of that text, not a tick."""

    def compose(self) -> ComposeResult:
        for item in self.field.items:
            yield Tick(self._label(item), item.id in self._ticked, id=f"item-{item.id}",
                           classes="checklist-item", button_first=True)
        yield Static(t("form.checklist_legend"), classes="checklist-legend")

    def _label(self, item: Any) -> str:
        return f"{item.label}  {t('form.required_now')}" if item.id in self._required else item.label

    @property
    def raw(self) -> list[str]:
        """Ids of the ticked items, in definition order."""
        return [i.id for i in self.field.items if self.query_one(f"#item-{i.id}", Checkbox).value]

    @property
    def required(self) -> set[str]:
        return set(self._required)

    @required.setter
    def required(self, ids: set[str]) -> None:
        """Mark exactly these items as required now."""
        if ids == self._required:
            return
        self._required = set(ids)
        for item in self.field.items:
            box = self.query_one(f"#item-{item.id}", Checkbox)
            box.label = self._label(item)
            box.set_class(item.id in self._required, "-required")

    @property
    def hidden(self) -> set[str]:
        return {i.id for i in self.field.items if not self.query_one(f"#item-{i.id}", Checkbox).display}

    @hidden.setter
    def hidden(self, ids: set[str]) -> None:
        """Show only the items that apply now (e.g. the papers a request of this size needs)."""
        for item in self.field.items:
            self.query_one(f"#item-{item.id}", Checkbox).display = item.id not in ids
        boxes = self._boxes()
        if not any(b.can_focus for b in boxes):
            self._current(boxes[0] if boxes else None)

    def _boxes(self) -> list[Checkbox]:
        """The items shown now, in order."""
        return [b for b in self.query(Checkbox) if b.display]

    def _current(self, box: Checkbox | None) -> None:
        """Make `box` the one item that takes focus (the others are skipped by Tab)."""
        for other in self.query(Checkbox):
            other.can_focus = other is box
        if box is None:
            first = next(iter(self._boxes()), None)
            if first is not None:
                first.can_focus = True

    def focus_first(self) -> None:
        boxes = self._boxes()
        missing = [b for b in boxes if b.has_class("-required") and not b.value]
        if boxes:
            box = (missing or boxes)[0]
            self._current(box)
            box.focus()

    def on_mount(self) -> None:
        for item in self.field.items:
            self.query_one(f"#item-{item.id}", Checkbox).set_class(item.id in self._required, "-required")
        self._current(None)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._typing = False
        if isinstance(event.widget, Checkbox):
            self._current(event.widget)

    def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if not isinstance(focused, Checkbox) or focused not in self.query(Checkbox):
            return
        typing, self._typing = self._typing, False
        if event.key == "space" and typing:
            event.stop()
            event.prevent_default()
            self._typing = True
            self.app.bell()
            return
        if event.key in MOVE_KEYS:
            event.stop()
            event.prevent_default()
            boxes = self._boxes()
            if focused in boxes:
                index = boxes.index(focused) + MOVE_KEYS[event.key]
                if 0 <= index < len(boxes):
                    self._current(boxes[index])
                    boxes[index].focus()
            return
        if event.is_printable and event.character and event.key != "space":
            event.stop()
            event.prevent_default()
            self._hand_on(event.character, told=typing)

    def _hand_on(self, text: str, told: bool = False) -> None:
        """Give typed text to the next text box of the form, or say (once per burst, `told`) that
        the checklist takes none."""
        chain = self.screen.focus_chain
        mine = set(self.query(Checkbox))
        start = next((i for i, w in enumerate(chain) if w in mine), None)
        following = chain[start + 1:] if start is not None else []
        target = next((w for w in following if isinstance(w, (Input, TextArea)) and not getattr(w, "read_only", False)), None)
        if target is None:
            self._typing = True
            self.app.bell()
            if not told:
                self.notify(t("form.checklist_no_text"), severity="warning")
            return
        target.focus()
        if isinstance(target, Input):
            target.insert_text_at_cursor(text)
        else:
            target.insert(text)

    @on(Checkbox.Changed)
    def _ticked_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))
