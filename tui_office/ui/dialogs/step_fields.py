"""Provides the step form (步骤填写): the fields a step asks its assignee for, with the opinion, on approving."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from tui_office.domain.evaluation import root_of
from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.dialogs.conflict_key import ConflictDeclared, DeclaresConflict
from tui_office.ui.editor import EditsInEditor
from tui_office.ui.form_state import to_raw
from tui_office.ui.widgets.fields import FieldRow


class StepFieldsDialog(DeclaresConflict, EditsInEditor, keymap.LocalisedBindings,
                       ModalScreen[tuple[dict[str, Any], str] | ConflictDeclared | None]):
    """Ask for the step's fields and an optional opinion; returns (raw values, opinion) or None on escape.

    Each field has the editor the form screen gives it; `enter` in a field moves to the next and
    `enter` in the opinion (or `ctrl+s` anywhere) checks the fields as the form checks them: with
    problems, each is shown under its field and nothing is returned yet. F4 declares a conflict of
    interest instead, the opinion being its reason (`ConflictDeclared`).
    """

    offers_conflict = True
    error_id = "step-fields-error"

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("ctrl+s", "submit", show=False),
                *keymap.bindings("form.editor", "decide.")]

    def __init__(self, number: str, title: str, form: Any, step: str, fields: tuple, values: dict, *,
                 users: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.number = number
        self.doc_title = title
        self.form = form
        """The document's `FormDef` (it judges the values)."""
        self.step = step
        """The id of the step whose fields are asked for."""
        self.fields = fields
        """The `FieldDef`s asked for, in order."""
        self.values = values
        """The document's typed values now (a field filled earlier shows its value)."""
        self.users = users or []
        """(label, login) choices for user fields."""

    def compose(self) -> ComposeResult:
        with Vertical(id="step-fields", classes="dialog") as box:
            box.border_title = t("opinion.title.approve", number=self.number)
            if self.doc_title:
                yield Label(self.doc_title, classes="dialog-subject", markup=False)
            yield Label(t("step_form.prompt"), classes="dialog-prompt")
            with VerticalScroll(id="step-fields-body"):
                for f in self.fields:
                    yield FieldRow(f, to_raw(f, self.values.get(f.id)), users=self.users)
            yield Label(t("opinion.prompt_optional"), classes="dialog-prompt")
            yield Input(placeholder=t("opinion.placeholder"), id="opinion-text", select_on_focus=False)
            yield Static("", id="step-fields-error", classes="dialog-error")
            yield Label(t("step_form.hint"), classes="dialog-hint")
            yield Label(self.conflict_hint(), classes="dialog-hint", id="conflict-hint")

    def on_mount(self) -> None:
        rows = list(self.query(FieldRow))
        if rows:
            rows[0].focus_editor()

    def raw(self) -> dict[str, Any]:
        """What is typed in each field."""
        return {row.field.id: row.raw for row in self.query(FieldRow)}

    @on(Input.Submitted, "#opinion-text")
    def _opinion_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        raw = self.raw()
        mine = {f.id for f in self.fields}
        current = {k: v for k, v in self.values.items() if k not in mine}
        judged = self.form.evaluate({**current, **raw}, step=self.step)
        first = None
        for row in self.query(FieldRow):
            problems = [p for p in judged.problems if root_of(p.field) == row.field.id]
            row.show_problem(str(problems[0]) if problems else "")
            if problems and first is None:
                first = row
        if first is not None:
            self.query_one("#step-fields-error", Static).update(t("step_form.problems"))
            first.focus_editor()
            return
        self.dismiss((raw, self.query_one("#opinion-text", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
