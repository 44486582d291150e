"""Provides `PickManyDialog`: tick any of a list (a user's roles), saved through a service call
off the event loop. `space` ticks, `enter` or `ctrl+s` saves, `escape` cancels; a refusal shows
in the dialog and keeps the ticks."""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t


class PickManyDialog(ModalScreen[str | None]):
    """Tick some of `options` ((value, label, ticked)); `save(ticked values)` answers or refuses."""

    DEFAULT_CSS = """
    PickManyDialog { align: center middle; }
    PickManyDialog SelectionList { height: auto; max-height: 20; border: none; }
    """

    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("enter,ctrl+s", "save", show=False, priority=True),
    ]

    def __init__(self, title: str, options: list[tuple[str, str, bool]], save: Callable[[set[str]], str]) -> None:
        super().__init__()
        self.heading = title
        self.options = list(options)
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield SelectionList[str](*[(label, value, ticked) for value, label, ticked in self.options], id="pick-many")
            yield Static("", id="pick-many-error", classes="dialog-error", markup=False)
            yield Label(t("admin.pick_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#pick-many", SelectionList).focus()

    def action_save(self) -> None:
        self._save(set(self.query_one("#pick-many", SelectionList).selected))

    @work(thread=True, exit_on_error=False, group="pick-many", exclusive=True)
    def _save(self, ticked: set[str]) -> None:
        try:
            text = self.save(ticked)
        except OfficeError as error:
            self.app.call_from_thread(self.query_one("#pick-many-error", Static).update, str(error))
            return
        self.app.call_from_thread(self.dismiss, text)

    def action_cancel(self) -> None:
        self.dismiss(None)
