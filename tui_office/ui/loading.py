"""Provides `load_view`: what a screen's loading worker does — ask a service, make the answer safe
to draw (`inert`) and post it back as a message, or post why the service refused; and
`closed_on_refusal`: what the screen does with that refusal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from tui_office.domain.errors import OfficeError
from tui_office.ui.inert import inert


def load_view(target: MessagePump, message: Callable[..., Message], call: Callable[[], Any], empty: Any = None) -> None:
    """Post `message(inert(call()))` to `target`, or `message(empty, str(error))` when the service
    refuses (an `OfficeError`). Runs in the worker's thread."""
    try:
        view = call()
    except OfficeError as exc:
        target.post_message(message(empty, str(exc)))
        return
    target.post_message(message(inert(view)))


def closed_on_refusal(screen: Any, error: str) -> bool:
    """When `error` (a load's refusal) is set: tell it and close `screen`; True when it did."""
    if not error:
        return False
    screen.notify(error, severity="error", timeout=8, markup=False)
    screen.dismiss(None)
    return True
