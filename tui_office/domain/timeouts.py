"""Provides a step's timeout (`timeout = "3 working days"`) and what happens when it passes
(`on_timeout`): remind the assignee, escalate to their manager or a named role, or decide for
them (approve or reject), recorded as the system's action with the rule that fired.

Pure: reading the text, the deadline from the moment a task started, the rule's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

ON_TIMEOUT = ("remind", "escalate", "approve", "reject")
"""What a step may do once a task of it has waited longer than its timeout."""
UNITS = {"working day": "working_days", "working days": "working_days", "hour": "hours", "hours": "hours"}
MAX_AMOUNT = 1000
FIRED = "timeouts"
"""`Document.state` key: ids of the tasks whose timeout has fired."""
ESCALATED = "escalated"
"""`Document.state` key: ids of the tasks an escalation created (the inbox marks them)."""
_TEXT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s+(working days?|hours?)\s*$")


@dataclass(frozen=True)
class Timeout:
    """How long a task of the step may wait: `amount` working days or hours."""

    amount: float
    unit: str
    """`working_days` or `hours`."""

    def deadline(self, start: datetime, calendar) -> datetime:  # noqa: ANN001 - a WorkCalendar
        """When a task started at `start` has waited too long (working days count on `calendar`)."""
        if self.unit == "hours":
            return start + timedelta(hours=self.amount)
        whole = int(self.amount)
        day = calendar.add_working_days(start.date(), whole) if whole else start.date()
        return datetime.combine(day, start.time()) + timedelta(days=self.amount - whole)

    def text(self) -> str:
        amount = int(self.amount) if self.amount == int(self.amount) else self.amount
        unit = "working day" if self.unit == "working_days" else "hour"
        return f"{amount} {unit}{'' if amount == 1 else 's'}"


def parse_timeout(text: object) -> Timeout:
    """`"3 working days"` or `"4 hours"` as a `Timeout`; `ValueError` saying what is accepted otherwise."""
    found = _TEXT.match(text) if isinstance(text, str) else None
    if found is None:
        raise ValueError(f'timeout must read like "3 working days" or "4 hours" (got {text!r})')
    amount = float(found.group(1))
    if not 0 < amount <= MAX_AMOUNT:
        raise ValueError(f"timeout must be more than 0 and at most {MAX_AMOUNT} (got {found.group(1)})")
    return Timeout(amount, UNITS[found.group(2)])


def rule_text(step_id: str, timeout: Timeout, on_timeout: str) -> str:
    """The rule that fired, as recorded with the system's action (`approver after 3 working days: approve`)."""
    return f"{step_id}: timeout {timeout.text()}, on_timeout {on_timeout}"


def escalated_tasks(doc_state: dict | None) -> set[int]:
    """The ids of a document's tasks that came from an escalation."""
    return set((doc_state or {}).get(ESCALATED) or [])
