"""Provides `AdminScreen`: what the administration screens (users, departments, roles, deputies)
share — loading off the event loop, a change after a yes through a service, its message or
refusal, the keys that go from one of them to another, and `esc` back.

Each screen loads in `load()` (run in a worker; it raises `OfficeError` for a refusal, which closes
the screen with that message: a clerk who reaches one is told "only an administrator …", the
same line the command line prints) and draws what it returns in `show()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from tui_office.domain.errors import OfficeError
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.loading import closed_on_refusal, load_view

NAVIGATION = [
    Binding("U", "go('users')", "keys.admin_users", id="admin.users", show=False),
    Binding("T", "go('departments')", "keys.admin_departments", id="admin.departments", show=False),
    Binding("O", "go('roles')", "keys.admin_roles", id="admin.roles", show=False),
    Binding("W", "go('deputies')", "keys.admin_deputies", id="admin.deputies", show=False),
    Binding("escape,q", "back", "keys.admin_back", id="admin.back"),
]
"""The keys every administration screen has (its own comes first in its `BINDINGS`)."""


def nav_line() -> Static:
    """The line under the header naming the keys to the other administration screens."""
    from tui_office.i18n import t

    keys = " · ".join(f"{key} {t(f'keys.admin_{name}')}" for key, name in
                      (("U", "users"), ("T", "departments"), ("O", "roles"), ("W", "deputies")))
    return Static(keys, classes="admin-nav", markup=False)


class AdminScreen(LocalisedBindings, Screen[None]):
    """Base of the administration screens."""

    DEFAULT_CSS = """
    AdminScreen .admin-nav { color: $text-muted; margin: 0 1; height: 1; }
    """

    name_key = ""
    """The catalogue key of the screen's title."""
    screen_name = ""
    """Its name for `admin_screens.admin_screen()` (and the `U`/`T`/`O`/`W` keys)."""

    class Loaded(Message):
        def __init__(self, data: Any, error: str = "") -> None:
            self.data, self.error = data, error
            super().__init__()

    class Changed(Message):
        def __init__(self, text: str, error: bool) -> None:
            self.text, self.error = text, error
            super().__init__()

    def on_mount(self) -> None:
        from tui_office.i18n import t

        self.sub_title = t(self.name_key)
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def load(self) -> Any:
        """What the screen shows, read through the services (in a worker)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Draw what `load` returned."""
        raise NotImplementedError

    @work(thread=True, exit_on_error=False, group="admin-load", exclusive=True)
    def reload(self) -> None:
        load_view(self, self.Loaded, self.load)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if not closed_on_refusal(self, message.error):
            self.show(message.data)

    def confirm(self, title: str, question: str, call: Callable[[], object], done: str | Callable[[Any], str]) -> None:
        """Ask `question`; on a yes run `call` (a service change, in a worker) and say `done`."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(call, done)

        self.app.push_screen(ConfirmDialog(title, question), answered)

    @work(thread=True, exit_on_error=False, group="admin-change")
    def change(self, call: Callable[[], object], done: str | Callable[[Any], str]) -> None:
        """Run a service change; its refusal is shown as the command line prints it. `done` is what
        to say, or makes it from what the change returned."""
        try:
            result = call()
        except OfficeError as exc:
            self.post_message(self.Changed(str(exc), True))
            return
        self.post_message(self.Changed(done(result) if callable(done) else done, False))

    def changed(self, text: str | None) -> None:
        """A dialog saved something (`text`, its message) or was cancelled (None)."""
        if text:
            self.post_message(self.Changed(text, False))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        if message.error:
            self.app.show_error(OfficeError(message=message.text))
        else:
            self.notify(message.text, markup=False)
            self.app.data_changed()
        self.reload()

    def action_go(self, name: str) -> None:
        if name != self.screen_name:
            self.app.open_admin(name, replace=True)

    def action_back(self) -> None:
        self.dismiss(None)
