"""Provides the meeting commands of the command palette: the week's meetings, the action-item
tracker, a new meeting notice."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from tui_office.i18n import t
from tui_office.ui.area_commands import AreaCommands


class MeetingCommands(AreaCommands):
    """Open the meeting screens from anywhere (ctrl+p)."""

    title_key = "meetings.title"

    def commands(self) -> list[tuple[str, Callable[[], object]]]:
        from tui_office.workflows.meetings.ui.calendar import MeetingCalendarScreen
        from tui_office.workflows.meetings.ui.tracker import ActionTrackerScreen

        app = self.app
        return [
            (t("meetings.screen.calendar"), lambda: app.push_screen(MeetingCalendarScreen())),
            (t("meetings.screen.tracker"), lambda: app.push_screen(ActionTrackerScreen())),
            (t("meetings.key.new"), partial(app.new_document, "meeting")),
        ]
