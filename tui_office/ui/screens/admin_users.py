"""Provides `AdminUsersScreen`: the users of the office for administrators (用户管理).

Every user, active or not, with department, roles and PIN state. `d` deactivates the highlighted
user, `r` reactivates them and `p` resets their PIN, each after a yes and through the same
services as `tui-office users …` and `pin reset` (admin only, audited, the same refusals).
Adding users and changing roles stay on the command line (`users add`).
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter


class AdminUsersScreen(LocalisedBindings, Screen[None]):
    """Users: deactivate, reactivate, reset a PIN."""

    DEFAULT_CSS = """
    AdminUsersScreen #admin-users { height: 1fr; margin: 0 1; }
    """

    BINDINGS = [
        Binding("d", "change('deactivate')", "keys.admin_deactivate", id="admin_users.deactivate"),
        Binding("r", "change('reactivate')", "keys.admin_reactivate", id="admin_users.reactivate"),
        Binding("p", "change('reset_pin')", "keys.admin_reset_pin", id="admin_users.reset_pin"),
        Binding("R", "reload", "keys.refresh", id="admin_users.refresh", show=False),
        Binding("escape,q", "back", "keys.admin_back", id="admin_users.back"),
    ]

    class Loaded(Message):
        def __init__(self, users: Any, pins: Any, error: str = "") -> None:
            self.users, self.pins, self.error = users, pins, error
            super().__init__()

    class Changed(Message):
        def __init__(self, text: str, error: bool) -> None:
            self.text, self.error = text, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.users: list = []
        """The `UserInfo`s shown, in table order."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="admin-users", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("admin.users_title")
        self._load()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="admin-users", exclusive=True)
    def _load(self) -> None:
        from tui_office.services import directory, pins

        office, me = self.app.office, self.app.me.login
        try:
            states = pins.pin_states(office, me)
            users = directory.list_users(office, include_inactive=True)
        except OfficeError as exc:
            self.post_message(self.Loaded(None, None, str(exc)))
            return
        self.post_message(self.Loaded(inert(users), states))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8, markup=False)
            self.dismiss(None)
            return
        table = self.query_one("#admin-users", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        table.add_columns(t("admin.col.login"), t("admin.col.name"), t("admin.col.status"), t("admin.col.pin"),
                          t("admin.col.department"), t("admin.col.roles"))
        self.users = message.users
        for user in self.users:
            table.add_row(user.login, user.name, t("admin.active" if user.active else "admin.inactive"),
                          t(f"admin.pin.{message.pins.get(user.login, 'none')}"), user.department,
                          ", ".join(user.roles), key=user.login)
        self.sub_title = f"{t('admin.users_title')} ({len(self.users)})"
        if self.users:
            table.move_cursor(row=min(row, len(self.users) - 1))
        table.focus()

    def _highlighted(self) -> Any:
        table = self.query_one("#admin-users", DataTable)
        if not self.users or table.cursor_row < 0:
            return None
        return self.users[table.cursor_row]

    def action_change(self, what: str) -> None:
        user = self._highlighted()
        if user is None:
            return
        question = t(f"admin.confirm.{what}", name=user.name, login=user.login)

        def answered(yes: bool | None) -> None:
            if yes:
                self._change(what, user.login)

        self.app.push_screen(ConfirmDialog(t(f"keys.admin_{what}"), question), answered)

    @work(thread=True, exit_on_error=False, group="admin-change")
    def _change(self, what: str, login: str) -> None:
        from tui_office.services import directory, pins

        office, me = self.app.office, self.app.me.login
        try:
            if what == "deactivate":
                directory.deactivate_user(office, login, by=me)
            elif what == "reactivate":
                directory.reactivate_user(office, login, by=me)
            else:
                pins.reset_pin(office, me, login)
        except OfficeError as exc:
            self.post_message(self.Changed(str(exc), True))
            return
        self.post_message(self.Changed(t(f"admin.done.{what}", login=login), False))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        if message.error:
            self.app.show_error(OfficeError(message=message.text))
        else:
            self.notify(message.text, markup=False)
            self.app.data_changed()
        self._load()

    def action_back(self) -> None:
        self.dismiss(None)
