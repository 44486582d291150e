"""Provides `LineItemGrid`: a keyboard grid for a table field (line items) with column totals.

Keys in the grid: arrows move; `enter` or simply typing edits the cell under the cursor (typing
starts with that character); in the cell editor `enter`/`tab` keep the text and move to the next
cell, `escape` drops it; `insert` or `ctrl+n` adds a row, `ctrl+d` deletes the row under the
cursor; `tab`/`shift+tab` move cell by cell and leave the grid after its last/before its first
cell. Computed columns show their values and cannot be edited. Totals of the columns a formula
sums (`sum(items.amount)`) stand under their column.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static

from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.keymap import LocalisedBindings

NUMERIC = ("integer", "decimal", "money")
WIDTHS = {"text": 22, "multiline": 26, "money": 12, "decimal": 10, "integer": 6, "date": 10, "datetime": 16,
          "boolean": 5, "user": 10, "department": 12, "choice": 10, "multichoice": 16}
"""Default column widths (cells) by column type."""
MAX_WIDTH = 32
NUMBER_WIDTH = 3
"""Cells of the row-number column."""


def column_width(col: Any) -> int:
    """Cells a column gets: its label or its typical content, whichever is wider."""
    width = WIDTHS.get(col.type, 12)
    if col.type == "choice" and col.choices:
        width = max(cell_len(c.label) for c in col.choices)
    return min(MAX_WIDTH, max(cell_len(col.label), width, 4))


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` padded (or cut with …) to exactly `width` cells, CJK-aware."""
    if cell_len(text) > width:
        out = ""
        for ch in text:
            if cell_len(out + ch) > width - 1:
                break
            out += ch
        text = out + "…"
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


class GridTable(LocalisedBindings, DataTable):
    """The table part of the grid: cell cursor, `enter`/typing to edit, `tab` cell by cell."""

    BINDINGS = keymap.bindings("form.grid.edit", "form.grid.next", "form.grid.previous")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    class EditRequested(Message):
        """The person wants to edit the cell under the cursor (`initial`: text typed so far)."""

        def __init__(self, table: GridTable, initial: str | None) -> None:
            self.table = table
            self.initial = initial
            super().__init__()

        @property
        def control(self) -> GridTable:
            """The GridTable this is about (what `@on(..., "#id")` selects on)."""
            return self.table

    def action_edit_cell(self) -> None:
        grid = self.parent_grid
        if grid is not None and grid.editing:
            grid.commit_edit(+1)  # an enter typed ahead of the editor getting focus
        elif self.row_count and grid is not None:
            grid.start_edit(None)

    def action_next_cell(self) -> None:
        grid = self.parent_grid
        if grid is not None and grid.editing:
            grid.commit_edit(+1)
        else:
            self._step(+1)

    def action_previous_cell(self) -> None:
        grid = self.parent_grid
        if grid is not None and grid.editing:
            grid.commit_edit(-1)
        else:
            self._step(-1)

    def _step(self, delta: int) -> None:
        grid = self.parent_grid
        if grid is None or not self.row_count:
            (self.screen.focus_next if delta > 0 else self.screen.focus_previous)()
            return
        moved = grid.step_cursor(delta)
        if not moved:
            (self.screen.focus_next if delta > 0 else self.screen.focus_previous)()

    @property
    def parent_grid(self) -> LineItemGrid | None:
        for node in self.ancestors:
            if isinstance(node, LineItemGrid):
                return node
        return None

    def on_key(self, event: Any) -> None:
        """Typing edits the cell; keys typed faster than focus moves (paste, an input method
        committing several characters) still land in the editor, in order."""
        grid = self.parent_grid
        if grid is not None and grid.take_key(event.key, event.character, at_table=True):
            event.stop()
            event.prevent_default()


class CellEditor(LocalisedBindings, Input):
    """The one-line editor under the grid for the cell being edited."""

    BINDINGS = keymap.bindings("form.grid.cancel", "form.grid.commit")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    class Done(Message):
        """The edit ended: `keep` the text or not, and which way to move (+1, -1, 0)."""

        def __init__(self, editor: CellEditor, keep: bool, move: int) -> None:
            self.editor = editor
            self.keep = keep
            self.move = move
            super().__init__()

        @property
        def control(self) -> CellEditor:
            """The CellEditor this is about (what `@on(..., "#id")` selects on)."""
            return self.editor

    async def _on_key(self, event: Any) -> None:
        grid = self.grid
        if grid is not None and grid.take_key(event.key, event.character, at_table=False):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    @property
    def grid(self) -> LineItemGrid | None:
        return next((node for node in self.ancestors if isinstance(node, LineItemGrid)), None)

    # The grid acts at once (not through a message): keys typed right after must find the
    # table focused again, not this editor.
    def _done(self, keep: bool, move: int) -> None:
        grid = self.grid
        if grid is not None:
            grid._finish_edit(keep, move)
        else:
            self.post_message(self.Done(self, keep, move))

    def action_cancel(self) -> None:
        self._done(False, 0)

    def action_commit_next(self) -> None:
        self._done(True, +1)

    def action_commit_previous(self) -> None:
        self._done(True, -1)


class LineItemGrid(LocalisedBindings, Vertical):
    """Line items of a table field: a DataTable of rows, a cell editor, and column totals."""

    BINDINGS = keymap.bindings("form.grid.add_row", "form.grid.delete_row")

    class Changed(Message):
        """Rows were added, deleted or edited."""

        def __init__(self, grid: LineItemGrid) -> None:
            self.grid = grid
            """The grid that changed."""
            super().__init__()

        @property
        def control(self) -> LineItemGrid:
            """The LineItemGrid this is about (what `@on(..., "#id")` selects on)."""
            return self.grid

    def __init__(self, field: Any, rows: list[dict[str, str]], *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.field = field
        """The table field definition."""
        self.rows: list[dict[str, str]] = [dict(r) for r in rows]
        """Raw cell text per row (column id → text)."""
        self.columns = list(field.columns)
        self.widths = [column_width(c) for c in self.columns]
        self._computed_rows: list[dict] | None = None
        self._bad_cells: set[tuple[int, str]] = set()
        self._totals: dict[str, str] = {}
        self._editing: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        table = GridTable(cursor_type="cell", zebra_stripes=True, id="grid-table", show_row_labels=False)
        yield table
        yield Static("", id="grid-totals")
        with Horizontal(id="grid-edit-line"):
            yield Label("", id="grid-edit-label")
            yield CellEditor(id="grid-editor", compact=True, select_on_focus=False)
        yield Static(t("form.grid_keys"), id="grid-keys", classes="field-help")

    def on_mount(self) -> None:
        table = self.query_one(GridTable)
        table.add_column(Text(fit("#", NUMBER_WIDTH, right=True)), width=NUMBER_WIDTH, key="_number")
        for col, width in zip(self.columns, self.widths):
            label = col.label + (" *" if col.required and not col.computed else "")
            table.add_column(Text(fit(label, width, right=col.type in NUMERIC)), width=width, key=col.id)
        self.query_one("#grid-edit-line").display = False
        self._render_rows()

    # ------------------------------------------------------------------ model
    @property
    def raw(self) -> list[dict[str, str]]:
        return [dict(r) for r in self.rows]

    def show_computed(self, rows: list[dict] | None, bad_cells: set[tuple[int, str]], totals: dict[str, str]) -> None:
        """Typed rows as the form reads them (computed columns filled), cells with problems, totals."""
        self._computed_rows = rows
        self._bad_cells = set(bad_cells)
        self._totals = dict(totals)
        self._render_rows()

    def _editable(self, index: int) -> bool:
        """Whether table column `index` (0 is the row number) can be edited."""
        return 1 <= index <= len(self.columns) and not self.columns[index - 1].computed

    def _cell_text(self, row_index: int, col: Any) -> Text:
        raw = self.rows[row_index].get(col.id, "")
        typed = None
        if self._computed_rows is not None and row_index < len(self._computed_rows):
            typed = self._computed_rows[row_index].get(col.id)
        numeric = col.type in NUMERIC
        width = self.widths[self.columns.index(col)]
        if (row_index, col.id) in self._bad_cells:
            return Text(fit(raw or "?", width, right=numeric), style="bold reverse")
        if typed is not None:
            try:
                shown = col.display(typed)
            except Exception:  # noqa: BLE001 - show the raw text rather than fail
                shown = raw
        else:
            shown = raw
        if col.computed and not shown:
            shown = "—"
        return Text(fit(shown or "", width, right=numeric), style="italic" if col.computed else "")

    def _render_rows(self) -> None:
        if not self.is_mounted:
            return
        table = self.query_one(GridTable)
        cursor = table.cursor_coordinate
        table.clear()
        for index, _row in enumerate(self.rows):
            number = Text(fit(str(index + 1), NUMBER_WIDTH, right=True), style="dim")
            table.add_row(number, *[self._cell_text(index, c) for c in self.columns])
        if self.rows:
            row = min(cursor.row, len(self.rows) - 1)
            table.cursor_coordinate = Coordinate(row, cursor.column)
        self._render_totals()

    def _render_totals(self) -> None:
        totals = self.query_one("#grid-totals", Static)
        if not self._totals or not self.rows:
            totals.display = False
            return
        totals.display = True
        parts = [" " * (NUMBER_WIDTH + 2)]
        first_free = next((i for i, c in enumerate(self.columns) if c.id not in self._totals), None)
        for index, (col, width) in enumerate(zip(self.columns, self.widths)):
            if col.id in self._totals:
                cell = fit(self._totals[col.id], width, right=True)
            elif index == first_free:
                cell = fit(t("form.total"), width)
            else:
                cell = " " * width
            parts.append(" " + cell + " ")
        totals.update(Text("".join(parts), style="bold"))

    # ---------------------------------------------------------------- cursor
    def step_cursor(self, delta: int) -> bool:
        """Move to the next/previous editable cell; False at either end of the grid."""
        table = self.query_one(GridTable)
        row, col = table.cursor_coordinate
        cells = [(r, c) for r in range(len(self.rows)) for c in range(1, len(self.columns) + 1) if self._editable(c)]
        if not cells:
            return False
        try:
            here = cells.index((row, col))
        except ValueError:
            here = next((i for i, rc in enumerate(cells) if rc >= (row, col)), len(cells)) - (1 if delta > 0 else 0)
        target = here + delta
        if not 0 <= target < len(cells):
            return False
        table.cursor_coordinate = Coordinate(*cells[target])
        return True

    def focus_first(self, row: int | None = None, column: str | None = None) -> None:
        """Focus the grid, on a given cell (a problem) or the current one."""
        table = self.query_one(GridTable)
        table.focus()
        if row is not None and self.rows:
            index = next((i + 1 for i, c in enumerate(self.columns) if c.id == column), 1)
            table.cursor_coordinate = Coordinate(min(row, len(self.rows) - 1), index)
        elif self.rows and table.cursor_coordinate.column == 0:
            table.cursor_coordinate = Coordinate(table.cursor_coordinate.row, 1)

    # --------------------------------------------------------------- actions
    def action_add_row(self) -> None:
        table = self.query_one(GridTable)
        at = table.cursor_coordinate.row + 1 if self.rows else 0
        self.rows.insert(at, {c.id: "" for c in self.columns if not c.computed})
        self._computed_rows = None
        self._render_rows()
        first = next((i for i in range(1, len(self.columns) + 1) if self._editable(i)), 1)
        table.cursor_coordinate = Coordinate(at, first)
        table.focus()
        self.post_message(self.Changed(self))

    def action_delete_row(self) -> None:
        if not self.rows:
            return
        table = self.query_one(GridTable)
        at = table.cursor_coordinate.row
        del self.rows[at]
        if self._computed_rows is not None and at < len(self._computed_rows):
            del self._computed_rows[at]
        self._bad_cells = set()
        self._render_rows()
        table.focus()
        self.post_message(self.Changed(self))

    @property
    def editing(self) -> bool:
        """A cell is being edited."""
        return self._editing is not None

    def type_ahead(self, text: str) -> None:
        """Characters that reached the table while the editor was taking focus."""
        self.query_one(CellEditor).insert_text_at_cursor(text)

    def take_key(self, key: str, character: str | None, *, at_table: bool) -> bool:
        """Act on a key at once, in the order typed; True when it was used.

        Keys can reach the table or the editor after focus has already moved on (paste, an input
        method committing several characters, fast typing over SSH): each is applied to the edit
        that is open now, never left to a later binding that would run out of order.
        """
        printable = bool(character) and character.isprintable()
        if self.editing:
            if key in ("tab", "enter"):
                self._finish_edit(True, +1)
                return True
            if key == "shift+tab":
                self._finish_edit(True, -1)
                return True
            if key == "escape":
                self._finish_edit(False, 0)
                return True
            if printable and at_table:
                self.type_ahead(character)
                return True
            return False
        if not at_table:  # the editor is closed but still had focus: act as the table would
            if printable and character.strip():
                self.start_edit(character)
                return True
            if key in ("tab", "shift+tab"):
                if not self.step_cursor(+1 if key == "tab" else -1):
                    (self.screen.focus_next if key == "tab" else self.screen.focus_previous)()
                return True
            if key == "enter":
                self.start_edit(None)
                return True
            return False
        if printable and character.strip() and self.rows:
            self.start_edit(character)
            return True
        return False

    def commit_edit(self, move: int) -> None:
        self._finish_edit(True, move)

    @on(GridTable.EditRequested)
    def _edit_requested(self, event: GridTable.EditRequested) -> None:
        event.stop()
        self.start_edit(event.initial)

    def start_edit(self, initial: str | None) -> None:
        """Open the cell editor on the cell under the cursor (`initial`: the first character typed)."""
        table = self.query_one(GridTable)
        row, col = table.cursor_coordinate
        if not self.rows or col == 0:
            return
        if not self._editable(col):
            self.notify(t("form.computed_cell"), severity="warning")
            return
        column = self.columns[col - 1]
        self._editing = (row, col)
        editor = self.query_one(CellEditor)
        editor.value = initial if initial is not None else self.rows[row].get(column.id, "")
        editor.placeholder = _placeholder(column)
        editor.select_on_focus = False
        self.query_one("#grid-edit-label", Label).update(
            t("form.editing_cell", row=row + 1, column=column.label))
        self.query_one("#grid-edit-line").display = True
        self.screen.set_focus(editor)  # now, not later: the next key typed must land here
        editor.cursor_position = len(editor.value)

    @on(Input.Submitted, "#grid-editor")
    def _editor_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish_edit(True, +1)

    @on(CellEditor.Done)
    def _editor_done(self, event: CellEditor.Done) -> None:
        event.stop()
        self._finish_edit(event.keep, event.move)

    @on(Input.Changed, "#grid-editor")
    def _editor_typing(self, event: Input.Changed) -> None:
        event.stop()

    @on(Input.Blurred, "#grid-editor")
    def _editor_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        if self._editing is not None:
            self._finish_edit(True, 0, refocus=False)

    def _finish_edit(self, keep: bool, move: int, refocus: bool = True) -> None:
        if self._editing is None:
            return
        row, col = self._editing
        self._editing = None
        editor = self.query_one(CellEditor)
        self.query_one("#grid-edit-line").display = False
        table = self.query_one(GridTable)
        changed = False
        if keep and row < len(self.rows):
            column = self.columns[col - 1]
            if self.rows[row].get(column.id, "") != editor.value:
                self.rows[row][column.id] = editor.value
                self._bad_cells.discard((row, column.id))
                changed = True
            self._render_rows()
        table.cursor_coordinate = Coordinate(row, col)
        if move:
            self.step_cursor(move)
        if refocus:
            self.screen.set_focus(table)  # at once, so keys typed ahead reach the table in order
        if changed:
            self.post_message(self.Changed(self))


def _placeholder(col: Any) -> str:
    keys = {"date": "form.placeholder_date", "datetime": "form.placeholder_datetime",
            "money": "form.placeholder_money", "decimal": "form.placeholder_decimal",
            "integer": "form.placeholder_integer", "boolean": "form.placeholder_boolean"}
    if col.type in keys:
        return t(keys[col.type])
    if col.type == "choice" and col.choices:
        return " / ".join(c.label for c in col.choices)
    return ""
