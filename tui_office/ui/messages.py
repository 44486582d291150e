"""Provides the app-wide messages screens listen for (`DataChanged`)."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Another process (or this one) changed the database: lists should reload in place."""

    def __init__(self, mine: bool = True) -> None:
        super().__init__()
        self.mine = mine
        """The change may concern the signed-in user's own lists (False: others' work only)."""
