"""The administrators' users screen: every user with roles and PIN state; deactivate, reactivate
and reset a PIN after a yes, through the same services (and refusals) as the command line."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.ui.conftest import SIZE, make_app, pushed, settle
from tui_office.services import directory, office_settings, pins, signing
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.screens.admin_users import AdminUsersScreen


@pytest.fixture
def office(tmp_path):
    """The demo office requiring PINs: xuhao set his PIN, luoping locked herself out."""
    from tests.factories import demo_office

    office = demo_office(tmp_path)
    office_settings.set_setting(office, "admin", "security.require_pin", "true")
    pins.set_pin(office, "xuhao", "xu-12345")
    pins.set_pin(office, "luoping", "luo-12345")
    for _ in range(5):
        try:
            pins.sign_in(office, "luoping", "wrong-pin")
        except Exception:  # noqa: BLE001 - the wrong tries are the point
            pass
    signing.forget()
    yield office
    office.close()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_users_screen(snap_compare, office, lang):
    """The admin's users screen: title "Users (19)" (用户管理 (19)), one row per user with login, name,
    status, PIN state, department and roles (status and PIN first, so an 80-column terminal shows them); PIN "set" for xuhao, "locked" for luoping, "—" for the others;
    the keys to the other administration screens under the title; the footer offers a Add, e Edit,
    g Give roles, d Deactivate, r Reactivate, p Reset PIN, esc Back."""
    assert snap_compare(make_app(office, "admin", lang=lang), terminal_size=SIZE, run_before=pushed(AdminUsersScreen))


def row_of(table: DataTable, login: str) -> int:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)].index(login)


async def test_an_admin_unlocks_by_resetting_a_pin_and_deactivates_a_user(office) -> None:
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pushed(AdminUsersScreen)(pilot)
        table = app.screen.query_one("#admin-users", DataTable)
        table.move_cursor(row=row_of(table, "luoping"))
        await pilot.press("p")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert not pins.has_pin("luoping")
        assert str(table.get_row_at(row_of(table, "luoping"))[3]) == "—"
        table.move_cursor(row=row_of(table, "xuhao"))
        await pilot.press("d", "n")  # no: nothing happens
        await settle(pilot)
        assert directory.get_user(office, "xuhao").active
        await pilot.press("d", "y")
        await settle(pilot)
        assert not directory.get_user(office, "xuhao").active
        assert str(table.get_row_at(row_of(table, "xuhao"))[2]) == "deactivated"
        table.move_cursor(row=row_of(table, "admin"))
        await pilot.press("d", "y")
        await settle(pilot)
        assert directory.get_user(office, "admin").active, "the last administrator stays"
        assert any("last active administrator" in str(n.message) for n in app._notifications)


async def test_a_clerk_is_refused_the_users_screen(office) -> None:
    app = make_app(office, "xuhao")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pushed(AdminUsersScreen)(pilot)
        assert not isinstance(app.screen, AdminUsersScreen)
        assert any("Only an administrator" in str(n.message) for n in app._notifications)
