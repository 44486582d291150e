"""Provides the pure workflow engine: document states, legal transitions, step outcomes.

Vocabulary after viewflow.fsm / transitions: a transition is data (action, source states, target),
an illegal move raises `TransitionNotAllowed`, and a guard answers with a `Verdict` that carries
the reason a clerk sees beside a dimmed key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui_office.domain.errors import TransitionNotAllowed
from tui_office.i18n import t

DRAFT, IN_PROGRESS, RETURNED = "draft", "in_progress", "returned"
APPROVED, REJECTED, WITHDRAWN = "approved", "rejected", "withdrawn"
STATUSES = (DRAFT, IN_PROGRESS, RETURNED, APPROVED, REJECTED, WITHDRAWN)
DISCARDED = "discarded"
"""A draft its author threw away: kept for the audit trail, shown nowhere."""
FINISHED = frozenset({APPROVED, REJECTED, WITHDRAWN})

MODES = ("one", "any", "all", "at_least", "sequence")
PENDING = "pending"
RECORDING_KINDS = ("record", "seal")
"""Step kinds whose approval records work done (the key says "Record")."""


@dataclass(frozen=True)
class Transition:
    """An action moving a document from one of `sources` (to `target`, or staying put when None)."""

    action: str
    sources: frozenset[str]
    target: str | None = None


@dataclass(frozen=True)
class ActionSpec:
    """One action of the single action table: its transition and what it needs.

    Everything else is derived from this table: the transitions, the actions a step may list, which
    need the actor's open task, which need an opinion, the keys' order and the CLI `act` choices."""

    name: str
    sources: frozenset[str]
    """States the document may be in."""
    target: str | None = None
    """State it moves to (None: stays, or the steps decide)."""
    needs_task: bool = False
    """Only someone with an open task in the current step may take it."""
    opinion: str | None = None
    """`"required"`: refused without an opinion; `"asked"`: asked for, may be empty; None: not asked."""
    takes: str | None = None
    """What else it takes: `"confirm"` (a yes), `"user"` (a colleague), `"users"` (several), `"target"` (a step or the initiator)."""
    on_document: bool = True
    """A user's action on a submitted document (a key, an `act` choice, a step's `actions` entry);
    False for the author's `submit` and `discard`, which have their own commands."""


_OPEN = frozenset({IN_PROGRESS})
_ANY_SUBMITTED = frozenset({IN_PROGRESS, RETURNED, APPROVED, REJECTED, WITHDRAWN})

ACTION_TABLE: tuple[ActionSpec, ...] = (
    ActionSpec("approve", _OPEN, needs_task=True, opinion="asked"),
    ActionSpec("reject", _OPEN, REJECTED, needs_task=True, opinion="required"),
    ActionSpec("return", _OPEN, needs_task=True, opinion="required", takes="target"),
    ActionSpec("withdraw", frozenset({IN_PROGRESS, RETURNED}), WITHDRAWN, takes="confirm"),
    ActionSpec("retract", _OPEN),
    ActionSpec("delegate", _OPEN, needs_task=True, takes="user"),
    ActionSpec("entrust", _OPEN, needs_task=True, takes="user"),
    ActionSpec("add-approver", _OPEN, needs_task=True, takes="user"),
    ActionSpec("remove-approver", _OPEN, takes="user"),
    ActionSpec("cc", _ANY_SUBMITTED, takes="users"),
    ActionSpec("comment", _ANY_SUBMITTED, opinion="required"),
    ActionSpec("urge", _OPEN),
    ActionSpec("submit", frozenset({DRAFT, RETURNED}), on_document=False),
    ActionSpec("discard", frozenset({DRAFT}), DISCARDED, on_document=False),
)
"""Every action, once, in the order keys show them."""

SPECS: dict[str, ActionSpec] = {spec.name: spec for spec in ACTION_TABLE}

ACTIONS: tuple[str, ...] = tuple(spec.name for spec in ACTION_TABLE if spec.on_document)
"""Every action a user can take on a submitted document, in the order keys show them."""

TASK_ACTIONS: tuple[str, ...] = tuple(spec.name for spec in ACTION_TABLE if spec.needs_task)
"""Actions only someone with an open task in the current step may take."""

NEEDS_OPINION: frozenset[str] = frozenset(spec.name for spec in ACTION_TABLE if spec.opinion == "required")
"""Actions refused without an opinion."""

TRANSITIONS: dict[str, Transition] = {
    spec.name: Transition(spec.name, spec.sources, spec.target) for spec in ACTION_TABLE
}


def check_transition(status: str, action: str) -> Transition:
    """The transition for `action` from `status`; raises `TransitionNotAllowed` with the reason."""
    tr = TRANSITIONS.get(action)
    if tr is None:
        raise TransitionNotAllowed("unknown_action", action=action)
    if status not in tr.sources:
        raise TransitionNotAllowed(
            "not_in_state", action=t(f"action.{action}"), status=t(f"status.{status}")
        )
    return tr


def step_outcome(mode: str, min_approvals: int, decisions: Iterable[str | None]) -> str:
    """`approved`, `rejected` or `pending` for one step, from its primary approvers' decisions.

    - one / any (或签): the first decision decides the step.
    - all (会签) and sequence (传阅, one after another): everyone must approve; one refusal rejects the step.
    - at_least N (票签): N approvals pass; enough refusals that N can no longer be reached reject.
    """
    decisions = list(decisions)
    approvals = sum(1 for d in decisions if d == "approve")
    refusals = sum(1 for d in decisions if d == "reject")
    if mode in ("one", "any"):
        if approvals:
            return APPROVED
        if refusals:
            return REJECTED
        return PENDING
    if mode in ("all", "sequence"):
        if refusals:
            return REJECTED
        if decisions and approvals == len(decisions):
            return APPROVED
        return PENDING
    if mode == "at_least":
        need = max(1, min(min_approvals, len(decisions))) if decisions else max(1, min_approvals)
        if approvals >= need:
            return APPROVED
        if len(decisions) - refusals < need:
            return REJECTED
        return PENDING
    raise ValueError(f"unknown mode {mode!r}")
