"""Provides `DocumentListKeys`: enter opens the document under a list's cursor, escape closes the
screen — the keys every screen that lists documents (search, archive) shares — and `next_choice`,
how those screens step a filter through its choices."""

from __future__ import annotations

from textual.widgets import DataTable


def next_choice(current: object, choices: list[tuple[object, str]]) -> object:
    """The value after `current` among `(value, label)` choices: None (all) first, after the last
    None again."""
    values = [None, *(value for value, _ in choices)]
    now = values.index(current) if current in values else 0
    return values[(now + 1) % len(values)]


class DocumentListKeys:
    """Mixin for a screen whose DataTable `#{LIST_ID}` shows `listed` rows, each with a `number`."""

    LIST_ID = ""
    listed: list

    def action_open(self) -> None:
        table = self.query_one(f"#{self.LIST_ID}", DataTable)  # type: ignore[attr-defined]
        if self.listed and 0 <= table.cursor_row < len(self.listed):
            self.app.open_document(self.listed[table.cursor_row].number)  # type: ignore[attr-defined]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == self.LIST_ID:
            self.action_open()

    def action_back(self) -> None:
        self.dismiss()  # type: ignore[attr-defined]
