"""Provides the leave commands of the command palette: my leave, team calendar, HR's leave view,
the blackout periods, a new leave request.

HR's view is offered only to people with the hr, gm or admin role (the service refuses others).
"""

from __future__ import annotations

from functools import partial

from tui_office.i18n import t
from tui_office.ui.palette_list import ListedCommands

OVERSIGHT_ROLES = {"hr", "gm", "admin"}


class LeaveCommands(ListedCommands):
    """Open the leave screens from anywhere (ctrl+p)."""

    def _commands(self) -> list[tuple[str, object]]:
        from tui_office.workflows.leave.ui.blackouts import LeaveBlackoutsScreen
        from tui_office.workflows.leave.ui.calendar import LeaveCalendarScreen
        from tui_office.workflows.leave.ui.history import LeaveHistoryScreen
        from tui_office.workflows.leave.ui.hr import LeaveHrScreen

        app = self.app
        out: list[tuple[str, object]] = [
            (t("keys.leave_history"), lambda: app.push_screen(LeaveHistoryScreen())),
            (t("keys.leave_calendar"), lambda: app.push_screen(LeaveCalendarScreen())),
            (t("keys.leave_blackouts"), lambda: app.push_screen(LeaveBlackoutsScreen())),
        ]
        out.append((t("keys.leave_new"), partial(app.new_document, "leave")))
        if set(app.me.roles) & OVERSIGHT_ROLES:
            out.append((t("keys.leave_hr"), lambda: app.push_screen(LeaveHrScreen())))
        return out

    def group(self) -> str:
        return t("leave.title")
