"""Provides the leave area's own tables: leave days granted per person, year and type, and the
blackout periods (key events) HR declares."""

from __future__ import annotations

from peewee import CharField, DateField, DateTimeField, DecimalField, ForeignKeyField, IntegerField

from tui_office.store.models import BaseModel, JSONText, User


class LeaveAllocation(BaseModel):
    """Leave days granted to a user for a year (annual leave balance)."""

    user = ForeignKeyField(User, on_delete="CASCADE")
    year = IntegerField()
    leave_type = CharField()
    days = DecimalField(max_digits=6, decimal_places=1, auto_round=True)

    class Meta:
        table_name = "leave_allocation"
        indexes = ((("user", "year", "leave_type"), True),)


class LeaveBlackout(BaseModel):
    """A key event (年终结账, 展会 …) during which leave is refused or needs the general manager."""

    name = CharField()
    start = DateField()
    end = DateField()
    departments = JSONText(default=list)
    """Department codes it applies to; empty: everyone."""
    mode = CharField()
    """`refuse` or `gm` (the leave goes to the general manager)."""
    created_by = ForeignKeyField(User)
    created_at = DateTimeField()

    class Meta:
        table_name = "leave_blackout"
        indexes = ((("start", "end"), False),)
