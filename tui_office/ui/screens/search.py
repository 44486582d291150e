"""Provides the search screen (`s` from anywhere): results as you type, matched words highlighted.

The query box takes words and filters (`form:` `status:` `from:` `to:` `dept:` `by:`); a quarter
second after the last key the search runs in a worker and the table shows the documents the user
may see, newest first, each with the line that matched. Down or enter goes to the list; enter on a
row opens the document; `/` goes back to the query; `e` (in the list) exports the results; escape
closes the screen.
"""

from __future__ import annotations

from textual import on, work
from textual.binding import Binding
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static
from rich.cells import cell_len
from rich.text import Text

from tui_office.domain.errors import OfficeError
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.services.search import SearchHit, SearchResult
from tui_office.ui import keymap
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.exporting import Exporting
from tui_office.ui.screens.document_list import DocumentListKeys
from tui_office.ui.widgets.cells import clip

DEBOUNCE_SECONDS = 0.25
"""How long typing must pause before the search runs."""
COLUMNS = ("number", "form", "title", "initiator", "status", "match")
WIDTHS = {"number": 14, "form": 14, "title": 28, "initiator": 10, "status": 11}
"""Cells each column takes on a wide terminal; the matched line takes what is left."""
NARROW = 100
"""Below this many columns the form is left out and titles and names are shorter."""
NARROW_WIDTHS = {"number": 13, "title": 16, "initiator": 6, "status": 11}
MATCH_LEAST = 16


class SearchScreen(Exporting, DocumentListKeys, LocalisedBindings, Screen[None]):
    """Find documents by what is in them."""

    LIST_ID = "search-results"

    BINDINGS = [*keymap.bindings("search."), Binding("down", "to_results", show=False)]

    class Found(Message):
        """The worker's answer for `text`: the result, or the one-line reason it was refused."""

        def __init__(self, text: str, result: SearchResult | None, error: str = "") -> None:
            self.text, self.result, self.error = text, result, error
            super().__init__()

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.initial = text
        """What the query box starts with."""
        self.hits: list[SearchHit] = []
        """The documents the table shows, in its order."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(value=self.initial, placeholder=t("search.placeholder"), id="search-query")
        yield Static(t("search.hint"), id="search-status", markup=False)
        table: DataTable = DataTable(id="search-results", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("search.title")
        self._columns()
        self.query_one("#search-query", Input).focus()
        if self.initial.strip():
            self._run(self.initial)

    # ---- typing ----------------------------------------------------------------------------

    @on(Input.Changed, "#search-query")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        text = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._run(text))

    @on(Input.Submitted, "#search-query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.hits:
            self.query_one("#search-results", DataTable).focus()

    def _run(self, text: str) -> None:
        if not text.strip():
            self._show(text, SearchResult(hits=[], more=False), "")
            return
        self._search(text)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, text: str) -> None:
        from tui_office.services import search

        try:
            result = search.find(self.app.office, self.app.me.login, text)
        except OfficeError as exc:
            self.post_message(self.Found(text, None, str(exc)))
            return
        self.post_message(self.Found(text, result))

    @on(Found)
    def _found(self, message: Found) -> None:
        if message.text != self.query_one("#search-query", Input).value:
            return  # typing went on: a newer search is on its way
        self._show(message.text, message.result, message.error)

    def _widths(self) -> dict[str, int]:
        """Each shown column's width at the current terminal width, the matched line's last."""
        total = self.app.size.width
        widths = dict(NARROW_WIDTHS if total < NARROW else WIDTHS)
        used = sum(widths.values()) + 2 * (len(widths) + 1) + 2  # cell padding and the scroll bar
        widths["match"] = max(MATCH_LEAST, total - used)
        return widths

    def _columns(self) -> None:
        table = self.query_one("#search-results", DataTable)
        table.clear(columns=True)
        self._shown = self._widths()
        for column in self._shown:
            table.add_column(t(f"search.column.{column}"), key=column, width=self._shown[column])
        for hit in self.hits:
            table.add_row(*self._cells(hit), key=hit.number)

    def on_resize(self) -> None:
        if getattr(self, "_shown", None) and self._widths() != self._shown:
            self._columns()

    def _show(self, text: str, result: SearchResult | None, error: str) -> None:
        status = self.query_one("#search-status", Static)
        table = self.query_one("#search-results", DataTable)
        table.clear()
        self.hits = list(result.hits) if result else []
        for hit in self.hits:
            table.add_row(*self._cells(hit), key=hit.number)
        if error:
            status.update(Text(printable(error), style="bold"))
        elif not text.strip():
            status.update(t("search.hint"))
        elif not self.hits:
            status.update(t("search.nothing", text=printable(text.strip())))
        elif result and result.more:
            status.update(t("search.more", count=len(self.hits)))
        else:
            status.update(t("search.found", count=len(self.hits)))

    def _cells(self, hit: SearchHit) -> list:
        widths = self._shown
        match = Text(printable(hit.excerpt))
        for start, end in hit.spans:
            match.stylize("reverse bold", start, end)
        room = widths["match"]
        if hit.spans and cell_len(hit.excerpt[:hit.spans[0][1]]) > room - 2:  # bring the first match into view
            cut = max(0, hit.spans[0][0] - room // 3)
            match = Text("…") + match[cut:]
        match.truncate(room, overflow="ellipsis")
        values = {"number": hit.number, "form": hit.form_title, "title": hit.title, "initiator": hit.initiator_name,
                  "status": t(f"status.{hit.status}")}
        return [match if column == "match" else clip(values[column], widths[column]) for column in widths]

    # ---- keys ------------------------------------------------------------------------------

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one("#search-results", DataTable).focus()

    def action_focus_query(self) -> None:
        self.query_one("#search-query", Input).focus()

    def export_request(self) -> tuple[str, dict] | None:
        text = self.query_one("#search-query", Input).value.strip()
        return ("search", {"query": text}) if text and self.hits else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export" and not self.hits:
            return None
        return True

    @property
    def listed(self) -> list[SearchHit]:
        return self.hits
