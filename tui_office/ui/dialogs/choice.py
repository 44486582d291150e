"""Provides `ChoiceDialog`: pick one of a few labelled answers (`up`/`down`/`j`/`k`, `enter`),
`escape` cancels — where to return a document, before or after me, which follow-up."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui_office.i18n import t


class ChoiceDialog(ModalScreen[str | None]):
    """Ask which of `choices` ((value, label), the first highlighted); returns the value or None."""

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("j", "move(1)", show=False),
        Binding("k", "move(-1)", show=False),
    ]

    def __init__(self, title: str, subject: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.subject = subject
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice", classes="dialog") as box:
            box.border_title = self.heading
            if self.subject:
                yield Label(self.subject, classes="dialog-subject", markup=False)
            yield OptionList(*[Option(Text(label), id=value) for value, label in self.choices], id="choice-list")
            yield Label(t("choice.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(OptionList.OptionSelected, "#choice-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
