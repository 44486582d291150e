"""Provides `MeetingScreen`: one meeting's page — the notice (time, place, chair, recorder,
agenda), attendance with sign-in times and statuses, materials, minutes and action items.

`S` signs in, `o` signs out early; the recorder (or chair) marks the selected attendee with `m`;
`x` asks the chair for leave of absence; `enter` opens the notice (where `s` starts the minutes).
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.domain.file_reference import human_size
from tui_office.i18n import t
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.workflows.meetings.ui.acting import MeetingView

STATUS_STYLE = {"present": "green", "late_absent": "bold red", "early_absent": "bold red", "absent": "bold red",
                "excused": "yellow", "expected": "dim"}


def _clock(value: Any) -> str:
    return value.strftime("%H:%M") if value else ""


def notice_table(page: Any) -> Table:
    """The notice as label: value lines, then the agenda."""
    m = page.meeting
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(t("meetings.col.meeting"), Text(f"{m.title}  [{m.number}]"))
    grid.add_row(t("meetings.col.kind"), f"{t(f'meetings.kind.{m.kind}')} · {t(f'status.{m.status}')}")
    grid.add_row(t("meetings.col.when"), f"{m.start:%Y-%m-%d %H:%M}–{m.end:%H:%M}")
    grid.add_row(t("meetings.col.place"), Text(m.place))
    grid.add_row(t("meetings.col.chair"), Text(page.names.get(m.chair, m.chair)))
    grid.add_row(t("meetings.col.recorder"), Text(page.names.get(m.recorder, m.recorder)))
    for index, row in enumerate(m.agenda, start=1):
        who = page.names.get(row.get("presenter") or "", row.get("presenter") or "")
        extra = ", ".join(x for x in (who, t("meetings.ui.minutes_allotted", minutes=row["minutes"]) if row.get("minutes") else "") if x)
        grid.add_row(t("meetings.col.agenda") if index == 1 else "",
                     Text(f"{index}. {row.get('topic', '')}" + (f" ({extra})" if extra else "")))
    for flag in page.flags:
        from tui_office.workflows.meetings.service import flag_text

        if flag_text(flag):
            grid.add_row("!", Text(flag_text(flag), style="bold"))
    return grid


def follow_up_table(page: Any) -> Table | Text:
    """Materials, minutes and action items, one line each."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for index, m in enumerate(page.materials):
        late = t("meetings.ui.material_late", reason=m.reason) if m.late else ""
        grid.add_row(t("meetings.col.materials") if index == 0 else "",
                     Text(f"{m.path}  {human_size(m.size)}  {m.sha256[:12]}  {late}".rstrip()))
    if not page.materials:
        grid.add_row(t("meetings.col.materials"), Text(t("meetings.ui.none"), style="dim"))
    for index, (number, status) in enumerate(page.minutes):
        grid.add_row(t("meetings.col.minutes") if index == 0 else "", f"{number}  {t(f'status.{status}')}")
    if not page.minutes:
        grid.add_row(t("meetings.col.minutes"), Text(t("meetings.ui.none"), style="dim"))
    for index, item in enumerate(page.action_items):
        style = {"overdue": "bold red", "done": "green"}.get(item.status, "")
        grid.add_row(t("meetings.col.actions") if index == 0 else "",
                     Text.assemble((f"{t(f'meetings.item.{item.status}')}", style),
                                   f"  {item.due.isoformat() if item.due else ''}  {item.owner_name}  {item.text}"))
    return grid


class MeetingScreen(MeetingView, LocalisedBindings, Screen[None]):
    """One meeting: notice, attendance, materials, minutes and action items."""

    DEFAULT_CSS = """
    MeetingScreen #meeting-page { height: 1fr; }
    MeetingScreen .meeting-section { padding: 0 1; text-style: bold; margin-top: 1; }
    MeetingScreen #meeting-notice, MeetingScreen #meeting-follow-up { padding: 0 2; height: auto; }
    MeetingScreen #meeting-attendance { height: auto; max-height: 14; margin: 0 1; }
    """

    AUTO_FOCUS = "#meeting-attendance"

    BINDINGS = [
        Binding("S", "sign_in", "meetings.key.sign_in_short", id="meeting_page.sign_in"),
        Binding("o", "sign_out", "meetings.key.sign_out", id="meeting_page.sign_out"),
        Binding("m", "mark", "meetings.key.mark", id="meeting_page.mark"),
        Binding("x", "absence", "meetings.key.absence", id="meeting_page.absence"),
        Binding("enter", "open", "meetings.key.open_notice", id="meeting_page.open"),
        Binding("escape,q", "back", "meetings.key.back", id="meeting_page.back"),
    ]

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number
        self.page: Any = None
        """The `MeetingPage` shown (None until loaded)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="meeting-page"):
            yield Static("", id="meeting-notice")
            yield Static(t("meetings.section.attendance"), classes="meeting-section")
            yield DataTable(id="meeting-attendance", cursor_type="row", zebra_stripes=True)
            yield Static(t("meetings.section.follow_up"), classes="meeting-section")
            yield Static("", id="meeting-follow-up")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("meetings.screen.page", number=self.number)
        self._load()

    def read(self, office: Any, login: str) -> Any:
        from tui_office.workflows.meetings import service

        return service.page(office, login, self.number)

    def show(self, data: Any) -> None:
        self.page = data
        self.query_one("#meeting-notice", Static).update(notice_table(self.page))
        self.query_one("#meeting-follow-up", Static).update(follow_up_table(self.page))
        table = self.query_one("#meeting-attendance", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        table.add_columns(t("meetings.col.person"), t("meetings.col.status"), t("meetings.col.signed_in"),
                          t("meetings.col.signed_out"), t("meetings.col.reason"))
        for row in self.page.attendance:
            table.add_row(row.name, Text(row.label, style=STATUS_STYLE.get(row.status, "")), _clock(row.signed_in_at),
                          _clock(row.signed_out_at), row.reason or row.excused_by, key=row.login)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
            table.focus()
        self.refresh_bindings()

    def _recorder(self) -> bool:
        me = self.app.me.login
        return self.page is not None and me in (self.page.meeting.recorder, self.page.meeting.chair)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark":
            return True if self._recorder() else None
        return True

    def _selected_login(self) -> str | None:
        table = self.query_one("#meeting-attendance", DataTable)
        if self.page is None or table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_sign_in(self) -> None:
        from tui_office.workflows.meetings import service

        self.run_use_case(service.sign_in, self.number)

    def action_sign_out(self) -> None:
        from tui_office.workflows.meetings import service

        self.run_use_case(service.sign_out, self.number)

    def action_mark(self) -> None:
        from tui_office.ui.dialogs.choice import ChoiceDialog
        from tui_office.workflows.meetings import rules

        login = self._selected_login()
        if login is None or not self._recorder():
            return
        name = next((r.name for r in self.page.attendance if r.login == login), login)
        choices = [(mark, t(f"meetings.status.{mark}")) for mark in rules.MARKS]
        self.app.push_screen(ChoiceDialog(t("meetings.ui.mark_title"), name, choices),
                             lambda mark: mark and self._mark(login, mark))

    def _mark(self, login: str, mark: str) -> None:
        from tui_office.ui.dialogs.opinion import OpinionDialog
        from tui_office.workflows.meetings import rules, service

        if mark == rules.PRESENT:
            self.run_use_case(service.mark, self.number, login, mark, "")
            return
        self.app.push_screen(OpinionDialog("note", self.number, required=True, heading=t("meetings.ui.mark_title"),
                                           prompt=t("meetings.ui.mark_reason")),
                             lambda reason: reason and self.run_use_case(service.mark, self.number, login, mark, reason))

    def action_absence(self) -> None:
        from tui_office.ui.dialogs.opinion import OpinionDialog

        self.app.push_screen(OpinionDialog("note", self.number, required=True, heading=t("meetings.ui.absence_heading", number=self.number),
                                           prompt=t("meetings.ui.absence_title")),
                             lambda reason: reason and self.run_use_case(_ask_absence, self.number, reason))

    @on(DataTable.RowSelected, "#meeting-attendance")
    def _chosen(self, _: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.app.open_document(self.number)

    def action_back(self) -> None:
        self.dismiss(None)


def _ask_absence(office: Any, me: str, number: str, reason: str) -> str:
    from tui_office.workflows.meetings import service

    return t("meetings.ui.absence_sent", number=service.request_absence(office, me, number, reason), meeting=number)
