"""Provides the read-side shapes the screens and the CLI receive (never models)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

TABS = ("todo", "submitted", "cc", "done", "drafts")
"""Inbox tabs: 待办, 我发起的, 抄送我的, 已办, 草稿."""

STATUSES = ("draft", "in_progress", "returned", "approved", "rejected", "withdrawn")


@dataclass(frozen=True)
class InboxRow:
    """One line of an inbox tab."""

    key: tuple
    """Keyset-paging key of this row (pass back as `after` for the next page)."""
    number: str
    form_id: str
    form_title: str
    title: str
    from_name: str
    step: str
    step_title: str
    received_at: datetime | None
    due_at: datetime | None
    overdue: bool
    status: str
    task_id: int | None = None
    escalated: bool = False
    """The task came to me by escalation (its timeout passed with someone else)."""
    filled_in_for: bool = False
    """A draft of mine filled in for someone else (代提交): `from_name` is theirs."""

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "form": self.form_id,
            "title": self.title,
            "step": self.step,
            "from": self.from_name,
            "due": self.due_at.isoformat() if self.due_at else None,
            "overdue": self.overdue,
        }


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    total: int


HAND_OVER = "hand-over"
"""Audit action of a waiting task handed over to the deputy standing in for its holder
(`services/hand_over.py`); its history entry says to whom, for whom and which days (`detail`)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One audited action on a document (the timeline's past)."""

    actor: str
    actor_name: str
    on_behalf_of: str | None
    on_behalf_of_name: str | None
    action: str
    step: str
    step_title: str
    comment: str
    at: datetime
    target: str = ""
    """Who or where the action sent the document (delegate, add approver, cc, return), by name."""
    signed: bool = False
    """The decision carries its actor's electronic signature (`audit verify` checks it)."""
    detail: str = ""
    """The action told in words of the reader's language when its name alone says too little (a
    hand-over: to whom, standing in for whom, which days); shown instead of the name and target."""

    @property
    def opinion(self) -> str:
        """The comment as a reader sees it: the rule of a timeout the system acted on is put in
        words of the reader's language (the comment itself keeps the rule as recorded)."""
        if self.action.startswith("timeout-"):
            from tui_office.domain.timeouts import rule_words

            return rule_words(self.comment) or self.comment
        return self.comment

    def to_json(self) -> dict:
        return {
            "actor": self.actor,
            "on_behalf_of": self.on_behalf_of,
            "action": self.action,
            "step": self.step,
            "comment": self.comment,
            "at": self.at.isoformat(),
            "signed": self.signed,
        }


@dataclass(frozen=True)
class Assignee:
    login: str
    name: str
    status: str
    """`open`, `done`, `waiting` (a later approver in an added sequence)."""
    decision: str | None = None
    on_behalf_of: str | None = None


@dataclass(frozen=True)
class CurrentStep:
    step: str
    title: str
    mode: str
    assignees: list[Assignee]
    due: datetime | None
    kind: str = "approve"
    """`approve` (a decision) or `record` (work done and recorded): what its approve key is called."""

    def to_json(self) -> dict:
        return {
            "step": self.step,
            "assignees": [a.login for a in self.assignees if a.status == "open"],
            "due": self.due.isoformat() if self.due else None,
        }


@dataclass(frozen=True)
class FieldValue:
    """A field as displayed: label, type, the stored value and its display text."""

    id: str
    label: str
    type: str
    value: object
    text: str
    rows: list[dict] | None = None
    """Line-item rows (table fields) or checklist items [{id,label,checked,required}]."""


@dataclass(frozen=True)
class DocumentView:
    """Everything a user may see of one document."""

    number: str
    form_id: str
    form_title: str
    version: int
    title: str
    status: str
    archived: bool
    initiator: str
    initiator_name: str
    department: str
    created_at: datetime
    submitted_at: datetime | None
    fields: dict
    """Storage form of the values (JSON-safe)."""
    display: list[FieldValue]
    flags: list[dict]
    current_steps: list[CurrentStep]
    history: list[HistoryEntry]
    ahead: list[tuple[str, str]] = field(default_factory=list)
    """Steps still ahead on the default route: (step id, title)."""
    links: dict = field(default_factory=lambda: {"to": [], "from": []})
    """Linked documents both ways (`services/links.py`): the ones it names, the ones naming it."""
    earlier_numbers: list[str] = field(default_factory=list)
    """Numbers it had before its form's numbering gave it this one (it is still found by them)."""
    filled_in_for: str | None = None
    """The name of the colleague a draft is being filled in for (代提交; screens only, not JSON)."""

    def to_json(self) -> dict:
        return {
            "number": self.number,
            "form": self.form_id,
            "version": self.version,
            "status": self.status,
            "archived": self.archived,
            "initiator": self.initiator,
            "fields": self.fields,
            "flags": self.flags,
            "current_steps": [s.to_json() for s in self.current_steps],
            "history": [h.to_json() for h in self.history],
            "links": self.links,
            "earlier_numbers": self.earlier_numbers,
        }


@dataclass(frozen=True)
class Verdict:
    """Whether the current user may take an action now, and if not, why (shown beside a dimmed key)."""

    action: str
    allowed: bool
    reason: str = ""


@dataclass(frozen=True)
class FormInfo:
    id: str
    version: int
    title: str
    fields: list[dict]

    def to_json(self) -> dict:
        return {"id": self.id, "version": self.version, "title": self.title, "fields": self.fields}


@dataclass(frozen=True)
class NotificationInfo:
    id: int
    kind: str
    number: str | None
    message: str
    created_at: datetime


@dataclass(frozen=True)
class DocumentSummary:
    """A document as a list of documents shows it (search results, the archive)."""

    number: str
    form_id: str
    form_title: str
    title: str
    status: str
    initiator_name: str
