"""Provides the equipment-loan rules: when the item is due back, and the words for its flag."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from tui_office.i18n import t

OVERDUE = "equipment_not_returned"
"""The flag an approved loan gets when the item is not back by the end of its due day."""
KEEPERS = {"laptop": "wangfang", "projector": "sunyan"}
"""Who keeps (and lends) each kind of item."""


def return_due(approved_on: date, days: int, calendar: Any) -> date:
    """The item is due back `days` working days after the approval day."""
    return calendar.add_working_days(approved_on, days)


def return_deadline(due: date) -> datetime:
    """The end of the due day: after it, the loan is overdue."""
    return datetime.combine(due + timedelta(days=1), datetime.min.time())


def flag_text(flag: dict) -> str:
    if flag.get("flag") == OVERDUE:
        return t("equipment.overdue", number=flag.get("number", ""), due=flag.get("due", ""))
    return ""
