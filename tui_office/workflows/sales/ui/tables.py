"""Provides `fill`: a table of text rows whose columns fit their widest cell, Chinese included."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def fill(table: DataTable, headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> None:
    """Put `rows` in `table` under `headers`, each column as wide as its widest cell (Chinese: two
    cells a character); the columns in `right` are right-aligned."""
    table.clear(columns=True)
    for column, header in enumerate(headers):
        table.add_column(header, width=max(cell_len(x) for x in [header, *(row[column] for row in rows)]))
    for index, row in enumerate(rows):
        table.add_row(*(Text(c, justify="right") if i in right else c for i, c in enumerate(row)), key=str(index))
