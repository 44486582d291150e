"""Provides the user picker (delegate, add approver, cc): type to filter by name, login, department or pinyin."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui_office.i18n import t
from tui_office.services.directory import UserInfo
from tui_office.services.people_search import search
from tui_office.ui.inert import inert
from tui_office.ui.widgets.cells import fit


def _fields(user: UserInfo) -> tuple[str, str, str, str]:
    return user.name, user.login, user.department, user.name_en


class UserPicker(ModalScreen[str | None]):
    """Pick one user; returns the login or None. `up`/`down` move, `enter` picks, `escape` cancels."""

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self, users: list[UserInfo], title: str, subject: str = "", *, query: str = "") -> None:
        super().__init__()
        self.users = inert(users)
        """Everyone who may be picked (the caller leaves out who may not)."""
        self.heading = title
        self.subject = inert(subject)
        self.shown: list[UserInfo] = list(users)
        self.start = query
        """What the search starts with (the letter typed on a user field)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="user-picker", classes="dialog") as box:
            box.border_title = self.heading
            if self.subject:
                yield Label(self.subject, classes="dialog-subject", markup=False)
            yield Input(self.start, placeholder=t("picker.placeholder"), id="picker-query", select_on_focus=False)
            yield OptionList(id="picker-list")
            yield Label(t("picker.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._fill(self.start)
        self.query_one("#picker-query", Input).focus()

    def type_ahead(self, text: str) -> None:
        """Add `text` to the search (keys typed on the field while this picker was opening)."""
        if self.is_mounted:
            self.query_one("#picker-query", Input).insert_text_at_cursor(text)
        else:
            self.start += text

    def _fill(self, query: str) -> None:
        self.shown = search(query, self.users, _fields)
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        for user in self.shown:
            line = Text.assemble(
                (fit(user.name, 12), "bold"),
                " ",
                fit(user.login, 12),
                " ",
                (fit(user.department, 28), ""),
                " ",
                (user.title, "dim"),
            )
            options.add_option(Option(line, id=user.login))
        options.highlighted = 0 if self.shown else None

    @on(Input.Changed, "#picker-query")
    def filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if not self.shown:
            return
        current = options.highlighted if options.highlighted is not None else -step
        options.highlighted = max(0, min(len(self.shown) - 1, current + step))

    @on(Input.Submitted, "#picker-query")
    def pick_highlighted(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is None or not self.shown:
            self.app.bell()
            return
        self.dismiss(self.shown[options.highlighted].login)

    @on(OptionList.OptionSelected, "#picker-list")
    def pick_clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
