"""Provides width-aware text helpers: CJK characters take two cells, so widths use Rich `cell_len`."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from tui_office.domain.text import printable


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells (ending in "…" when cut) and padded to exactly `width`;
    control characters are shown escaped (`\\x1b`)."""
    text = printable(text.replace("\n", " "))
    if cell_len(text) > width:
        text = set_cell_size(text, max(width - 1, 0)) + "…"
    return set_cell_size(text, width)


def clip(text: str, width: int) -> str:
    """`text` cut to at most `width` cells (with "…"), not padded; control characters escaped."""
    text = printable(text.replace("\n", " "))
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + "…"
