"""Provides the picker of forms the user may start (`n` in the inbox)."""

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
from tui_office.services.views import FormInfo


class FormPicker(ModalScreen[str | None]):
    """Pick a form; returns its id or None. `enter` picks, `escape` cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, forms: list[FormInfo]) -> None:
        super().__init__()
        self.forms = forms

    def compose(self) -> ComposeResult:
        with Vertical(id="form-picker", classes="dialog") as box:
            box.border_title = t("forms.title")
            yield OptionList(*[Option(Text(f"{f.title}  ({f.id})"), id=f.id) for f in self.forms], id="form-list")
            yield Label(t("forms.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#form-list", OptionList)
        options.highlighted = 0 if self.forms else None
        options.focus()

    @on(OptionList.OptionSelected, "#form-list")
    def pick(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
