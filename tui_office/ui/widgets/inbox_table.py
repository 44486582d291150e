"""Provides the inbox list: a window of `InboxRow`s in a DataTable, overdue rows marked and styled.

The table never holds the whole result: the screen loads a page at a time (keyset paging) and
appends the next page when the cursor nears the end of what is loaded (`NearEnd`).
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from tui_office.i18n import t
from tui_office.services.views import InboxRow
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.cells import clip

NEAR_END = 20
"""Ask for the next page when the cursor is this close to the last loaded row."""

COLUMNS = (
    ("mark", 2),
    ("number", 12),
    ("form", 14),
    ("title", 26),
    ("from", 8),
    ("step", 15),
    ("received", 11),
    ("due", 12),
)
"""Column id and width in terminal cells (the title gets what a 120-column terminal leaves)."""

OVERDUE_MARK = "!"
"""Shown before an overdue due time, so it stands out without colour too."""
SELECTED_MARK = "*"


def when(value: datetime | None) -> str:
    return value.strftime("%m-%d %H:%M") if value else ""


class InboxTable(LocalisedBindings, DataTable):
    """The rows of one inbox tab; `rows_loaded[i]` is the row under table row `i`."""

    BINDINGS = [Binding("enter", "screen.open", "keys.open", id="inbox.open")]

    class NearEnd(Message):
        """The cursor is close to the last loaded row: load the next page if there is one."""

        def __init__(self, table: InboxTable) -> None:
            super().__init__()
            self.table = table
            """The table whose end is near."""

        @property
        def control(self) -> InboxTable:
            """The table this is about (what `@on(InboxTable.NearEnd, "#id")` selects on)."""
            return self.table

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.rows_loaded: list[InboxRow] = []
        """The loaded window, in table order."""
        self.selected: set[str] = set()
        """Document numbers marked with `space` for bulk approval."""

    def on_mount(self) -> None:
        for column, width in COLUMNS:
            self.add_column(t(f"inbox.col.{column}") if column != "mark" else "", width=width, key=column)

    # ---- content --------------------------------------------------------------------------

    def _style(self, row: InboxRow) -> str:
        if row.overdue:
            return f"{self.app.theme_variables.get('overdue', 'red')}"
        return ""

    def _cells(self, row: InboxRow) -> list[Text]:
        style = self._style(row)
        mark = (SELECTED_MARK if row.number in self.selected else " ") + (OVERDUE_MARK if row.overdue else " ")
        due = when(row.due_at)
        if row.overdue and due:
            due = OVERDUE_MARK + due
        values = [
            mark,
            row.number,
            clip(row.form_title, 14),
            clip(row.title, 26),
            clip(row.from_name, 8),
            clip(row.step_title, 15),
            when(row.received_at),
            due,
        ]
        cells = [Text(v, style=style, no_wrap=True, overflow="ellipsis") for v in values]
        if row.number in self.selected:
            cells[0].stylize(f"bold {self.app.theme_variables.get('selected-mark', '')}")
        if row.overdue:
            cells[0].stylize("bold")
            cells[-1].stylize("bold")
        return cells

    def _key(self, row: InboxRow, index: int) -> str:
        return f"{row.number}#{row.task_id or index}"

    def show_rows(self, rows: list[InboxRow], keep: str | None = None, index: int = 0) -> None:
        """Replace the window with `rows`; put the cursor on document `keep` if it is still there,
        else on row `index` (clamped)."""
        self.clear()
        self.rows_loaded = list(rows)
        numbers = {r.number for r in rows}
        self.selected &= numbers
        for position, row in enumerate(rows):
            self.add_row(*self._cells(row), key=self._key(row, position))
        target = index
        if keep is not None:
            for n, row in enumerate(rows):
                if row.number == keep:
                    target = n
                    break
        if rows:
            self.move_cursor(row=max(0, min(target, len(rows) - 1)), animate=False, scroll=True)

    def append_rows(self, rows: list[InboxRow]) -> None:
        """Add the next page after the loaded window."""
        start = len(self.rows_loaded)
        self.rows_loaded.extend(rows)
        for offset, row in enumerate(rows):
            self.add_row(*self._cells(row), key=self._key(row, start + offset))

    def redraw_row(self, index: int) -> None:
        """Redraw one row (after selecting it)."""
        row = self.rows_loaded[index]
        for column, cell in zip(COLUMNS, self._cells(row)):
            self.update_cell_at((index, COLUMNS.index(column)), cell)

    @property
    def current(self) -> InboxRow | None:
        """The row under the cursor, if any."""
        if not self.rows_loaded or self.cursor_row is None or self.cursor_row < 0:
            return None
        if self.cursor_row >= len(self.rows_loaded):
            return None
        return self.rows_loaded[self.cursor_row]

    def watch_cursor_coordinate(self, old, new) -> None:  # noqa: ANN001
        super().watch_cursor_coordinate(old, new)
        if self.rows_loaded and new.row >= len(self.rows_loaded) - NEAR_END:
            self.post_message(self.NearEnd(self))
