"""Provides `FormSummary`: the one-screen summary of a form shown before it is submitted.

Returns True through `dismiss` when the person confirms (`enter` or `y`), False otherwise
(`escape` or `n`), so a submission never happens by accident.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.ui import keymap
from tui_office.ui.keymap import LocalisedBindings


class FormSummary(LocalisedBindings, ModalScreen[bool]):
    """The values about to be submitted, with confirm and cancel keys."""

    CSS_PATH = bundled("themes", "forms.tcss")

    BINDINGS = keymap.bindings("form.summary.")

    def __init__(self, title: str, lines: list[tuple[str, str]], remaining: list[str] | None = None) -> None:
        super().__init__(classes="form-summary-screen")
        self.heading = title
        """What is being submitted (form title, number)."""
        self.lines = [(printable(label), printable(text, multiline=True)) for label, text in lines]
        """(label, display text) of every visible field."""
        self.remaining = [printable(line) for line in remaining or []]
        """What the form's rules still object to (submitting will be refused until it is fixed)."""

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold")
        for label, text in self.lines:
            table.add_row(label, Text(text or "—"))
        with Vertical(id="form-summary"):
            yield Static(t("form.summary_title", title=self.heading), id="form-summary-title")
            if self.remaining:
                yield Static("\n".join([t("form.summary_remaining", count=len(self.remaining)),
                                        *(f"• {line}" for line in self.remaining)]),
                             id="form-summary-remaining", markup=False)
            with VerticalScroll(id="form-summary-body"):
                yield Static(table)
            yield Static(t("form.summary_keys"), id="form-summary-keys")

    def action_confirm(self) -> None:
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
