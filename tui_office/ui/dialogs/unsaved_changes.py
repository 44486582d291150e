"""Provides `UnsavedChanges`: asked when someone leaves a form with changes not yet saved.

Returns through `dismiss`: "save" (`s`: keep them as a draft, then leave), "discard" (`d`: leave
without them) or None (`escape`: stay on the form).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.ui.keymap import LocalisedBindings


class UnsavedChanges(LocalisedBindings, ModalScreen[str | None]):
    """Save, discard or stay."""

    CSS_PATH = bundled("themes", "forms.tcss")

    BINDINGS = [
        Binding("s,enter", "answer('save')", "form.unsaved_save", id="form.unsaved.save"),
        Binding("d", "answer('discard')", "form.unsaved_discard", id="form.unsaved.discard"),
        Binding("escape", "answer(None)", "form.unsaved_stay", id="form.unsaved.stay"),
    ]

    def __init__(self, can_save: bool = True) -> None:
        super().__init__(classes="unsaved-screen")
        self.can_save = can_save
        """False when the form cannot be kept as a draft (a returned document)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="unsaved-dialog"):
            yield Static(t("form.unsaved_title"), id="unsaved-title")
            yield Static(t("form.unsaved_keys") if self.can_save else t("form.unsaved_keys_nosave"), id="unsaved-keys")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters and parameters[0] == "save" and not self.can_save:
            return False
        return True

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
