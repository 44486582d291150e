"""Provides the opinion dialog (审批意见) for approve, reject, return and comment, with quick phrases."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.dialogs.conflict_key import DECIDING, ConflictDeclared, DeclaresConflict
from tui_office.ui.editor import EditsInEditor


QUICK_FOR = {
    "approve": ("agreed", "read", "add_documents"),
    "reject": ("not_agreed", "add_documents", "please_revise"),
    "return": ("please_revise", "add_documents"),
    "comment": ("read", "add_documents", "agreed"),
}


class PhraseList(OptionList):
    """The quick phrases: `enter` copies the highlighted one into the dialog's text box at once."""

    STEADY_ACTIONS = ("select",)
    """Moves focus back to the text box: done before the keys typed after it are delivered."""

    def action_select(self) -> None:
        if self.highlighted is not None:
            prompt = self.get_option_at_index(self.highlighted).prompt
            self.screen.use_phrase(prompt.plain if isinstance(prompt, Text) else str(prompt))


class OpinionDialog(DeclaresConflict, EditsInEditor, keymap.LocalisedBindings, ModalScreen[str | ConflictDeclared | None]):
    """Ask for an opinion; returns the text (possibly empty when not required) or None on escape;
    deciding one document, F4 declares a conflict of interest instead (`ConflictDeclared`).

    `enter` in the text box submits; `down` moves to the quick phrases, where `enter` copies one
    into the text box with the cursor after it, so what is typed next is added to the phrase;
`escape` cancels.
    """

    BINDINGS = [Binding("escape", "cancel", show=False), Binding("down", "to_phrases", show=False),
                *keymap.bindings("form.editor", "decide.")]
    STEADY_ACTIONS = ("to_phrases",)
    """Moves focus: done before the keys typed after it are delivered (see `ui.focus_keys`)."""

    def __init__(self, action: str, number: str, title: str = "", *, required: bool = False, count: int | None = None,
                 heading: str = "") -> None:
        super().__init__()
        self.heading = heading
        """The dialog's title when the action's own (`opinion.title.<action>`) does not fit (a follow-up)."""
        self.action = action
        """approve, reject, return or comment: picks the heading and phrases."""
        self.number = number
        self.doc_title = title
        self.required = required
        """An empty opinion is refused (reject, return, comment)."""
        self.count = count
        """For bulk approval: how many documents the opinion is for."""
        self.offers_conflict = action in DECIDING and not count

    def compose(self) -> ComposeResult:
        with Vertical(id="opinion", classes="dialog") as box:
            if self.heading:
                box.border_title = self.heading
            elif self.count:
                box.border_title = t("opinion.title_bulk", count=self.count)
            else:
                box.border_title = t(f"opinion.title.{self.action}", number=self.number)
            if self.doc_title:
                yield Label(self.doc_title, classes="dialog-subject", markup=False)
            prompt = t("opinion.prompt_required") if self.required else t("opinion.prompt_optional")
            yield Label(prompt, classes="dialog-prompt")
            yield Input(placeholder=t("opinion.placeholder"), id="opinion-text", select_on_focus=False)
            yield Static("", id="opinion-error", classes="dialog-error")
            phrases = [Option(Text(t(f"opinion.phrase.{key}")), id=key) for key in QUICK_FOR.get(self.action, ())]
            if phrases:  # a note to a delegate or a follow-up (report back) has no stock phrases
                yield Label(t("opinion.quick"), classes="dialog-prompt")
                yield PhraseList(*phrases, id="opinion-phrases")
            yield Label(t("opinion.hint"), classes="dialog-hint")
            if self.offers_conflict:
                yield Label(self.conflict_hint(), classes="dialog-hint", id="conflict-hint")

    def on_mount(self) -> None:
        self.query_one("#opinion-text", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_phrases":
            return self.focused is self.query_one("#opinion-text") and bool(self.query("#opinion-phrases"))
        return super().check_action(action, parameters)

    def action_to_phrases(self) -> None:
        """`down` in the text box: to the quick phrases."""
        phrases = self.query_one("#opinion-phrases", OptionList)
        self.set_focus(phrases)  # at once, not after the keys already queued
        if phrases.highlighted is None:
            phrases.highlighted = 0

    def use_phrase(self, phrase: str) -> None:
        """Put `phrase` in the text box with the cursor after it, and go back there."""
        box = self.query_one("#opinion-text", Input)
        box.value = phrase
        box.cursor_position = len(box.value)
        self.set_focus(box)  # at once, not after the keys already queued

    @on(Input.Submitted, "#opinion-text")
    def submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            self.query_one("#opinion-error", Static).update(t("opinion.required"))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
