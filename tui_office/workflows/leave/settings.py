"""Provides `LeaveSettings`: the `[leave]` table of `config.toml` (policy, not code)."""

from __future__ import annotations

from dataclasses import dataclass, field

NUMBER_RANGES = {
    "long_single_days": (0, 366),
    "long_year_days": (0, 366),
    "probation_year_days": (0, 366),
    "gm_step_min_days": (0, 366),
}
"""Smallest and largest sensible value of each number of working days."""
STATUTORY_RANGE = (0.5, 366)
"""A statutory leave length in working days."""


@dataclass
class LeaveSettings:
    """Leave rules that follow national or company policy rather than code."""

    statutory_days: dict[str, float] = field(
        default_factory=lambda: {"marriage": 3, "maternity": 98, "bereavement": 3}
    )
    """Fixed lengths (working days) of marriage, maternity and bereavement leave."""
    long_single_days: float = 15
    """One personal leave longer than this many working days is flagged for HR."""
    long_year_days: float = 22
    """More personal leave than this (about one month of working days) in a year is flagged."""
    probation_year_days: float = 3
    """For a user on probation, more personal leave than this in a year is flagged."""
    gm_step_min_days: float = 0
    """The general manager reviews leaves longer than this (0: every leave)."""


def check(settings: LeaveSettings) -> tuple[str, str, str] | None:
    """A statutory length that is not a sensible number of working days: (key, line key, message)."""
    low, high = STATUTORY_RANGE
    for leave_type, days in settings.statutory_days.items():
        if isinstance(days, bool) or not isinstance(days, (int, float)) or not low <= days <= high:
            return (f"statutory_days.{leave_type}", "statutory_days",
                    f"expected a number of working days from {low:g} to {high:g}, got {days!r}")
    return None
