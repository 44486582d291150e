"""Provides a minimal host app for the form screen and the document view, and a seeded office.

The host has what the screens ask of the real app (`office`, `me`, the theme and style sheets) and
pushes one screen; tests stay independent of the inbox shell. The office is a file database under
`tmp_path` (workers run in threads, so `:memory:` would be empty there) with the demo office, a
fixed clock, and documents made through the workflow services.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import WorkerCancelled

from tests.factories import START, demo_office
from tui_office.i18n import set_language
from tui_office.resources import bundled
from tui_office.services import directory
from tui_office.services.office import Office
from tui_office.ui.app import OfficeApp
from tui_office.ui.focus_keys import SteadyFocus
from tui_office.ui.screens.form import FormScreen
from tui_office.ui.themes import THEMES

def style_sheets() -> list[Path]:
    return [bundled("themes", "base.tcss"), bundled("themes", "default.tcss"), bundled("themes", "forms.tcss")]


class Host(SteadyFocus, App):
    """Pushes one screen made by `make_screen`; records what it dismissed with."""

    TITLE = "tui-office"
    CSS_PATH = style_sheets()
    HORIZONTAL_BREAKPOINTS = OfficeApp.HORIZONTAL_BREAKPOINTS
    VERTICAL_BREAKPOINTS = OfficeApp.VERTICAL_BREAKPOINTS

    def __init__(self, office: Office, login: str, make_screen: Callable[[], Screen]) -> None:
        super().__init__()
        self.office = office
        self.me = directory.get_user(office, login)
        self.make_screen = make_screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = "default"
        self.push_screen(self.make_screen(), self.results.append)


def host(office: Office, login: str, make_screen: Callable[[], Screen], lang: str = "en") -> Host:
    """A host app for `login` showing `make_screen()`, in language `lang`."""
    set_language(lang)
    office.settings.language = lang
    return Host(office, login, make_screen)


def open_office(tmp_path: Path, forms_dir: Path | None = None) -> Office:
    """The demo office in a fresh file database with the clock fixed at `START`."""
    return demo_office(tmp_path, forms_dir=forms_dir, at=START)


@pytest.fixture
def office(tmp_path: Path):
    office = open_office(tmp_path)
    yield office
    office.close()


@pytest.fixture(autouse=True)
def steady(monkeypatch: pytest.MonkeyPatch):
    """English unless a test says otherwise, and cursors that do not blink (stable pictures)."""
    set_language("en")
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.setattr(FormScreen, "AUTOSAVE_SECONDS", 3600.0)  # tests call _autosave() themselves
    yield
    set_language("en")


SIZE = (120, 40)
"""The terminal size every form and document test uses."""


async def settle(pilot) -> None:
    """Let workers finish and their answers arrive."""
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer one: the newer one is awaited next round
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key, as a clerk would (spaces and newlines as their keys)."""
    for ch in text:
        await pilot.press({" ": "space", "\n": "enter"}.get(ch, ch))


def row(app, field_id: str):
    """The form screen's row of one field."""
    from tui_office.ui.widgets.fields import FieldRow

    return app.screen.query_one(f"#field-{field_id}", FieldRow)


async def send(pilot) -> object:
    """Submit the form on screen (f10), confirm its summary, and return what the screen dismissed with."""
    from tui_office.ui.dialogs.form_summary import FormSummary

    await pilot.press("f10")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormSummary)
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.results[-1]
