"""Provides `DocumentListKeys`: enter opens the document under a list's cursor, escape closes the
screen — the keys every screen that lists documents (search, archive) shares."""

from __future__ import annotations

from textual.widgets import DataTable


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
