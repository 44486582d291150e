"""Provides `user_by_login` and `document_by_number`: the two look-ups every use case starts from,
refusing with `NotFound` (kept apart from `workflow`, so that reading the inbox does not load the
engine's write paths)."""

from __future__ import annotations

from tui_office.domain.errors import NotFound
from tui_office.store import documents as document_rows
from tui_office.store import users as user_rows
from tui_office.store.models import Document, User


def user_by_login(login: str) -> User:
    found = user_rows.active_by_login(login)
    if found is None:
        raise NotFound("no_such_user", login=login)
    return found


def document_by_number(number: str) -> Document:
    found = document_rows.by_number(number)
    if found is None:
        raise NotFound("no_such_document", number=number)
    return found
