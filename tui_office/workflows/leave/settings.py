"""Provides `LeaveSettings`: the `[leave]` table of `config.toml` (policy, not code)."""

from __future__ import annotations

from dataclasses import dataclass, field


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
