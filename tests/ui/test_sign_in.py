"""The PIN asked at start in an office that requires one: masked, nothing of the office before it,
a wrong PIN said in one line, a first PIN chosen twice; escape leaves."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tests.ui.conftest import make_app, settle
from tests.factories import demo_office
from tui_office.i18n import set_language
from tui_office.services import directory, identity, office_settings, pins, signing
from tui_office.ui.app import OfficeApp
from tui_office.ui.screens.inbox import InboxScreen
from tui_office.ui.screens.sign_in import SignInScreen


def pin_office(tmp_path: Path):
    office = demo_office(tmp_path)
    office_settings.set_setting(office, "admin", "security.require_pin", "true")
    pins.set_pin(office, "xuhao", "xu-12345")
    signing.forget()
    return office


def app_for(office, login: str, lang: str = "en") -> OfficeApp:
    app = make_app(office, login, lang=lang)
    app.sign_in = identity.resolve(office, login, account="nobody")
    return app


async def test_the_app_opens_only_after_the_right_pin(tmp_path: Path) -> None:
    office = pin_office(tmp_path)
    app = app_for(office, "xuhao")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        box = app.screen.query_one("#pin", Input)
        assert box.password and box.has_focus
        await pilot.press("q", "ctrl+p")  # typed into the PIN, not quitting or opening the palette
        assert isinstance(app.screen, SignInScreen) and box.value == "q"
        box.value = "wrong-pin"
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#sign-in-error", Static).render())
        assert "Wrong PIN for 'xuhao'; 4 more wrong tries" in error and box.value == ""
        await pilot.press(*"xu-12345", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
        assert signing.signer_for("approve", directory.get_user(office, "xuhao").id) is not None
    signing.forget()
    office.close()


async def test_a_user_without_a_pin_chooses_one_typed_twice(tmp_path: Path) -> None:
    office = pin_office(tmp_path)
    set_language("zh-CN")
    app = app_for(office, "luoping", lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and app.screen.choosing
        await pilot.press(*"luo-12345", "enter", *"luo-12346", "enter")
        await settle(pilot)
        assert "两次输入的 PIN 码不一致" in str(app.screen.query_one("#sign-in-error", Static).render())
        await pilot.press(*"luo-12345", "enter", *"luo-12345", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InboxScreen)
    assert pins.has_pin("luoping")
    pins.sign_in(office, "luoping", "luo-12345")
    signing.forget()
    office.close()


async def test_escape_leaves_without_signing_in(tmp_path: Path) -> None:
    office = pin_office(tmp_path)
    app = app_for(office, "xuhao")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
    office.close()
