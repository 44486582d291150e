"""Provides the equipment-loan rules: who keeps what, and the words for the overdue flag."""

from __future__ import annotations

from tui_office.i18n import t

OVERDUE = "equipment_not_returned"
"""The flag an approved loan gets when the item is not back by the end of its due day."""
KEEPERS = {"laptop": "wangfang", "projector": "sunyan"}
"""Who keeps (and lends) each kind of item."""


def flag_text(flag: dict) -> str:
    if flag.get("flag") == OVERDUE:
        return t("equipment.overdue", due=flag.get("due", ""))
    return ""
