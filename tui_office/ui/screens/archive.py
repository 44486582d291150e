"""Provides the archive browser (`H` from anywhere): finished documents by year, form and department.

`y`, `f` and `d` step through the years, forms and departments there are (then back to all);
enter opens the document under the cursor (an outsider's opening is logged); `l` switches to the
log of such openings for the archive keeper and administrators, and back; `e` exports what is shown.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.exporting import Exporting
from tui_office.ui.screens.document_list import DocumentListKeys, next_choice
from tui_office.ui.widgets.cells import clip

COLUMNS = {"number": 14, "form": 14, "title": 30, "initiator": 10, "department": 12, "finished": 10}
LOG_COLUMNS = {"at": 16, "who": 12, "number": 14, "title": 22, "grant": 14}
NARROW = 100
"""Below this many columns the form and department are left out, and the log's names and titles are shorter."""
NARROW_LOG = {"who": 10, "title": 14}


class ArchiveScreen(Exporting, DocumentListKeys, LocalisedBindings, Screen[None]):
    """Browse what has been archived, and (archive keeper) who opened it."""

    LIST_ID = "archive-list"

    BINDINGS = keymap.bindings("archive.")

    showing_log: reactive[bool] = reactive(False, bindings=True)
    """The table shows the openings log instead of the documents."""

    class Loaded(Message):
        """The worker's answer: the choices for each filter and the rows, or why not."""

        def __init__(self, rows: list, choices: dict | None = None, error: str = "") -> None:
            self.rows, self.choices, self.error = rows, choices, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.filters: dict[str, str | int | None] = {"year": None, "form": None, "dept": None}
        """The year, form id and department code shown (None: all)."""
        self.choices: dict[str, list[tuple[str | int, str]]] = {"year": [], "form": [], "dept": []}
        """(value, label) of each filter's choices, loaded once."""
        self.rows: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="archive-filters", markup=False)
        yield DataTable(id="archive-list", cursor_type="row", zebra_stripes=True)
        yield Static(t("archive.hint"), id="archive-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("archive.title")
        self._load(first=True)

    @work(thread=True, exclusive=True, group="archive", exit_on_error=False)
    def _load(self, first: bool = False) -> None:
        from tui_office.services import archive

        office, login = self.app.office, self.app.me.login
        try:
            choices = archive.choices(office, login) if first else None
            if self.showing_log:
                rows = archive.openings(office, login)
            else:
                rows = archive.browse(office, login, year=self.filters["year"], form=self.filters["form"],
                                      dept=self.filters["dept"])
        except OfficeError as exc:
            self.post_message(self.Loaded([], None, str(exc)))
            return
        self.post_message(self.Loaded(rows, choices))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.choices is not None:
            self.choices = message.choices
        self.rows = message.rows
        self._draw(message.error)

    def _draw(self, error: str = "") -> None:
        table = self.query_one("#archive-list", DataTable)
        table.clear(columns=True)
        narrow = self.app.size.width < NARROW
        columns = dict(LOG_COLUMNS if self.showing_log else COLUMNS)
        if narrow and self.showing_log:
            columns.update(NARROW_LOG)
        elif narrow:
            columns.pop("form"), columns.pop("department")
        for key, width in columns.items():
            table.add_column(t(f"archive.column.{key}"), key=key, width=width)
        for row in self.rows:
            values = self._values(row)
            table.add_row(*(clip(values[key], width) for key, width in columns.items()), key=row.number + str(id(row)))
        labels = {name: next((label for value, label in self.choices[name] if value == self.filters[name]), None)
                  for name in self.filters}
        filters = self.query_one("#archive-filters", Static)
        filters.update(t("archive.log_title") if self.showing_log else t(
            "archive.filters", year=labels["year"] or t("archive.all"), form=labels["form"] or t("archive.all"),
            dept=labels["dept"] or t("archive.all")))
        status = self.query_one("#archive-status", Static)
        if error:
            status.update(error)
        elif not self.rows:
            status.update(t("archive.log_empty" if self.showing_log else "archive.empty"))
        else:
            status.update(t("archive.hint"))

    def _values(self, row) -> dict[str, str]:
        if self.showing_log:
            return {"at": f"{row.at:%Y-%m-%d %H:%M}", "who": row.name, "number": row.number, "title": row.title,
                    "grant": row.grant or "—"}
        return {"number": row.number, "form": row.form_title, "title": row.title, "initiator": row.initiator_name,
                "department": row.department, "finished": f"{row.finished_at:%Y-%m-%d}" if row.finished_at else ""}

    # ---- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and self.showing_log:
            return None
        return True

    def action_step(self, name: str) -> None:
        """The filter's next choice (after the last: all again)."""
        self.filters[name] = next_choice(self.filters[name], self.choices.get(name, []))
        self._load()

    def action_log(self) -> None:
        self.showing_log = not self.showing_log
        self._load()

    def export_request(self) -> tuple[str, dict]:
        if self.showing_log:
            return "archive-log", {}
        return "archive", dict(self.filters)

    @property
    def listed(self) -> list:
        return self.rows
