"""Provides `MeetingView`: how the meeting screens read their data and run a use case off the
event loop (sign in, mark, close an item …), showing its message or refusal, then reading again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work

from tui_office.domain.errors import OfficeError
from tui_office.ui.inert import inert


class MeetingView:
    """Mixin for a screen: `read(office, login)` gets its data (in a worker thread), `show(data)`
    draws it; `_load()` does both."""

    def read(self, office: Any, login: str) -> Any:
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    @work(thread=True, exit_on_error=False, group="meeting-load", exclusive=True)
    def _load(self) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            data = self.read(app.office, app.me.login)
        except OfficeError as exc:
            app.call_from_thread(self.notify, str(exc), severity="error", timeout=8, markup=False)  # type: ignore[attr-defined]
            return
        app.call_from_thread(self.show, inert(data))

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
        app.call_from_thread(self._load)
