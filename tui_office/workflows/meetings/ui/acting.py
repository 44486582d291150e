"""Provides `RunsUseCases`: the meeting screens' way of running one use case off the event loop
(sign in, mark, close an item …) and showing its message or refusal, then reloading."""

from __future__ import annotations

from collections.abc import Callable

from textual import work

from tui_office.domain.errors import OfficeError


class RunsUseCases:
    """Mixin for a screen with a `_load()` that reads its data again."""

    @work(thread=True, exit_on_error=False, group="meeting-use-case")
    def run_use_case(self, use_case: Callable[..., str], *args: object) -> None:
        """`use_case(office, my login, *args) -> message`, in a worker thread."""
        app = self.app  # type: ignore[attr-defined]
        try:
            text = use_case(app.office, app.me.login, *args)
        except OfficeError as exc:
            app.call_from_thread(self.notify, str(exc), severity="error", timeout=8, markup=False)  # type: ignore[attr-defined]
            return
        app.call_from_thread(self.notify, text, timeout=6, markup=False)  # type: ignore[attr-defined]
        app.call_from_thread(self._load)  # type: ignore[attr-defined]
