"""Provides plain-text tables for the terminal, aligned by display width (CJK counts double)."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len

from tui_office.domain.text import printable


def cell_width(text: str) -> int:
    """Display width: East Asian wide and full-width characters take two cells."""
    return cell_len(text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_width(text))


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """Columns padded to their widest cell; every cell shown with control characters escaped."""
    headers = [printable(h) for h in headers]
    rows = [[printable(c) for c in row] for row in rows]
    widths = [max([cell_width(h)] + [cell_width(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    print("  ".join(pad(h, w) for h, w in zip(headers, widths)).rstrip())
    for row in rows:
        print("  ".join(pad(str(c), w) for c, w in zip(row, widths)).rstrip())


def print_listing(as_json: bool, items: list, headers: list[str], row: Callable[[object], list[str]]) -> None:
    """Print `items` as JSON (each one's `to_json()`) or as a table of `row(item)` under `headers`."""
    if as_json:
        from tui_office.cli.context import print_json

        print_json([item.to_json() for item in items])
    else:
        print_table(headers, [row(item) for item in items])
