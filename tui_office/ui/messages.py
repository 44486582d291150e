"""Provides the app-wide messages screens listen for (`DataChanged`)."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Another process (or this one) changed the database: lists should reload in place."""
