"""Provides `AdminUsersScreen`: the users of the office for administrators (用户管理).

Every user, active or not, with department, roles and PIN state. `a` adds a user, `e` edits the
highlighted one (name, English name, department, title), `g` gives or takes their roles, `d`
deactivates them, `r` reactivates them and `p` resets their PIN (the last three after a yes),
each through the same services as `tui-office users …`, `roles grant|revoke` and `pin reset`
(admin only, audited, the same refusals). `T`, `O` and `W` open the departments, roles and
deputies screens.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header

from tui_office.i18n import t
from tui_office.ui.dialogs.fields import Ask, FieldsDialog
from tui_office.ui.dialogs.pick_many import PickManyDialog
from tui_office.ui.screens.admin_base import NAVIGATION, AdminScreen, nav_line
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.ui.widgets.tables import fill_table


class AdminUsersScreen(AdminScreen):
    """Users: add, edit, roles, deactivate, reactivate, reset a PIN."""

    DEFAULT_CSS = """
    AdminUsersScreen #admin-users { height: 1fr; margin: 0 1; }
    """

    BINDINGS = [
        Binding("a", "add", "keys.admin_add", id="admin_users.add"),
        Binding("e", "edit", "keys.admin_edit", id="admin_users.edit"),
        Binding("g", "roles", "keys.admin_give_roles", id="admin_users.roles"),
        Binding("d", "change('deactivate')", "keys.admin_deactivate", id="admin_users.deactivate"),
        Binding("r", "change('reactivate')", "keys.admin_reactivate", id="admin_users.reactivate"),
        Binding("p", "change('reset_pin')", "keys.admin_reset_pin", id="admin_users.reset_pin"),
        Binding("R", "reload", "keys.refresh", id="admin_users.refresh", show=False),
        *NAVIGATION,
    ]

    name_key = "admin.users_title"
    screen_name = "users"

    def __init__(self) -> None:
        super().__init__()
        self.users: list = []
        """The `UserInfo`s shown, in table order."""
        self.departments: list = []
        """The open departments (`DepartmentInfo`), for the add and edit dialogs."""
        self.roles: list = []
        """Every role (`RoleInfo`), for `g`."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield nav_line()
        yield DataTable(id="admin-users", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def load(self) -> Any:
        from tui_office.services import departments, directory, pins, roles

        office, me = self.app.office, self.app.me.login
        states = pins.pin_states(office, me)
        return (directory.list_users(office, include_inactive=True), states,
                [d for d in departments.list_departments(office) if d.active], roles.list_roles(office))

    def show(self, data: Any) -> None:
        users, pins, self.departments, self.roles = data
        table = self.query_one("#admin-users", DataTable)
        row = table.cursor_row
        self.users = users
        headers = [t(f"admin.col.{key}") for key in ("login", "name", "status", "pin", "department", "roles")]
        fill_table(table, headers, [[user.login, user.name, t("admin.active" if user.active else "admin.inactive"),
                                     t(f"admin.pin.{pins.get(user.login, 'none')}"), user.department,
                                     ", ".join(user.roles)] for user in users], [user.login for user in users])
        self.sub_title = f"{t('admin.users_title')} ({len(self.users)})"
        if self.users:
            table.move_cursor(row=min(row, len(self.users) - 1))
        table.focus()

    def _highlighted(self) -> Any:
        table = self.query_one("#admin-users", DataTable)
        if not self.users or table.cursor_row < 0:
            return None
        return self.users[table.cursor_row]

    def _department_choices(self) -> tuple[tuple[str, str], ...]:
        return tuple((d.code, "  " * d.depth + d.name) for d in self.departments)

    def action_add(self) -> None:
        from tui_office.services import directory

        office, me = self.app.office, self.app.me.login

        def save(v: dict[str, str]) -> str:
            user = directory.add_user(office, v["login"], v["name"], v["department"] or None, name_en=v["name_en"],
                                      title=v["title"], title_zh=v["title_zh"], by=me)
            return t("admin.done.add_user", login=user.login)

        asks = [Ask("login", t("admin.field.login")), Ask("name", t("admin.field.name")),
                Ask("name_en", t("admin.field.name_en")),
                Ask("department", t("admin.field.department"), choices=self._department_choices()),
                Ask("title", t("admin.field.title")), Ask("title_zh", t("admin.field.title_zh"))]
        self.app.push_screen(FieldsDialog(t("admin.ask.add_user"), asks, save), self.changed)

    def action_edit(self) -> None:
        from tui_office.services import directory

        user = self._highlighted()
        if user is None:
            return
        office, me = self.app.office, self.app.me.login

        def save(v: dict[str, str]) -> str:
            moved = v["department"] if v["department"] != user.department_code else None  # None: kept as it is
            directory.edit_user(office, user.login, name=v["name"], name_en=v["name_en"], title=v["title"],
                                title_zh=v["title_zh"], department=moved, by=me)
            return t("admin.done.edit_user", login=user.login)

        choices = self._department_choices()
        if user.department_code and user.department_code not in dict(choices):  # a closed one: shown, kept
            choices += ((user.department_code, f"{user.department} ({t('admin.closed')})"),)
        asks = [Ask("name", t("admin.field.name"), user.name), Ask("name_en", t("admin.field.name_en"), user.name_en),
                Ask("department", t("admin.field.department"), user.department_code, choices=choices),
                Ask("title", t("admin.field.title"), user.title_en),
                Ask("title_zh", t("admin.field.title_zh"), user.title_zh)]
        self.app.push_screen(FieldsDialog(t("admin.ask.edit_user", name=user.name, login=user.login), asks, save),
                             self.changed)

    def action_roles(self) -> None:
        from tui_office.services import roles

        user = self._highlighted()
        if user is None:
            return
        office, me = self.app.office, self.app.me.login
        held = set(user.roles)

        def save(ticked: set[str]) -> str:
            roles.set_roles(office, me, user.login, ticked)
            return t("admin.done.edit_user", login=user.login)

        options = [(r.code, f"{r.name} ({r.code})", r.code in held) for r in self.roles]
        self.app.push_screen(PickManyDialog(t("admin.ask.user_roles", name=user.name, login=user.login), options, save),
                             self.changed)

    def action_change(self, what: str) -> None:
        from tui_office.services import directory, pins

        user = self._highlighted()
        if user is None:
            return
        office, me, login = self.app.office, self.app.me.login, user.login
        calls = {"deactivate": lambda: directory.deactivate_user(office, login, by=me),
                 "reactivate": lambda: directory.reactivate_user(office, login, by=me),
                 "reset_pin": lambda: pins.reset_pin(office, me, login)}
        self.confirm(t(f"keys.admin_{what}"), t(f"admin.confirm.{what}", name=user.name, login=login), calls[what],
                     t(f"admin.done.{what}", login=login))
