"""Provides `LeaveHistoryScreen`: my leave (我的请假) — balances for a year and every request.

`r` reports back (销假) from the selected approved leave; `←`/`→` change the balances' year;
`Enter` opens the document; `n` starts a new leave request.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter


class LeaveHistoryScreen(LocalisedBindings, Screen[None]):
    """My leave requests with their state, report-back and flags; my balances."""

    DEFAULT_CSS = """
    LeaveHistoryScreen #leave-balances-title { padding: 0 1; text-style: bold; }
    LeaveHistoryScreen #leave-balances { padding: 0 2 1 2; }
    LeaveHistoryScreen #leave-history { height: 1fr; margin: 0 1; }
    LeaveHistoryScreen #leave-history-empty { padding: 0 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("r", "report_back", "keys.leave_report_back", id="leave_history.report_back"),
        Binding("enter", "open", "keys.open", id="leave_history.open"),
        Binding("n", "new", "keys.leave_new", id="leave_history.new"),
        Binding("left", "year(-1)", "keys.leave_prev_year", id="leave_history.prev_year", show=False),
        Binding("right", "year(1)", "keys.leave_next_year", id="leave_history.next_year", show=False),
        Binding("escape,q", "back", "keys.leave_back", id="leave_history.back"),
    ]

    class Loaded(Message):
        def __init__(self, records: list, balances: list, error: str = "") -> None:
            self.records, self.balances, self.error = records, balances, error
            super().__init__()

    class Reported(Message):
        def __init__(self, text: str, error: bool = False) -> None:
            self.text, self.error = text, error
            super().__init__()

    def __init__(self, year: int | None = None) -> None:
        super().__init__(classes="leave-history-screen")
        self.year = year
        """The year of the balances shown (None: this year)."""
        self.records: list[Any] = []
        """My `LeaveRecord`s, newest first."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="leave-balances-title")
        yield Static("", id="leave-balances")
        yield DataTable(id="leave-history", cursor_type="row", zebra_stripes=True)
        yield Static(t("leave.history.none"), id="leave-history-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("leave.history.title")
        if self.year is None:
            self.year = self.app.office.clock.today().year
        self._load()

    @work(thread=True, exit_on_error=False, group="leave-history", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.leave import service as leave

        office, login = self.app.office, self.app.me.login
        try:
            records = leave.history(office, login)
            balances = leave.balances(office, login, self.year)
        except OfficeError as exc:
            self.post_message(self.Loaded([], [], str(exc)))
            return
        self.post_message(self.Loaded(inert(records), inert(balances)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            return
        from tui_office.workflows.leave.rules import _text

        self.records = message.records
        self.query_one("#leave-balances-title", Static).update(t("leave.history.balances", year=self.year))
        self.query_one("#leave-balances", Static).update("\n".join(b.line() for b in message.balances))
        table = self.query_one("#leave-history", DataTable)
        table.clear(columns=True)
        table.add_columns(t("leave.history.number"), t("leave.history.type"), t("leave.history.from"),
                          t("leave.history.to"), t("leave.history.days"), t("leave.history.status"),
                          t("leave.history.reported"), t("leave.history.flags"))
        for r in self.records:
            reported = r.reported_at.strftime("%Y-%m-%d %H:%M") if r.reported_at else (
                t("leave.history.due", due=r.report_due.isoformat()) if r.report_due else "")
            table.add_row(r.number, r.type_label, _when(r.start, r.start_half), _when(r.end, r.end_half),
                          _text(r.days), t(f"status.{r.status}"), reported,
                          "; ".join(t(f"leave.flag_name.{f.get('flag')}") for f in r.flags), key=r.number)
        table.display = bool(self.records)
        self.query_one("#leave-history-empty", Static).display = not self.records
        if self.records:
            table.focus()

    def _selected(self) -> Any:
        table = self.query_one("#leave-history", DataTable)
        if not self.records or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((r for r in self.records if r.number == key), None)

    def action_report_back(self) -> None:
        record = self._selected()
        if record is not None:
            self._report_back(record.number)

    @work(thread=True, exit_on_error=False, group="leave-report")
    def _report_back(self, number: str) -> None:
        from tui_office.workflows.leave import service as leave

        try:
            text = leave.report_back(self.app.office, self.app.me.login, number)
        except OfficeError as exc:
            self.post_message(self.Reported(str(exc), error=True))
            return
        self.post_message(self.Reported(text))

    @on(Reported)
    def _reported(self, message: Reported) -> None:
        self.notify(message.text, severity="error" if message.error else "information", timeout=6)
        if not message.error:
            self._load()

    def action_open(self) -> None:
        record = self._selected()
        if record is not None:
            self.app.open_document(record.number)

    def action_new(self) -> None:
        self.app.new_document("leave")

    def action_year(self, step: int) -> None:
        self.year += step
        self._load()

    def action_back(self) -> None:
        self.dismiss(None)


def _when(d: Any, half: str | None) -> str:
    return f"{d.isoformat()} {t(f'leave.half.{half}')}" if half else d.isoformat()
