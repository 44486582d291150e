"""Provides the injectable clock: every rule about "today" or deadlines asks one of these."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tui_office.domain.errors import OfficeError


class Clock:
    """The real clock (local time, no time zone: the office's wall clock)."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock(Clock):
    """A clock that says what it is told; `advance()` moves it on."""

    at: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0))

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at = self.at + timedelta(**delta)


def override_from_env() -> datetime | None:
    """The time `TUI_OFFICE_NOW=2026-10-09T09:00` asks for, or None when it is not set."""
    value = os.environ.get("TUI_OFFICE_NOW")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(microsecond=0)
    except ValueError:
        raise OfficeError("bad_now", value=value) from None


def clock_from_env() -> Clock:
    """`TUI_OFFICE_NOW` fixes the clock (for scripts and tests); else real time. An office applies
    its own limits on top (see `services.office.Office.open`)."""
    at = override_from_env()
    return Clock() if at is None else FixedClock(at)
