"""Provides `AccessGrant`: a form whose approved documents let their initiator read another document.

A form declares it as data (`grants_access = { document = "…", until = "…", from = "…" }`): an
approved document of that form lets its initiator open the archived document its `document` field
names, from the day in its `from` date field (when given) to the day in its `until` date field,
both included. Whether one is in force is decided when the document is read, with the office's
clock, so access ends by itself when the period ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

GRANT_KEYS = {"document", "until", "from"}
"""Keys of `grants_access`."""


@dataclass(frozen=True)
class AccessGrant:
    """What an approved document of the form grants: reading the document named in `document`,
    from the date in field `start` (None: from approval) until the date in field `until`."""

    document: str
    until: str
    start: str | None = None
    line: int = field(default=0, compare=False)
    """Line of the `grants_access` key in the definition file."""


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def named(grant: AccessGrant, values: Mapping[str, Any]) -> list[str]:
    """The document numbers the grant's `document` field names (one, or several)."""
    value = values.get(grant.document)
    if not value:
        return []
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def current(grant: AccessGrant, values: Mapping[str, Any], today: date) -> bool:
    """Whether `today` is within the period of an approved document with these `values`."""
    until = _day(values.get(grant.until))
    if until is None or today > until:
        return False
    start = _day(values.get(grant.start)) if grant.start else None
    return not grant.start or (start is not None and today >= start)


def in_force(grant: AccessGrant, values: Mapping[str, Any], numbers: Iterable[str], today: date) -> bool:
    """Whether a document with these `values`, approved, grants reading a document known by any of
    `numbers` on `today`: it names one of them and today is within its period."""
    return current(grant, values, today) and bool(set(named(grant, values)) & set(numbers))
