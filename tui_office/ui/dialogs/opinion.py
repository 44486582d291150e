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
from tui_office.ui.editor import EditsInEditor


QUICK_FOR = {
    "approve": ("agreed", "read", "add_documents"),
    "reject": ("not_agreed", "add_documents", "please_revise"),
    "return": ("please_revise", "add_documents"),
    "comment": ("read", "add_documents", "agreed"),
}


class OpinionDialog(EditsInEditor, keymap.LocalisedBindings, ModalScreen[str | None]):
    """Ask for an opinion; returns the text (possibly empty when not required) or None on escape.

    `enter` in the text box submits; `down` moves to the quick phrases, where `enter` copies one
    into the text box with the cursor after it, so what is typed next is added to the phrase;
`escape` cancels.
    """

    BINDINGS = [Binding("escape", "cancel", show=False), *keymap.bindings("form.editor")]

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
                yield OptionList(*phrases, id="opinion-phrases")
            yield Label(t("opinion.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#opinion-text", Input).focus()

    def on_key(self, event) -> None:
        if event.key == "down" and self.focused is self.query_one("#opinion-text") and self.query("#opinion-phrases"):
            phrases = self.query_one("#opinion-phrases", OptionList)
            phrases.focus()
            if phrases.highlighted is None:
                phrases.highlighted = 0
            event.stop()

    @on(OptionList.OptionSelected, "#opinion-phrases")
    def use_phrase(self, event: OptionList.OptionSelected) -> None:
        box = self.query_one("#opinion-text", Input)
        box.value = event.option.prompt.plain if isinstance(event.option.prompt, Text) else str(event.option.prompt)
        box.cursor_position = len(box.value)
        box.focus()

    @on(Input.Submitted, "#opinion-text")
    def submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.required and not text:
            self.query_one("#opinion-error", Static).update(t("opinion.required"))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
