"""Provides a yes/no dialog: `enter` or `y` confirms, `escape` or `n` declines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui_office.i18n import t


class ConfirmDialog(ModalScreen[bool]):
    """Ask one question; returns True to go ahead."""

    BINDINGS = [
        Binding("enter,y", "answer(True)", show=False),
        Binding("escape,n", "answer(False)", show=False),
    ]

    def __init__(self, title: str, question: str) -> None:
        super().__init__()
        self.heading = title
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog") as box:
            box.border_title = self.heading
            yield Static(self.question, classes="dialog-body", markup=False)
            yield Label(t("confirm.hint"), classes="dialog-hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
