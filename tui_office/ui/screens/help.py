"""Provides the help screen: every key of the screen below it, what it does, and its keymap id."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui_office.i18n import t
from tui_office.ui import keymap


def binding_rows(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, binding id) for every binding reachable on `screen`, keymap applied.

    Several keys of one binding id (`j` and `down`) share one row.
    """
    rows: dict[str, list] = {}
    order: list[str] = []
    app = screen.app
    for _namespace, bindings_map in screen._binding_chain:
        for key, group in bindings_map.key_to_bindings.items():
            for binding in group:
                if binding.system or not binding.description or not binding.id:
                    continue
                ident = binding.id
                if ident not in rows:
                    rows[ident] = [[], binding]
                    order.append(ident)
                shown = app.get_key_display(Binding(key, binding.action, key_display=binding.key_display if key == binding.key else None))
                if shown not in rows[ident][0]:
                    rows[ident][0].append(shown)
    registry_order = {ident: n for n, ident in enumerate(keymap.REGISTRY)}
    order.sort(key=lambda ident: registry_order.get(ident, len(registry_order)))
    out = []
    for ident in order:
        keys, binding = rows[ident]
        out.append((" ".join(keys), binding.description, binding.id or ""))
    return out


class HelpScreen(keymap.LocalisedBindings, ModalScreen[None]):
    """`?`: the keys of the screen underneath, in the user's language; any of escape/q/? closes."""

    BINDINGS = keymap.bindings("help.")

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self.target = target
        """The screen whose keys are listed."""

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False, header_style="bold")
        table.add_column(t("help.keys"), no_wrap=True, style="bold", min_width=10)
        table.add_column(t("help.action"), ratio=1)
        table.add_column(t("help.id"), no_wrap=True, style="dim")
        for keys, description, ident in binding_rows(self.target):
            table.add_row(Text(keys), Text(description), Text(ident))
        with VerticalScroll(id="help-body") as body:
            body.border_title = t("help.title")
            body.border_subtitle = t("help.footer")
            yield Static(table, id="help-table")
            yield Static(Text(t("help.notes")), id="help-notes")

    def action_close(self) -> None:
        self.dismiss(None)
