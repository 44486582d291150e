"""Provides `AdminDepartmentsScreen`: the departments as a tree for administrators (部门管理).

Each line: name, code, manager and how many active people it has; closed departments say so.
`a` adds a department under the highlighted one, `n` renames it, `m` moves it under another,
`g` sets its manager, `d` closes it and `r` opens it again (after a yes), through the same
services as `tui-office departments …` (admin only, audited, the same refusals: a department
with active members, open sub-departments or documents in progress is not closed, and the
refusal names them).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Tree

from tui_office.i18n import t
from tui_office.ui.dialogs.choice import ChoiceDialog
from tui_office.ui.dialogs.fields import Ask, FieldsDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.admin_base import NAVIGATION, AdminScreen, nav_line
from tui_office.ui.widgets.footer import KeyFooter


def department_line(dept: Any) -> Text:
    """One tree line: "Sales (sales) · 赵磊 · staff 4", dimmed and marked when closed."""
    line = Text(dept.name or dept.code, style="bold" if dept.active else "dim")
    line.append(f" ({dept.code})", style="dim")
    details = [dept.manager_name or t("admin.no_manager"), t("admin.people", count=dept.members)]
    if not dept.active:
        details.append(t("admin.closed"))
    line.append(" · " + " · ".join(details), style="dim")
    return line


def _subtree(departments: list, code: str) -> set[str]:
    """The codes of department `code` and everything under it (`departments` in tree order): where
    it cannot be moved."""
    out: set[str] = set()
    depth = None
    for dept in departments:
        if depth is not None and dept.depth <= depth:
            break
        if dept.code == code:
            depth = dept.depth
        if depth is not None:
            out.add(dept.code)
    return out


class AdminDepartmentsScreen(AdminScreen):
    """Departments: add, rename, move, manager, close, reopen."""

    DEFAULT_CSS = """
    AdminDepartmentsScreen #admin-departments { height: 1fr; margin: 0 1; }
    """

    BINDINGS = [
        Binding("a", "add", "keys.admin_add", id="admin_departments.add"),
        Binding("n", "rename", "keys.admin_rename", id="admin_departments.rename"),
        Binding("m", "move", "keys.admin_move", id="admin_departments.move"),
        Binding("g", "manager", "keys.admin_manager", id="admin_departments.manager"),
        Binding("d", "close", "keys.admin_close", id="admin_departments.close"),
        Binding("r", "reopen", "keys.admin_reopen", id="admin_departments.reopen"),
        *NAVIGATION,
    ]

    name_key = "admin.departments_title"
    screen_name = "departments"

    def __init__(self) -> None:
        super().__init__()
        self.departments: list = []
        """The `DepartmentInfo`s, in tree order."""
        self.people: list = []
        """The active users, for `g`."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield nav_line()
        tree: Tree = Tree(t("admin.departments_title"), id="admin-departments")
        tree.show_root = False
        yield tree
        yield KeyFooter()

    def load(self) -> Any:
        from tui_office.services import departments, directory
        from tui_office.services.permissions import require_admin

        require_admin(self.app.me.login)
        return departments.list_departments(self.app.office), directory.list_users(self.app.office)

    def show(self, data: Any) -> None:
        self.departments, self.people = data
        tree = self.query_one("#admin-departments", Tree)
        chosen = self._highlighted()
        tree.clear()
        nodes = {}
        for dept in self.departments:
            parent = nodes.get(dept.parent, tree.root)
            nodes[dept.code] = parent.add(department_line(dept), data=dept, expand=True, allow_expand=False)
        tree.root.expand_all()
        self.sub_title = f"{t('admin.departments_title')} ({len(self.departments)})"
        node = nodes.get(chosen.code) if chosen is not None else None
        if node is not None:
            self.call_after_refresh(tree.move_cursor, node)
        tree.focus()

    def _highlighted(self) -> Any:
        node = self.query_one("#admin-departments", Tree).cursor_node
        return node.data if node is not None and node.data is not None else None

    def action_add(self) -> None:
        from tui_office.services import departments

        above = self._highlighted()
        office, me = self.app.office, self.app.me.login

        def save(v: dict[str, str]) -> str:
            dept = departments.add_department(office, me, v["code"], v["name_en"], v["name_zh"],
                                              parent=above.code if above else None)
            return t("admin.done.department", code=dept.code)

        asks = [Ask("code", t("admin.field.code")), Ask("name_en", t("admin.field.name_en")),
                Ask("name_zh", t("admin.field.name_zh"))]
        where = above.name if above else t("admin.top")
        self.app.push_screen(FieldsDialog(t("admin.ask.add_department", parent=where), asks, save), self.changed)

    def action_rename(self) -> None:
        from tui_office.services import departments

        dept = self._highlighted()
        if dept is None:
            return
        office, me = self.app.office, self.app.me.login

        def save(v: dict[str, str]) -> str:
            departments.rename_department(office, me, dept.code, name_en=v["name_en"], name_zh=v["name_zh"])
            return t("admin.done.department", code=dept.code)

        asks = [Ask("name_en", t("admin.field.name_en"), dept.name_en), Ask("name_zh", t("admin.field.name_zh"), dept.name_zh)]
        self.app.push_screen(FieldsDialog(t("admin.ask.rename_department", name=dept.name), asks, save), self.changed)

    def action_move(self) -> None:
        from tui_office.services import departments

        dept = self._highlighted()
        if dept is None:
            return
        inside = _subtree(self.departments, dept.code)
        choices = [("", t("admin.top"))] + [(d.code, "  " * d.depth + f"{d.name} ({d.code})")
                                            for d in self.departments if d.code not in inside and d.active]
        office, me = self.app.office, self.app.me.login

        def picked(parent: str | None) -> None:
            if parent is not None:
                self.change(lambda: departments.move_department(office, me, dept.code, parent),
                            t("admin.done.department", code=dept.code))

        self.app.push_screen(ChoiceDialog(t("admin.ask.move_department", name=dept.name), "", choices), picked)

    def action_manager(self) -> None:
        from tui_office.services import departments

        dept = self._highlighted()
        if dept is None:
            return
        office, me = self.app.office, self.app.me.login

        def picked(login: str | None) -> None:
            if login:
                self.change(lambda: departments.set_manager(office, me, dept.code, login),
                            t("admin.done.department", code=dept.code))

        self.app.push_screen(UserPicker(self.people, t("admin.ask.department_manager", name=dept.name)), picked)

    def action_close(self) -> None:
        self._open_or_close("close", "deactivate_department")

    def action_reopen(self) -> None:
        self._open_or_close("reopen", "reactivate_department")

    def _open_or_close(self, what: str, service: str) -> None:
        from tui_office.services import departments

        dept = self._highlighted()
        if dept is None:
            return
        office, me = self.app.office, self.app.me.login
        call = getattr(departments, service)
        self.confirm(t(f"keys.admin_{what}"), t(f"admin.ask.{what}_department", name=dept.name, code=dept.code),
                     lambda: call(office, me, dept.code), t(f"admin.done.{what}_department", code=dept.code))
