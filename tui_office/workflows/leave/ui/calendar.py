"""Provides `LeaveCalendarScreen`: a manager's team calendar (部门请假日历) for one month.

One row per member of the department, one column per day: a mark for the leave type (P personal,
S sick … in English; 事, 病 … in Chinese), `½` for a half day, `?` after the mark while the
leave is still waiting for approval, `·` on weekends and holidays (also inside a leave). Names are
the people's own (王芳), as everywhere else. Keys move a month back or on.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.workflows.leave.rules import day_mark as cell_mark
from tui_office.ui.widgets.footer import KeyFooter

NAME_WIDTH = 16
DAY_WIDTH = 3
TOTAL_WIDTH = 6


class LeaveCalendarScreen(LocalisedBindings, Screen[None]):
    """The team calendar: who is out which day of a month, by type."""

    DEFAULT_CSS = """
    LeaveCalendarScreen #leave-cal-title { padding: 0 1; text-style: bold; }
    LeaveCalendarScreen #leave-cal-scroll { overflow-x: auto; }
    LeaveCalendarScreen #leave-cal-grid { height: auto; width: auto; padding: 0 1; }
    LeaveCalendarScreen #leave-cal-grid > Static { height: 1; content-align: right middle; }
    LeaveCalendarScreen #leave-cal-grid > .name { content-align: left middle; }
    LeaveCalendarScreen #leave-cal-grid > .head { text-style: bold; }
    LeaveCalendarScreen #leave-cal-grid > .-off { color: $text-muted; }
    LeaveCalendarScreen #leave-cal-grid > .-leave { text-style: bold; }
    LeaveCalendarScreen #leave-cal-grid > .-type-personal { color: $warning; }
    LeaveCalendarScreen #leave-cal-grid > .-type-sick { color: $error; }
    LeaveCalendarScreen #leave-cal-grid > .-type-annual { color: $success; }
    LeaveCalendarScreen #leave-cal-grid > .-type-compensatory { color: $primary; }
    LeaveCalendarScreen #leave-cal-grid > .-type-marriage,
    LeaveCalendarScreen #leave-cal-grid > .-type-maternity,
    LeaveCalendarScreen #leave-cal-grid > .-type-bereavement { color: $accent; }
    LeaveCalendarScreen #leave-cal-grid > .-pending { text-style: italic; }
    LeaveCalendarScreen #leave-cal-legend, LeaveCalendarScreen #leave-cal-help { padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("left,p", "month(-1)", "keys.leave_prev_month", id="leave_calendar.prev"),
        Binding("right,n", "month(1)", "keys.leave_next_month", id="leave_calendar.next"),
        Binding("t", "this_month", "keys.leave_this_month", id="leave_calendar.today"),
        Binding("d", "department", "keys.leave_department", id="leave_calendar.department"),
        Binding("escape,q", "back", "keys.leave_back", id="leave_calendar.back"),
    ]

    class Loaded(Message):
        """The worker read the month grid (or the reason it could not)."""

        def __init__(self, grid: Any, error: str = "") -> None:
            self.grid, self.error = grid, error
            super().__init__()

    def __init__(self, year: int | None = None, month: int | None = None, department: str | None = None) -> None:
        super().__init__(classes="leave-calendar-screen")
        self.year = year
        """The month shown (None until the clock is read: this month)."""
        self.month = month
        self.department = department
        """A department code; None: the one I manage, else my own."""
        self.grid: Any = None
        """The `TeamCalendar` shown."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="leave-cal-title")
        with VerticalScroll(id="leave-cal-scroll"):  # scrolls sideways too: a month is wider than 80 columns
            yield Grid(id="leave-cal-grid")
        yield Static(t("leave.calendar.legend"), id="leave-cal-legend")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("leave.title")
        if self.year is None or self.month is None:
            today = self.app.office.clock.today()
            self.year, self.month = today.year, today.month
        self._load()

    @work(thread=True, exit_on_error=False, group="leave-calendar", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.leave import service as leave

        try:
            grid = leave.team_calendar(self.app.office, self.app.me.login, self.year, self.month, self.department)
        except OfficeError as exc:
            self.post_message(self.Loaded(None, str(exc)))
            return
        self.post_message(self.Loaded(inert(grid)))

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            if self.grid is None:
                self.dismiss(None)
            return
        self.grid = grid = message.grid
        title = Text(t("leave.calendar.title", department=grid.department, month=f"{grid.year}-{grid.month:02d}"))
        if grid.notice:
            title.append("\n" + grid.notice)
        self.query_one("#leave-cal-title", Static).update(title)
        box = self.query_one("#leave-cal-grid", Grid)
        await box.remove_children()
        box.styles.grid_size_columns = len(grid.dates) + 2
        box.styles.grid_columns = " ".join([str(NAME_WIDTH)] + [str(DAY_WIDTH)] * len(grid.dates) + [str(TOTAL_WIDTH)])
        cells: list[Static] = [Static(t("leave.calendar.person"), classes="name head")]
        for day, working in zip(grid.dates, grid.working):
            cells.append(Static(str(day.day), classes="head" + ("" if working else " -off")))
        cells.append(Static(t("leave.calendar.total"), classes="head"))
        if not grid.rows:
            cells.append(Static(t("leave.calendar.nobody"), classes="name"))
        for row in grid.rows:
            cells.append(Static(row.name, classes="name"))
            for cell, working in zip(row.cells, grid.working):
                classes = []
                if cell is None:
                    classes.append("" if working else "-off")
                else:
                    classes += ["-leave", f"-type-{cell.leave_type}"] + (["-pending"] if cell.pending else [])
                cells.append(Static(cell_mark(cell, working), classes=" ".join(c for c in classes if c)))
            from tui_office.workflows.leave.rules import _text

            cells.append(Static(_text(row.days) if row.days else ""))
        await box.mount_all(cells)

    def action_month(self, step: int) -> None:
        index = self.year * 12 + (self.month - 1) + step
        self.year, self.month = index // 12, index % 12 + 1
        self._load()

    def action_this_month(self) -> None:
        today = self.app.office.clock.today()
        self.year, self.month = today.year, today.month
        self._load()

    def action_department(self) -> None:
        """`d`: show another department (one I may see: mine, those I manage, any for HR)."""
        self._pick_department()

    @work(thread=True, exit_on_error=False, group="leave-calendar-departments")
    def _pick_department(self) -> None:
        from tui_office.workflows.leave import service as leave

        try:
            departments = leave.calendar_departments(self.app.office, self.app.me.login)
        except OfficeError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=8)
            return
        self.app.call_from_thread(self._open_department_picker, departments)

    def _open_department_picker(self, departments: list[tuple[str, str]]) -> None:
        from tui_office.ui.dialogs.form_picker import ListPicker

        def answered(code: str | None) -> None:
            if code:
                self.department = code
                self._load()

        choices = [(code, f"{name}  ({code})") for code, name in departments]
        self.app.push_screen(ListPicker(t("leave.calendar.departments"), t("forms.views_hint"), choices), answered)

    def action_back(self) -> None:
        self.dismiss(None)
