"""Provides the conflict-of-interest key (回避) of the dialogs that decide a document.

Approving, rejecting or returning from the opinion dialog or the step form confirms the reviewer
has no conflict of interest; one key (F4) declares one instead, with what is typed as the
opinion as its reason. The dialog then answers `ConflictDeclared(reason)`, and the caller hands
the task on (`services/conflicts.declare`) instead of deciding.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import Input, Static

from tui_office.i18n import t

DECIDING = ("approve", "reject", "return")
"""Actions whose dialog offers the key."""


@dataclass(frozen=True)
class ConflictDeclared:
    """What a deciding dialog answers when its user declares a conflict of interest."""

    reason: str


class DeclaresConflict:
    """Mixed into a deciding dialog with an `#opinion-text` box and an `error_id` line."""

    offers_conflict: bool = False
    """Whether the key is live (a single document's decision, not a bulk approval or a comment)."""
    error_id: str = "opinion-error"

    def conflict_hint(self) -> str:
        return t("conflict_key.hint") if self.offers_conflict else ""

    def action_declare_conflict(self) -> None:
        """F4: stand aside, with the opinion box's text as the reason (required)."""
        if not self.offers_conflict:
            return
        reason = self.query_one("#opinion-text", Input).value.strip()  # type: ignore[attr-defined]
        if not reason:
            self.query_one(f"#{self.error_id}", Static).update(t("conflict_key.reason_required"))  # type: ignore[attr-defined]
            return
        self.dismiss(ConflictDeclared(reason))  # type: ignore[attr-defined]
