"""Provides the contracts area's own table: the handover list of each settlement, item by item."""

from __future__ import annotations

from peewee import CharField, DateTimeField, IntegerField, TextField

from tui_office.store.models import BaseModel


class SettlementItem(BaseModel):
    """One line of a settlement's handover list (结算资料交接清单): what was handed over of one
    checklist item, by whom and when, and the file it refers to (path, size, sha256)."""

    document_id = IntegerField(index=True)
    item = CharField()
    status = CharField(default="missing")
    """`received`, `not_applicable` or `missing`."""
    reason = TextField(default="")
    """Why the item does not apply (required for `not_applicable`)."""
    pages = IntegerField(null=True)
    """Pages or copies handed over."""
    file = TextField(default="")
    """The file reference as JSON (`{"path", "size", "sha256", "seen_at"}`), or empty."""
    marked_by = IntegerField(null=True)
    marked_at = DateTimeField(null=True)

    class Meta:
        table_name = "contracts_settlement_item"
        indexes = ((("document_id", "item"), True),)
