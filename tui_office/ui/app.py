"""Provides the Textual app: screens, theme, keymap, language."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.services.directory import UserInfo
from tui_office.services.office import Office


class OfficeApp(App):
    """tui-office."""

    TITLE = "tui-office"
    CSS_PATH = [bundled("themes", "base.tcss")]
    BINDINGS = [
        Binding("q", "quit", t("app.quit"), id="app.quit"),
        Binding("question_mark", "help", t("app.help"), id="app.help"),
    ]

    def __init__(self, office: Office, me: UserInfo) -> None:
        super().__init__()
        self.office = office
        self.me = me

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="main"):
            yield Static(f"{self.me.name} · {self.me.department}", id="whoami")
            yield Static(t("app.inbox_placeholder"), id="inbox-placeholder")
        yield Footer()

    def action_help(self) -> None:
        self.action_show_help_panel()


def run_app(office: Office, me: UserInfo) -> None:
    OfficeApp(office, me).run()
