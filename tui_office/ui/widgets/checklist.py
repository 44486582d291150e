"""Provides `ChecklistField`: tick boxes for a checklist field, marking the items required now.

An item may be required always or only under a condition (`required_if`, e.g. a purchase
over a threshold needs three quotes); the screen tells the widget which items are
required for the values as they stand (`required`), and the widget marks them so the person sees
what is needed before submitting.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, Static

from tui_office.i18n import t


class Tick(Checkbox):
    """A check box drawn `[x]` / `[ ]`, readable without colour (the stock one draws X either way)."""

    BUTTON_LEFT = "["
    BUTTON_RIGHT = "]"

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802 - Textual's name
        return "x" if self.value else " "


class ChecklistField(Vertical):
    """A column of check boxes, one per checklist item."""

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

    def focus_first(self) -> None:
        boxes = [b for b in self.query(Checkbox) if b.display]
        missing = [b for b in boxes if b.has_class("-required") and not b.value]
        (missing or boxes)[0].focus() if boxes else None

    def on_mount(self) -> None:
        for item in self.field.items:
            self.query_one(f"#item-{item.id}", Checkbox).set_class(item.id in self._required, "-required")

    @on(Checkbox.Changed)
    def _ticked_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self))
