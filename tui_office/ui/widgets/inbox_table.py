"""Provides the inbox list: a window of `InboxRow`s in a DataTable, overdue rows marked and styled.

A draft filled in for a colleague names them in the From column, marked "for …" when that fits.

The table never holds the whole result: the screen loads a page at a time (keyset paging) and
appends the next page when the cursor nears the end of what is loaded (`NearEnd`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from tui_office.i18n import t
from tui_office.services.views import InboxRow
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.cells import clip

NEAR_END = 20
"""Ask for the next page when the cursor is this close to the last loaded row."""

COLUMNS = ("mark", "number", "form", "title", "from", "step", "received", "due")
"""Column ids in the order shown."""


@dataclass(frozen=True)
class ColumnSpec:
    """How one column gives way on a narrow terminal and grows on a wide one."""

    least: int
    """Fewest cells it is useful in."""
    usual: int
    """Its width on a 120-column terminal."""
    most: int
    """Most cells it grows to (0: as many as its longest value needs)."""


SPECS = {
    "mark": ColumnSpec(2, 2, 2),
    "number": ColumnSpec(12, 12, 12),
    "form": ColumnSpec(8, 14, 20),
    "title": ColumnSpec(18, 26, 0),
    "from": ColumnSpec(6, 8, 16),
    "step": ColumnSpec(8, 15, 24),
    "received": ColumnSpec(11, 11, 11),
    "due": ColumnSpec(12, 12, 12),
}
"""Each column's widths in terminal cells."""

DROP_ORDER = ("form", "received", "step", "from")
"""Columns left out, first to last, while the rest do not fit their least widths."""
GROW_ORDER = ("title", "from", "step", "form")
"""Who gets spare cells first, up to the usual width, then up to what their values need."""
PADDING = 2
"""Cells DataTable adds around each column."""
SCROLLBAR = 2
"""Cells kept free for the vertical scrollbar."""


def column_widths(width: int, longest: dict[str, int] | None = None) -> dict[str, int]:
    """Column id → width for a table `width` cells wide: Title and Due stay, Form and Received go
    first; spare cells go to the title until it holds its longest value (`longest`: column id →
    cells its longest value needs), then to the other text columns, and what is left to the title."""
    longest = longest or {}
    room = width - SCROLLBAR
    shown = list(COLUMNS)

    def needed(columns: list[str]) -> int:
        return sum(SPECS[c].least + PADDING for c in columns)

    for column in DROP_ORDER:
        if needed(shown) <= room:
            break
        shown.remove(column)
    widths = {c: SPECS[c].least for c in shown}
    spare = room - needed(shown)

    def grow(column: str, target: int) -> None:
        nonlocal spare
        if column in widths and target > widths[column] and spare > 0:
            extra = min(spare, target - widths[column])
            widths[column] += extra
            spare -= extra

    for column in GROW_ORDER:
        grow(column, SPECS[column].usual)
    for column in GROW_ORDER:
        most = SPECS[column].most or 10**6
        grow(column, min(most, max(longest.get(column, 0), SPECS[column].usual)))
    grow("title", 10**6)
    return {c: widths[c] for c in COLUMNS if c in widths}


OVERDUE_MARK = "!"
"""Shown before an overdue due time, so it stands out without colour too."""
SELECTED_MARK = "*"
ESCALATED_MARK = "^"
"""Shown before the step of a task that came to me by escalation (a timeout passed)."""


def from_text(row: InboxRow, width: int | None = None) -> str:
    """The From cell: who started the document, or the colleague a draft is filled in for, then
    marked as such ("for Emily Carter", 代王芳) when that fits in `width` cells (None: any)."""
    if not row.filled_in_for:
        return row.from_name
    marked = t("inbox.filled_in_for", name=row.from_name)
    return marked if width is None or cell_len(marked) <= width else row.from_name


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
        self.widths: dict[str, int] = {}
        """The columns shown and their widths (see `column_widths`)."""
        self.moved: Callable[[], None] | None = None
        """Called when the cursor lands on another row, before the frame that shows it is drawn (the
        `RowHighlighted` message stops here: through the body container it would reach the screen
        after that frame, keeping the frame waiting for the screen's work)."""

    def on_mount(self) -> None:
        self._lay_out()

    def on_resize(self) -> None:
        if self._lay_out():
            self._redraw_all()

    def _longest(self) -> dict[str, int]:
        rows = self.rows_loaded
        return {
            "title": max((cell_len(r.title) for r in rows), default=0),
            "from": max((cell_len(from_text(r)) for r in rows), default=0),
            "step": max((cell_len(r.step_title) for r in rows), default=0),
            "form": max((cell_len(r.form_title) for r in rows), default=0),
        }

    def _lay_out(self) -> bool:
        """Fit the columns to the table's width; True when they changed (rows must be redrawn)."""
        width = self.size.width or self.app.size.width
        widths = column_widths(width, self._longest())
        if widths == self.widths:
            return False
        self.widths = widths
        super().clear(columns=True)
        for column, cells in widths.items():
            self.add_column(t(f"inbox.col.{column}") if column != "mark" else "", width=cells, key=column)
        return True

    def _redraw_all(self) -> None:
        keep = self.cursor_row
        rows = self.rows_loaded
        super().clear()
        for position, row in enumerate(rows):
            self.add_row(*self._cells(row), key=self._key(row, position))
        if rows:
            self.move_cursor(row=max(0, min(keep, len(rows) - 1)), animate=False, scroll=True)

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
        values = {
            "mark": mark,
            "number": row.number,
            "form": row.form_title,
            "title": row.title,
            "from": from_text(row, self.widths.get("from")),
            "step": (ESCALATED_MARK if row.escalated else "") + row.step_title,
            "received": when(row.received_at),
            "due": due,
        }
        cells = [Text(clip(values[c], w), style=style, no_wrap=True, overflow="ellipsis") for c, w in self.widths.items()]
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
        self._lay_out()
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
        for position, cell in enumerate(self._cells(row)):
            self.update_cell_at((index, position), cell)

    @property
    def current(self) -> InboxRow | None:
        """The row under the cursor, if any."""
        if not self.rows_loaded or self.cursor_row is None or self.cursor_row < 0:
            return None
        if self.cursor_row >= len(self.rows_loaded):
            return None
        return self.rows_loaded[self.cursor_row]

    def render_ahead(self) -> None:
        """Draw now, while the cursor rests, the rows the next cursor key draws: the row above or
        below with the cursor on it, and this row without. Textual keeps drawn rows, and draws a row
        the cursor lands on for the first time cell by cell through Rich (half a millisecond for
        the inbox's columns), so the key then only puts kept rows on screen."""
        row, column = self.cursor_coordinate
        if not self.rows_loaded or not 0 <= row < self.row_count:
            return
        style, hover, key_of = self.rich_style, self.hover_coordinate, self._row_locations.get_key
        for target in (row + 1, row - 1):
            if 0 <= target < self.row_count:
                cursor = Coordinate(target, column)
                for index in (target, row):
                    self._render_line_in_row(key_of(index), 0, style, cursor, hover)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.moved is not None:
            self.moved()

    def watch_cursor_coordinate(self, old, new) -> None:  # noqa: ANN001
        super().watch_cursor_coordinate(old, new)
        if self.rows_loaded and new.row >= len(self.rows_loaded) - NEAR_END:
            self.post_message(self.NearEnd(self))
