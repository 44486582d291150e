"""Provides `admin_screen()`: the administration screens by name (users, departments, roles,
deputies), for the palette and the keys that go from one to another."""

from __future__ import annotations

from textual.screen import Screen

from tui_office.ui.screens.admin_departments import AdminDepartmentsScreen
from tui_office.ui.screens.admin_deputies import AdminDeputiesScreen
from tui_office.ui.screens.admin_roles import AdminRolesScreen
from tui_office.ui.screens.admin_users import AdminUsersScreen

SCREENS = {"users": AdminUsersScreen, "departments": AdminDepartmentsScreen, "roles": AdminRolesScreen,
           "deputies": AdminDeputiesScreen}
"""The administration screens, by name, in the order the palette offers them."""


def admin_screen(name: str) -> Screen:
    """A new administration screen: users, departments, roles or deputies."""
    return SCREENS[name]()
