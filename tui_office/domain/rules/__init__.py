"""Provides the registry of named domain rules a form definition refers to.

A definition lists `rules = ["leave.advance_notice", …]` (validation at submit, each returning
`ValidationError`s) and `flaggers = ["leave.long_leave_review"]` (flags put on the document, each
returning dicts like `{"flag": "long_leave_review", …totals}`). Services build the `RuleContext`.
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
    probation: bool = False
    document_id: int | None = None
    settings: Any = None
    """The office `Settings` (leave policy lives in `settings.leave`)."""
    lookup: Any = None
    """A services-provided object answering data questions (other leaves, balances)."""
    submitted_at: datetime | None = None
    extra: dict = field(default_factory=dict)


Rule = Callable[[RuleContext], list[ValidationError]]
Flagger = Callable[[RuleContext], list[dict]]

RULES: dict[str, Rule] = {}
FLAGGERS: dict[str, Flagger] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    """Register a validation rule under `name`."""

    def register(fn: Rule) -> Rule:
        RULES[name] = fn
        return fn

    return register


def flagger(name: str) -> Callable[[Flagger], Flagger]:
    """Register a flagger under `name`."""

    def register(fn: Flagger) -> Flagger:
        FLAGGERS[name] = fn
        return fn

    return register


def load_builtin_rules() -> None:
    """Import every module of rules so their registrations run."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
