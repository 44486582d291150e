"""Provides `ReasonDialog`: one line of text asked for (why a checklist item does not apply)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui_office.i18n import t


class ReasonDialog(ModalScreen[str | None]):
    """Ask for a reason; returns it (never empty) or None on escape."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading

    def compose(self) -> ComposeResult:
        with Vertical(id="opinion", classes="dialog") as box:
            box.border_title = self.heading
            yield Input(placeholder=t("contracts.screen.reason_placeholder"), id="reason-text", max_length=200)
            yield Static("", id="reason-error", classes="dialog-error")
            yield Label(t("contracts.screen.reason_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#reason-text", Input).focus()

    @on(Input.Submitted, "#reason-text")
    def _submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#reason-error", Static).update(t("error.contracts_reason_required"))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
