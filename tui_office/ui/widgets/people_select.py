"""Provides `PeopleSelect`: a user field that finds people the way every picker does.

It looks like a drop-down, but opening it (`enter`, `space`, a click) or typing a letter on it opens
the user picker (`UserPicker`), which finds people by name, login, department or pinyin: `wf`,
`wangfang` and `王芳` all find 王芳. The letter typed starts the search.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.widgets import Select
from textual.widgets._select import SelectCurrent


class PeopleSelect(Select[str]):
    """A user field's editor: the chosen person shown, the user picker to choose."""

    def __init__(self, options: list[tuple[str, str]], people: list[Any], heading: str, **kwargs: Any) -> None:
        super().__init__(options, **kwargs)
        self.people = people
        """Everyone who may be chosen (`UserInfo`)."""
        self.heading = heading
        """The picker's heading (the field's label)."""
        self._picker: Any = None
        """The picker this field opened, until it answers: keys typed meanwhile go into its search."""

    def open_picker(self, query: str = "") -> None:
        from tui_office.ui.dialogs.user_picker import UserPicker

        if self._picker is not None:  # keys typed quickly, before the picker took focus: one picker
            self._picker.type_ahead(query)
            return

        def picked(login: str | None) -> None:
            self._picker = None
            if login:
                self.value = login
            self.focus()

        self._picker = UserPicker(self.people, self.heading, query=query)
        self.app.push_screen(self._picker, picked)

    def action_show_overlay(self) -> None:
        self.open_picker()

    @on(SelectCurrent.Toggle)
    def _select_current_toggle(self, event: SelectCurrent.Toggle) -> None:
        event.stop()
        self.open_picker()

    async def _on_key(self, event: events.Key) -> None:
        if event.character is not None and event.is_printable and not event.character.isspace():
            event.stop()
            event.prevent_default()
            self.open_picker(event.character)
