"""Provides `AdminRolesScreen`: the roles for administrators (角色管理).

Left, every role with how many active people hold it; right, what the highlighted role may do —
the forms it may start and submit for others, the steps it acts on (all read from the forms'
definitions: `starters`, `submit_for`, a step's role assignee) — and who holds it. `a` adds a
role, `g` gives it to someone, `x` takes it from a holder, through the same services as
`tui-office roles …` (admin only, audited, the same refusals).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Header, Static

from tui_office.i18n import t
from tui_office.ui.dialogs.fields import Ask, FieldsDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.admin_base import NAVIGATION, AdminScreen, nav_line
from tui_office.ui.widgets.footer import KeyFooter


def role_details(role: Any, people: dict[str, str]) -> str:
    """What a role may do and who holds it, as the right-hand pane shows it."""
    nothing = t("admin.nothing")
    lines = [f"{role.name} ({role.code})", "", t("admin.starts")]
    lines += [f"  {title} ({form})" for form, title in role.starts] or [f"  {nothing}"]
    if role.submits_for:
        lines += ["", t("admin.submits_for")] + [f"  {title} ({form})" for form, title in role.submits_for]
    lines += ["", t("admin.steps")]
    lines += [f"  {s.form_title} › {s.step_title}" for s in role.steps] or [f"  {nothing}"]
    lines += ["", t("admin.holders")]
    lines += [f"  {people.get(login, login)} ({login})" for login in role.members] or [f"  {t('admin.none_yet')}"]
    return "\n".join(lines)


class AdminRolesScreen(AdminScreen):
    """Roles: what each may do, who holds it; add, give, take."""

    DEFAULT_CSS = """
    AdminRolesScreen #admin-roles { width: 56; height: 1fr; }
    AdminRolesScreen #admin-role-pane { width: 1fr; height: 1fr; border-left: solid $panel; padding: 0 1; }
    AdminRolesScreen #admin-roles-everyone { color: $text-muted; margin: 0 1; height: auto; }
    AdminRolesScreen Horizontal { margin: 0 1; }
    """

    BINDINGS = [
        Binding("a", "add", "keys.admin_add", id="admin_roles.add"),
        Binding("g", "grant", "keys.admin_grant", id="admin_roles.grant"),
        Binding("x", "revoke", "keys.admin_revoke", id="admin_roles.revoke"),
        *NAVIGATION,
    ]

    name_key = "admin.roles_title"
    screen_name = "roles"

    def __init__(self) -> None:
        super().__init__()
        self.roles: list = []
        """The `RoleInfo`s, by code."""
        self.people: list = []
        """The active users."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield nav_line()
        yield Static("", id="admin-roles-everyone", markup=False)
        with Horizontal():
            yield DataTable(id="admin-roles", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="admin-role-pane"):
                yield Static("", id="admin-role", markup=False)
        yield KeyFooter()

    def load(self) -> Any:
        from tui_office.services import directory, roles
        from tui_office.services.permissions import require_admin

        require_admin(self.app.me.login)
        office = self.app.office
        return roles.list_roles(office), directory.list_users(office), roles.open_forms(office)

    def show(self, data: Any) -> None:
        self.roles, self.people, everyone = data
        self.query_one("#admin-roles-everyone", Static).update(
            t("admin.everyone_starts", forms=", ".join(title for _, title in everyone) or t("admin.nothing")))
        table = self.query_one("#admin-roles", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for key, width in (("code", 14), ("holders", 7), ("role_name", 26)):  # fixed: the pane beside needs the rest
            table.add_column(t(f"admin.col.{key}"), width=width)
        for role in self.roles:
            table.add_row(role.code, str(len(role.members)), role.name, key=role.code)
        self.sub_title = f"{t('admin.roles_title')} ({len(self.roles)})"
        if self.roles:
            table.move_cursor(row=min(max(row, 0), len(self.roles) - 1))
        self._detail()
        table.focus()

    @on(DataTable.RowHighlighted, "#admin-roles")
    def _detail(self) -> None:
        role = self._highlighted()
        names = {u.login: u.name for u in self.people}
        self.query_one("#admin-role", Static).update(role_details(role, names) if role else "")

    def _highlighted(self) -> Any:
        table = self.query_one("#admin-roles", DataTable)
        if not self.roles or table.cursor_row < 0:
            return None
        return self.roles[min(table.cursor_row, len(self.roles) - 1)]

    def action_add(self) -> None:
        from tui_office.services import roles

        office, me = self.app.office, self.app.me.login

        def save(v: dict[str, str]) -> str:
            role = roles.add_role(office, me, v["code"], v["name_en"], v["name_zh"])
            return t("admin.done.add_role", code=role.code)

        asks = [Ask("code", t("admin.field.code")), Ask("name_en", t("admin.field.name_en")),
                Ask("name_zh", t("admin.field.name_zh"))]
        self.app.push_screen(FieldsDialog(t("admin.ask.add_role"), asks, save), self.changed)

    def action_grant(self) -> None:
        self._pick("grant")

    def action_revoke(self) -> None:
        self._pick("revoke")

    def _pick(self, what: str) -> None:
        from tui_office.services import roles

        role = self._highlighted()
        if role is None:
            return
        holders = set(role.members)
        people = [u for u in self.people if (u.login in holders) == (what == "revoke")]
        office, me = self.app.office, self.app.me.login
        call = roles.grant_role if what == "grant" else roles.revoke_role

        def picked(login: str | None) -> None:
            if login:
                self.change(lambda: call(office, me, role.code, login),
                            t(f"admin.role_{what}ed", login=login, role=role.code))

        self.app.push_screen(UserPicker(people, t(f"admin.ask.{what}_role", role=role.name)), picked)
