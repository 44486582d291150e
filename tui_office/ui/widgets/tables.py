"""Provides `fill_table`: a DataTable refilled with columns as wide as their widest cell.

The widths are given to the table when the columns are added rather than measured by the table
afterwards: a table that measures its new rows later can draw them once at the header's width and
keep that drawing, so the same data would show with different widths from one run to the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from textual.widgets import DataTable


def fill_table(table: DataTable, headers: Sequence[str], rows: Sequence[Sequence[Any]],
               keys: Sequence[str] | None = None) -> None:
    """Replace `table`'s columns and rows: `headers`, then `rows` (strings or Rich `Text`) keyed by
    `keys` (their positions when None); each column as wide as its widest cell (Chinese counted two
    cells a character)."""
    table.clear(columns=True)
    for column, header in enumerate(headers):
        table.add_column(header, width=max(cell_len(str(c)) for c in [header, *(row[column] for row in rows)]))
    for index, row in enumerate(rows):
        table.add_row(*row, key=keys[index] if keys is not None else str(index))
