"""Provides `DigestDialog`: the morning summary, shown once a day when the app first starts."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui_office.i18n import t
from tui_office.services.digest import SECTIONS, Digest


class DigestDialog(ModalScreen[None]):
    """The digest's lines; enter or escape closes it."""

    DEFAULT_CSS = """
    DigestDialog { align: center middle; }
    DigestDialog #digest { width: 90%; max-width: 100; height: auto; max-height: 90%; }
    DigestDialog #digest-body { height: auto; max-height: 30; }
    DigestDialog .digest-heading { text-style: bold; margin-bottom: 1; }
    DigestDialog .digest-section { text-style: bold; }
    DigestDialog .digest-section.-empty { text-style: none; color: $text-muted; }
    DigestDialog .digest-item { padding-left: 4; }
    """

    BINDINGS = [Binding("escape,enter,q", "close", "digest.hint", id="digest.close")]

    def __init__(self, digest: Digest) -> None:
        super().__init__()
        self.digest = digest
        """The summary shown."""

    def compose(self) -> ComposeResult:
        with Vertical(id="digest", classes="dialog") as box:
            box.border_title = t("digest.title")
            digest = self.digest
            with VerticalScroll(id="digest-body"):
                yield Static(t("digest.heading", name=digest.name, day=digest.day.isoformat()), markup=False,
                             classes="digest-heading")
                for key in SECTIONS:
                    items = digest.sections.get(key, [])
                    yield Static(t(f"digest.section.{key}", count=len(items)), markup=False,
                                 classes="digest-section" + ("" if items else " -empty"))
                    for item in items:
                        yield Static(f"{item.number}  {item.title} — {item.detail}", markup=False, classes="digest-item")
            yield Label(t("digest.hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
