"""Provides `SealRegisterScreen`: the seal register (用印登记簿), every use of a seal, newest first.

`Enter` opens the document, `R` reloads, `escape` goes back. For seal keepers, the archive and
administrators (the service refuses others, and the screen says so).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.i18n import t
from tui_office.ui.loading import closed_on_refusal, load_view
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter


class SealRegisterScreen(LocalisedBindings, Screen[None]):
    """The list of seal uses."""

    DEFAULT_CSS = """
    SealRegisterScreen #seal-register { height: 1fr; margin: 0 1; }
    SealRegisterScreen #seal-register-empty { padding: 1 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("enter", "open", "keys.open", id="seal_register.open"),
        Binding("R", "reload", "keys.refresh", id="seal_register.refresh", show=False),
        Binding("escape,q", "back", "keys.seal_back", id="seal_register.back"),
    ]

    class Loaded(Message):
        def __init__(self, uses: Any, error: str = "") -> None:
            self.uses, self.error = uses, error
            super().__init__()

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="seal-register", cursor_type="row", zebra_stripes=True)
        yield Static(t("seal.register_empty"), id="seal-register-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("seal.register_title")
        self._load()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="seal-register", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.seal import service

        load_view(self, self.Loaded, lambda: service.register(self.app.office, self.app.me.login))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if closed_on_refusal(self, message.error):
            return
        table = self.query_one("#seal-register", DataTable)
        table.clear(columns=True)
        table.add_columns(t("seal.col.date"), t("seal.col.number"), t("seal.col.seal"), t("seal.col.copies"),
                          t("seal.col.documents"), t("seal.col.applicant"), t("seal.col.keeper"))
        for use in message.uses:
            table.add_row(use.sealed_on.isoformat(), use.number, use.seal, "" if use.copies is None else str(use.copies),
                          use.documents, f"{use.applicant} · {use.department}" if use.department else use.applicant,
                          use.keeper, key=use.number)
        self.sub_title = f"{t('seal.register_title')} ({len(message.uses)})"
        table.display = bool(message.uses)
        self.query_one("#seal-register-empty", Static).display = not message.uses
        table.focus()

    def action_open(self) -> None:
        table = self.query_one("#seal-register", DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key:
            self.app.open_document(key)

    def action_back(self) -> None:
        self.dismiss(None)
