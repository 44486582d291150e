"""Provides `RuleContext`, what a named domain rule or flagger is given, and their types.

A definition lists `rules = ["area.rule", …]` (validation at submit, each returning
`ValidationError`s) and `flaggers = ["area.flagger"]` (flags put on the document, each returning
dicts like `{"flag": "…", …totals}`). The rules themselves belong to workflow packages, which
declare them by name in their `Workflow`; services build the `RuleContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tui_office.domain.errors import ValidationError


@dataclass
class RuleContext:
    """What a rule may look at: the values, the time, the calendar, the initiator, and look-ups."""

    values: dict
    now: datetime
    calendar: Any
    """A `WorkCalendar`."""
    initiator: str
    """Login of the person the document is for."""
    document_id: int | None = None
    settings: Any = None
    """The office `Settings` (an area's policy lives in `settings.sections[area]`)."""
    lookup: Any = None
    """An object from the rule's own workflow answering its data questions."""
    submitted_at: datetime | None = None
    extra: dict = field(default_factory=dict)
    """What the rule's workflow adds about the initiator or the office (`Workflow.rule_context`)."""


Rule = Callable[[RuleContext], list[ValidationError]]
Flagger = Callable[[RuleContext], list[dict]]
