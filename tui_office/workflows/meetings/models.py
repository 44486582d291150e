"""Provides the meetings area's own tables: who signed in to a meeting and when, what the recorder
marked, and the materials attached to a meeting."""

from __future__ import annotations

from datetime import datetime

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from tui_office.store.models import BaseModel, Document, User


class MeetingAttendance(BaseModel):
    """One attendee's sign-in and sign-out at one meeting, and the recorder's mark if any."""

    meeting = ForeignKeyField(Document, on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    signed_in_at = DateTimeField(null=True)
    signed_out_at = DateTimeField(null=True)
    mark = CharField(null=True)
    """`present`, `absent` or `excused` as the recorder marked it (None: from the sign-in times)."""
    reason = TextField(default="")
    marked_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    marked_at = DateTimeField(null=True)

    class Meta:
        table_name = "meeting_attendance"
        indexes = ((("meeting", "user"), True),)


class MeetingMaterial(BaseModel):
    """A file attached to a meeting, kept by reference (path, size, SHA-256)."""

    meeting = ForeignKeyField(Document, on_delete="CASCADE")
    path = TextField()
    size = IntegerField()
    sha256 = CharField()
    attached_by = ForeignKeyField(User, on_delete="RESTRICT", backref="+")
    attached_at = DateTimeField(default=datetime.now)
    late = BooleanField(default=False)
    reason = TextField(default="")

    class Meta:
        table_name = "meeting_material"
