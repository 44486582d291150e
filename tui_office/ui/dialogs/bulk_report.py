"""Provides the report shown after approving several documents: what succeeded, what did not and why."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui_office.i18n import t
from tui_office.ui.inert import inert


class BulkReport(ModalScreen[None]):
    """One line per document: ✓ or ✗, its number and the service's message; `enter`/`escape` closes."""

    BINDINGS = [Binding("enter,escape,q", "close", show=False)]

    def __init__(self, results: list[tuple[str, bool, str]]) -> None:
        super().__init__()
        self.results = inert(results)
        """(number, succeeded, message) per document, as `workflow.bulk_approve` returns them."""

    def compose(self) -> ComposeResult:
        done = sum(1 for _, ok, _ in self.results if ok)
        failed = len(self.results) - done
        table = Table(box=None, show_header=False, expand=True, pad_edge=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        colours = self.app.theme_variables
        for number, ok, message in self.results:
            mark = Text("✓", style=f"bold {colours.get('success', '')}") if ok else Text("✗", style=f"bold {colours.get('error', '')}")
            table.add_row(mark, number, Text(message))
        with Vertical(id="bulk-report", classes="dialog") as box:
            box.border_title = t("bulk.title")
            yield Label(t("bulk.summary", done=done, failed=failed), classes="dialog-prompt")
            with VerticalScroll(classes="dialog-list"):
                yield Static(table)
            yield Label(t("bulk.hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
