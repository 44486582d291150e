"""Provides the leave area's own table: leave days granted per person, year and type."""

from __future__ import annotations

from peewee import CharField, DecimalField, ForeignKeyField, IntegerField

from tui_office.store.models import BaseModel, User


class LeaveAllocation(BaseModel):
    """Leave days granted to a user for a year (annual leave balance)."""

    user = ForeignKeyField(User, on_delete="CASCADE")
    year = IntegerField()
    leave_type = CharField()
    days = DecimalField(max_digits=6, decimal_places=1, auto_round=True)

    class Meta:
        table_name = "leave_allocation"
        indexes = ((("user", "year", "leave_type"), True),)
