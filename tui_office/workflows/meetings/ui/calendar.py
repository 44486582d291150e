"""Provides `MeetingCalendarScreen`: the meetings of one week (会议日程) as a grid of the seven
days, today marked, with the week's meetings listed below it to pick from.

`[`/`]` move a week back or on (`t` this week); on a selected meeting `enter` opens its page and
`S` signs in (签到); `a` opens the action-item tracker; `n` calls a new meeting.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.i18n import t
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.workflows.meetings.ui.acting import MeetingView

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_grid(meetings: list[Any], monday: date, today: date) -> Table:
    """Seven columns, one per day (today's heading marked and reversed), each listing the day's
    meetings as time and title; Rich measures Chinese by its cell width, so columns line up."""
    grid = Table(expand=True, show_lines=False, padding=(0, 1), border_style="dim")
    for offset, name in enumerate(WEEKDAYS):
        day = monday + timedelta(days=offset)
        heading = f"{t(f'meetings.weekday.{name}')} {day:%m-%d}"
        if day == today:
            grid.add_column(Text(f"> {heading}", style="bold reverse"), ratio=1, overflow="fold")
        else:
            grid.add_column(Text(heading, style="bold"), ratio=1, overflow="fold")
    cells = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        lines = [Text.assemble((f"{m.start:%H:%M} ", "bold"), m.title) for m in meetings if m.start.date() == day]
        cells.append(Text("\n").join(lines) if lines else Text("·", style="dim"))
    grid.add_row(*cells)
    return grid


class MeetingCalendarScreen(MeetingView, LocalisedBindings, Screen[None]):
    """The meetings I attend or may see, week by week."""

    DEFAULT_CSS = """
    MeetingCalendarScreen #meeting-week-title { padding: 0 1; text-style: bold; }
    MeetingCalendarScreen #meeting-week { height: auto; max-height: 50%; padding: 0 1; }
    MeetingCalendarScreen #meeting-list { height: 1fr; margin: 0 1; }
    MeetingCalendarScreen #meeting-list-empty { padding: 0 2; color: $text-muted; }
    """

    AUTO_FOCUS = "#meeting-list"

    BINDINGS = [
        Binding("left_square_bracket", "week(-1)", "meetings.key.prev_week", id="meetings_week.prev", key_display="["),
        Binding("right_square_bracket", "week(1)", "meetings.key.next_week", id="meetings_week.next", key_display="]"),
        Binding("t", "this_week", "meetings.key.this_week", id="meetings_week.today", show=False),
        Binding("enter", "open", "keys.open", id="meetings_week.open"),
        Binding("S", "sign_in", "meetings.key.sign_in_short", id="meetings_week.sign_in"),
        Binding("a", "tracker", "meetings.key.tracker", id="meetings_week.tracker"),
        Binding("n", "new", "meetings.key.new", id="meetings_week.new"),
        Binding("escape,q", "back", "meetings.key.back", id="meetings_week.back"),
    ]

    def __init__(self, day: date | None = None) -> None:
        super().__init__()
        self.monday = monday_of(day) if day else None
        """The Monday of the week shown (None: this week, once mounted)."""
        self.meetings: list[Any] = []
        """The week's `MeetingInfo`s, by start."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="meeting-week-title")
        yield Static("", id="meeting-week")
        yield DataTable(id="meeting-list", cursor_type="row", zebra_stripes=True)
        yield Static(t("meetings.week.none"), id="meeting-list-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("meetings.screen.calendar")
        if self.monday is None:
            self.monday = monday_of(self.app.office.clock.today())
        self._load()

    def read(self, office: Any, login: str) -> list:
        from tui_office.workflows.meetings import service

        return service.meetings(office, login, self.monday, self.monday + timedelta(days=6))

    def show(self, data: list) -> None:
        self.meetings = data
        today = self.app.office.clock.today()
        sunday = self.monday + timedelta(days=6)
        self.query_one("#meeting-week-title", Static).update(
            t("meetings.week.title", start=self.monday.isoformat(), end=sunday.isoformat()))
        self.query_one("#meeting-week", Static).update(week_grid(self.meetings, self.monday, today))
        table = self.query_one("#meeting-list", DataTable)
        table.clear(columns=True)
        table.add_columns(t("meetings.col.when"), t("meetings.col.meeting"), t("meetings.col.place"),
                          t("meetings.col.kind"), t("meetings.col.notice"))
        for m in self.meetings:
            table.add_row(f"{m.start:%m-%d %H:%M}–{m.end:%H:%M}", m.title, m.place, t(f"meetings.kind.{m.kind}"),
                          t(f"status.{m.status}"), key=m.number)
        table.display = bool(self.meetings)
        self.query_one("#meeting-list-empty", Static).display = not self.meetings
        if self.meetings:
            table.focus()

    def _selected(self) -> Any:
        table = self.query_one("#meeting-list", DataTable)
        if not self.meetings or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((m for m in self.meetings if m.number == key), None)

    def action_week(self, step: int) -> None:
        self.monday += timedelta(weeks=step)
        self._load()

    def action_this_week(self) -> None:
        self.monday = monday_of(self.app.office.clock.today())
        self._load()

    @on(DataTable.RowSelected, "#meeting-list")
    def _chosen(self, _: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        from tui_office.workflows.meetings.ui.page import MeetingScreen

        meeting = self._selected()
        if meeting is not None:
            self.app.push_screen(MeetingScreen(meeting.number), lambda _: self._load())

    def action_sign_in(self) -> None:
        from tui_office.workflows.meetings import service

        meeting = self._selected()
        if meeting is not None:
            self.run_use_case(service.sign_in, meeting.number)

    def action_tracker(self) -> None:
        from tui_office.workflows.meetings.ui.tracker import ActionTrackerScreen

        self.app.push_screen(ActionTrackerScreen())

    def action_new(self) -> None:
        self.app.new_document("meeting")

    def action_back(self) -> None:
        self.dismiss(None)
