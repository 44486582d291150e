"""Provides `MeetingSettings`: the `[meetings]` table of `config.toml` (attendance policy, not code)."""

from __future__ import annotations

from dataclasses import dataclass

NUMBER_RANGES = {
    "sign_in_opens_minutes": (0, 24 * 60),
    "late_minutes": (0, 24 * 60),
    "early_minutes": (0, 24 * 60),
    "absence_window_days": (1, 3660),
    "absence_limit": (1, 100),
    "materials_lead_days": (0, 60),
}
"""Smallest and largest sensible value of each key."""


@dataclass
class MeetingSettings:
    """Meeting attendance and notice rules that follow the office's policy."""

    sign_in_opens_minutes: int = 30
    """Attendees may sign in from this many minutes before the start until the end."""
    late_minutes: int = 10
    """Signing in more than this many minutes after the start counts as absent (迟到)."""
    early_minutes: int = 10
    """Signing out more than this many minutes before the end counts as absent (早退)."""
    absence_window_days: int = 90
    """Unexcused absences are counted over this many days."""
    absence_limit: int = 3
    """This many unexcused absences within the window flag the person (`repeated_absence`)."""
    materials_lead_days: int = 2
    """Materials are due this many working days before the meeting; later ones need a reason."""
