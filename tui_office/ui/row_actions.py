"""Provides the inbox keys business areas add for rows of their forms (`Workflow.row_actions`):
their bindings (ids `inbox.<id>`, listed in `?`, moved with `[keymap]`) and running one on the
selected row in a worker, its message or refusal shown as a notification."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual import work
from textual.binding import Binding, BindingsMap

from tui_office import extensions
from tui_office.domain.errors import OfficeError
from tui_office.i18n import t


def bindings() -> BindingsMap:
    """The installed areas' row keys, descriptions in the current language (shown in `?`, not the footer)."""
    return area_bindings(extensions.row_actions().values(), "row_action", "inbox")


def area_bindings(actions: Iterable[Any], method: str, screen: str) -> BindingsMap:
    """Keys areas add to a screen: each action's `keys` call `<method>(id)`, binding id `<screen>.<id>`,
    described in the current language (shown in `?`, not the footer)."""
    return BindingsMap([Binding(a.keys, f"{method}({a.id!r})", t(a.label_key), show=False, id=f"{screen}.{a.id}")
                        for a in actions])


class RowActions:
    """Mixin for a screen with a `current` row (`number`, `form_id`) and `reload(keep=…)`."""

    def add_row_actions(self) -> None:
        """Call from `__init__`: add the areas' keys to the screen's own."""
        self._bindings = BindingsMap.merge([self._bindings, bindings()])  # type: ignore[has-type]

    def action_row_action(self, ident: str) -> None:
        action = extensions.row_actions().get(ident)
        row = self.current  # type: ignore[attr-defined]
        if action is None or row is None:
            return
        if row.form_id not in action.forms:
            self.notify(t("inbox.row_action_not_here", action=t(action.label_key)),  # type: ignore[attr-defined]
                        severity="warning", markup=False)
            return
        self._run_row_action(action.run, row.number)

    @work(thread=True, exit_on_error=False, group="row-action")
    def _run_row_action(self, path: str, number: str) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            text = extensions.load(path)(app.office, app.me.login, number)
        except OfficeError as exc:
            app.call_from_thread(self.notify, str(exc), severity="error", markup=False, timeout=8)  # type: ignore[attr-defined]
            return
        app.call_from_thread(self.notify, text, markup=False)  # type: ignore[attr-defined]
        app.call_from_thread(self.reload, number)  # type: ignore[attr-defined]
