"""Provides the pickers of one thing from a short list: a form to start (`n` in the inbox) and a
screen of an installed business area (`v`). Typing filters the list; `up`/`down` (and `ctrl+n`/
`ctrl+p`) move, and so do `j`/`k` while nothing is typed, so letters still filter. The filter
matches as the people pickers do: words, the id, or pinyin (`qj` finds 请假单)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui_office.i18n import t
from tui_office.services.people_search import matches
from tui_office.services.views import FormInfo

MOVES = {"down": 1, "ctrl+n": 1, "up": -1, "ctrl+p": -1}
"""Keys that move the highlight whatever has been typed."""
EMPTY_MOVES = {"j": 1, "k": -1}
"""Keys that move the highlight only while the filter is empty (otherwise they are letters)."""


class FilterBox(Input):
    """The filter line: takes the moving keys before they become text."""

    async def _on_key(self, event: Key) -> None:
        step = MOVES.get(event.key)
        if step is None and not self.value:
            step = EMPTY_MOVES.get(event.key)
        if step is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        self.screen.move(step)  # type: ignore[attr-defined]


class ListPicker(ModalScreen[str | None]):
    """Pick one of `choices` ((id, label) pairs); returns its id or None. `enter` picks, `escape` cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, title: str, hint: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.hint, self.choices = title, hint, choices
        self.shown: list[tuple[str, str]] = list(choices)
        """The choices that match what is typed, in order."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog list-picker") as box:
            box.border_title = self.title_text
            yield FilterBox(placeholder=t("forms.filter"), id="picker-filter")
            yield OptionList(id="picker-list")
            yield Label(self.hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    def _fill(self, text: str) -> None:
        self.shown = [(ident, label) for ident, label in self.choices
                      if not text.strip() or matches(text, label, ident)]
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        options.add_options([Option(Text(label), id=ident) for ident, label in self.shown])
        options.highlighted = 0 if self.shown else None

    @on(Input.Changed, "#picker-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def move(self, step: int) -> None:
        """Move the highlight `step` rows (wrapping around)."""
        if not self.shown:
            return
        options = self.query_one("#picker-list", OptionList)
        options.highlighted = ((options.highlighted or 0) + step) % len(self.shown)

    @on(Input.Submitted, "#picker-filter")
    def _enter(self) -> None:
        index = self.query_one("#picker-list", OptionList).highlighted
        if index is not None and self.shown:
            self.dismiss(self.shown[index][0])

    @on(OptionList.OptionSelected, "#picker-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormPicker(ListPicker):
    """Pick a form to start; returns its id or None."""

    def __init__(self, forms: list[FormInfo]) -> None:
        super().__init__(t("forms.title"), t("forms.hint"), [(f.id, f"{f.title}  ({f.id})") for f in forms])
        self.forms = forms
