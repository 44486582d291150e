"""Provides `PickManyDialog`: tick any of a list (a user's roles), saved through a service call
off the event loop. `space` ticks, `enter` or `ctrl+s` saves, `escape` cancels; a refusal shows
in the dialog and keeps the ticks."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, SelectionList

from tui_office.i18n import t
from tui_office.ui.widgets.tick_list import TickList
from tui_office.ui.dialogs.saving import SavingDialog


class PickManyDialog(SavingDialog):
    """Tick some of `options` ((value, label, ticked)); `save(ticked values)` answers or refuses."""

    DEFAULT_CSS = """
    PickManyDialog { align: center middle; }
    PickManyDialog SelectionList { height: auto; max-height: 20; border: none; }
    """

    BINDINGS = [Binding("enter,ctrl+s", "save", show=False, priority=True)]

    def __init__(self, title: str, options: list[tuple[str, str, bool]], save: Callable[[set[str]], str]) -> None:
        super().__init__()
        self.heading = title
        self.options = list(options)
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            yield TickList(*[(label, value, ticked) for value, label, ticked in self.options], id="pick-many")
            yield self.error_line()
            yield Label(t("admin.pick_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#pick-many", SelectionList).focus()

    def action_save(self) -> None:
        ticked = set(self.query_one("#pick-many", SelectionList).selected)
        self.save_with(lambda: self.save(ticked))
