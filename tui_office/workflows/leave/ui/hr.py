"""Provides `LeaveHrScreen`: administration's leave view (行政人事).

Four lists: who still has to report back (销假) after a leave that has begun, who is absent
without leave (旷工), long leaves flagged for review with their totals, and sick leaves phoned in
late. `Tab` moves between the lists, `Enter` opens the document, `e` exports this year's leave
records (CSV or XLSX).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.i18n import t
from tui_office.ui.exporting import Exporting
from tui_office.ui.loading import load_view
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter


def _when(d: Any, half: str | None) -> str:
    return f"{d.isoformat()} {t(f'leave.half.{half}')}" if half else d.isoformat()


class LeaveHrScreen(Exporting, LocalisedBindings, Screen[None]):
    """Pending report-backs, absences without leave, long-leave reviews and late sick-leave calls."""

    DEFAULT_CSS = """
    LeaveHrScreen .leave-hr-heading { padding: 0 1; text-style: bold; margin-top: 1; }
    LeaveHrScreen DataTable { height: auto; max-height: 12; margin: 0 1; }
    LeaveHrScreen .leave-hr-empty { padding: 0 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("tab", "next_list", "keys.leave_next_list", id="leave_hr.next"),
        Binding("enter", "open", "keys.open", id="leave_hr.open"),
        Binding("R", "reload", "keys.refresh", id="leave_hr.refresh", show=False),
        Binding("e", "export", "keys.export", id="leave_hr.export"),
        Binding("escape,q", "back", "keys.leave_back", id="leave_hr.back"),
    ]

    LISTS = ("pending", "absences", "long", "phone")
    FLAGGED = {"long": "long_leave", "phone": "late_phone"}
    """Lists of flagged leaves, with the record's property holding the flag shown in their last column."""

    class Loaded(Message):
        def __init__(self, view: Any, error: str = "") -> None:
            self.view, self.error = view, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__(classes="leave-hr-screen")
        self.view: Any = None
        """The `HrView` shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            for name in self.LISTS:
                yield Static(t(f"leave.hr.{name}"), id=f"leave-hr-{name}-title", classes="leave-hr-heading")
                table = DataTable(id=f"leave-hr-{name}", cursor_type="row", zebra_stripes=True)
                yield table
                yield Static(t("leave.hr.none"), id=f"leave-hr-{name}-empty", classes="leave-hr-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("leave.hr.title")
        for name in self.LISTS:
            table = self.query_one(f"#leave-hr-{name}", DataTable)
            self.watch(table, "show_horizontal_scrollbar", self._refit(table), init=False)
        self._load()

    def _refit(self, table: DataTable):  # noqa: ANN202 - a watcher taking no arguments
        return lambda: self._fit(table)

    def _fit(self, table: DataTable) -> None:
        """Its heading row and rows (at most 12 lines), and a line more while it has a horizontal
        scrollbar (its details wider than the screen, as on 80 columns), so the bar never covers a
        row; kept right when the terminal is resized."""
        bar = table.scrollbar_size_horizontal if table.show_horizontal_scrollbar else 0
        table.styles.height = min(table.row_count + 1, 12) + bar

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="leave-hr", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.leave import service as leave

        load_view(self, self.Loaded, lambda: leave.hr_view(self.app.office, self.app.me.login))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            if self.view is None:
                self.dismiss(None)
            return
        from tui_office.workflows.leave.rules import _text, flag_text

        self.view = view = message.view
        lists = {"pending": view.pending_report_backs, "absences": view.absences, "long": view.long_leaves,
                 "phone": view.late_phone_notices}
        for name, records in lists.items():
            table = self.query_one(f"#leave-hr-{name}", DataTable)
            table.clear(columns=True)
            if name in self.FLAGGED:
                table.add_columns(t("leave.hr.number"), t("leave.hr.person"), t("leave.history.from"),
                                  t("leave.history.to"), t("leave.history.days"), t("leave.history.status"),
                                  t("leave.hr.detail"))
            else:
                table.add_columns(t("leave.hr.number"), t("leave.hr.person"), t("leave.history.type"),
                                  t("leave.history.from"), t("leave.history.to"), t("leave.hr.due"))
            for r in records:
                if name in self.FLAGGED:
                    flag = getattr(r, self.FLAGGED[name]) or {}
                    table.add_row(r.number, r.name, _when(r.start, r.start_half), _when(r.end, r.end_half),
                                  _text(r.days), t(f"status.{r.status}"), flag_text(flag, short=True), key=r.number)
                else:
                    table.add_row(r.number, r.name, r.type_label, _when(r.start, r.start_half), _when(r.end, r.end_half),
                                  r.report_due.isoformat() if r.report_due else "", key=r.number)
            self.query_one(f"#leave-hr-{name}-title", Static).update(f"{t(f'leave.hr.{name}')} ({len(records)})")
            table.display = bool(records)
            self._fit(table)
            self.query_one(f"#leave-hr-{name}-empty", Static).display = not records
        first = next((self.query_one(f"#leave-hr-{n}", DataTable) for n in self.LISTS if lists[n]), None)
        if first is not None:
            first.focus()

    def _tables(self) -> list[DataTable]:
        return [self.query_one(f"#leave-hr-{n}", DataTable) for n in self.LISTS
                if self.query_one(f"#leave-hr-{n}", DataTable).display]

    def action_next_list(self) -> None:
        tables = self._tables()
        if not tables:
            return
        current = self.focused if isinstance(self.focused, DataTable) else None
        index = tables.index(current) if current in tables else -1
        tables[(index + 1) % len(tables)].focus()

    def action_open(self) -> None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key:
            self.app.open_document(key)

    def export_request(self) -> tuple[str, dict]:
        """This year's leave records (`tui-office export leave --year`)."""
        return "leave", {"year": self.app.office.clock.today().year}

    def action_back(self) -> None:
        self.dismiss(None)
