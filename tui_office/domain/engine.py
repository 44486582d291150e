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

ACTIONS = (
    "approve", "reject", "return", "withdraw", "retract", "delegate",
    "add-approver", "cc", "comment", "urge",
)
"""Every action a user can take on a submitted document, in the order keys show them."""

MODES = ("one", "any", "all", "at_least")
PENDING = "pending"


@dataclass(frozen=True)
class Transition:
    """An action moving a document from one of `sources` (to `target`, or staying put when None)."""

    action: str
    sources: frozenset[str]
    target: str | None = None


TRANSITIONS: dict[str, Transition] = {
    tr.action: tr
    for tr in (
        Transition("submit", frozenset({DRAFT, RETURNED})),
        Transition("approve", frozenset({IN_PROGRESS})),
        Transition("reject", frozenset({IN_PROGRESS}), REJECTED),
        Transition("return", frozenset({IN_PROGRESS})),
        Transition("withdraw", frozenset({IN_PROGRESS, RETURNED}), WITHDRAWN),
        Transition("retract", frozenset({IN_PROGRESS})),
        Transition("delegate", frozenset({IN_PROGRESS})),
        Transition("add-approver", frozenset({IN_PROGRESS})),
        Transition("cc", frozenset({IN_PROGRESS, RETURNED, APPROVED, REJECTED, WITHDRAWN})),
        Transition("comment", frozenset({IN_PROGRESS, RETURNED, APPROVED, REJECTED, WITHDRAWN})),
        Transition("urge", frozenset({IN_PROGRESS})),
        Transition("discard", frozenset({DRAFT}), DISCARDED),
    )
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
    - all (会签): everyone must approve; one refusal rejects the step.
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
    if mode == "all":
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
