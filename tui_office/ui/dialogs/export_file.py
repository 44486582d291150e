"""Provides `ExportFileDialog`: asks where to write a list (the file name says csv or xlsx)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui_office.i18n import t


class ExportFileDialog(ModalScreen[str | None]):
    """The file to write, prefilled; enter answers it, escape answers None."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, suggested: str) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(id="export-file", classes="dialog") as box:
            box.border_title = t("export.title")
            yield Static(t("export.prompt"), classes="dialog-body", markup=False)
            yield Label(t("export.path_label"))
            yield Input(value=self.suggested, id="export-path")

    @on(Input.Submitted, "#export-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
