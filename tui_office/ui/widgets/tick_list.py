"""Provides `TickList`: a selection list (tick any of a list) whose `space` ticks the line that was
highlighted when it was pressed.

The stock `SelectionList` ticks the line highlighted when its message is handled, so `down space
down space` typed in one burst (a fast typist, a slow SSH link) moved twice and then ticked the
second line twice — nothing changed. Here the message carries the line and that line is ticked.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList, SelectionList


class TickList(SelectionList[Any]):
    """A `SelectionList` that ticks the line each key or click was meant for."""

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        event.prevent_default()  # not the stock handler too: it would tick the highlighted line again
        self.toggle(self.get_option_at_index(event.option_index))
