"""Provides `ActionTrackerScreen`: the action items of issued minutes (决议事项跟踪) — open,
overdue and done — grouped by meeting or by owner, filtered by what is typed after `/`.

`g` switches the grouping, `f` shows open / overdue / done / all; on my own open item `d` marks it
done with a note and `p` reports progress; the recorder (or chair) reassigns an item with `r` and
moves its due date with `e`, each with a reason; `enter` opens the minutes.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.workflows.meetings.ui.acting import MeetingView

SHOWN = ("open", "overdue", "done", "all")
"""What `f` cycles through; "open" shows overdue items too."""
GROUPS = ("meeting", "owner")
STYLE = {"overdue": "bold red", "done": "green", "open": ""}


def visible(items: list[Any], shown: str, text: str, group: str) -> list[Any]:
    """The items `shown` (open: open and overdue) whose words contain `text`, ordered by `group`."""
    wanted = {"open": {"open", "overdue"}, "overdue": {"overdue"}, "done": {"done"}}.get(shown)
    needle = text.strip().casefold()
    out = [i for i in items if (wanted is None or i.status in wanted)
           and (not needle or needle in " ".join((i.text, i.owner, i.owner_name, i.meeting_title, i.minutes,
                                                 i.meeting)).casefold())]
    if group == "owner":
        return sorted(out, key=lambda i: (i.owner_name, i.due or i.minutes, i.minutes, i.row))
    return sorted(out, key=lambda i: (i.meeting, i.minutes, i.row))


class ActionTrackerScreen(MeetingView, LocalisedBindings, Screen[None]):
    """Every action item I may see, with its status."""

    DEFAULT_CSS = """
    ActionTrackerScreen #tracker-title { padding: 0 1; text-style: bold; }
    ActionTrackerScreen #tracker-filter { margin: 0 1; }
    ActionTrackerScreen #tracker { height: 1fr; margin: 0 1; }
    ActionTrackerScreen #tracker-empty { padding: 0 2; color: $text-muted; }
    """

    AUTO_FOCUS = "#tracker"

    BINDINGS = [
        Binding("slash", "filter", "meetings.key.filter", id="meeting_tracker.filter", key_display="/"),
        Binding("g", "group", "meetings.key.group", id="meeting_tracker.group"),
        Binding("f", "shown", "meetings.key.shown", id="meeting_tracker.shown"),
        Binding("d", "done", "meetings.key.done", id="meeting_tracker.done"),
        Binding("p", "progress", "meetings.key.progress", id="meeting_tracker.progress", show=False),
        Binding("r", "reassign", "meetings.key.reassign", id="meeting_tracker.reassign", show=False),
        Binding("e", "extend", "meetings.key.extend", id="meeting_tracker.extend", show=False),
        Binding("enter", "open", "meetings.key.open_minutes", id="meeting_tracker.open"),
        Binding("escape,q", "back", "meetings.key.back", id="meeting_tracker.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Any] = []
        """Every `ActionItem` I may see."""
        self.shown = "open"
        self.group = "meeting"
        self.text = ""
        """What was typed after `/`."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="tracker-title")
        box = Input(placeholder=t("meetings.tracker.filter"), id="tracker-filter")
        box.display = False
        yield box
        yield DataTable(id="tracker", cursor_type="row", zebra_stripes=True)
        yield Static(t("meetings.tracker.none"), id="tracker-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("meetings.screen.tracker")
        self._load()

    def read(self, office: Any, login: str) -> list:
        from tui_office.workflows.meetings import service

        return service.action_items(office, login)

    def show(self, data: list) -> None:
        self.items = data
        self._draw()

    def _draw(self) -> None:
        rows = visible(self.items, self.shown, self.text, self.group)
        counts = {s: sum(1 for i in self.items if i.status == s) for s in ("open", "overdue", "done")}
        self.query_one("#tracker-title", Static).update(t(
            "meetings.tracker.title", shown=t(f"meetings.shown.{self.shown}"), group=t(f"meetings.group.{self.group}"),
            **counts))
        table = self.query_one("#tracker", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        first = (t("meetings.col.meeting"), t("meetings.col.owner"))
        if self.group == "owner":
            first = first[::-1]
        table.add_columns(*first, t("meetings.col.due"), t("meetings.col.status"), t("meetings.col.resolution"),
                          t("meetings.col.minutes"))
        previous = None
        for item in rows:
            head = (f"{item.meeting} {item.meeting_title}", item.owner_name)
            if self.group == "owner":
                head = head[::-1]
            lead = head[0] if head[0] != previous else ""
            previous = head[0]
            table.add_row(lead, head[1], item.due.isoformat() if item.due else "",
                          Text(t(f"meetings.item.{item.status}"), style=STYLE.get(item.status, "")),
                          item.text, f"{item.minutes} #{item.row}", key=f"{item.minutes}|{item.key}")
        table.display = bool(rows)
        self.query_one("#tracker-empty", Static).display = not rows
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
            if not self.query_one("#tracker-filter", Input).has_focus:
                table.focus()

    def _selected(self) -> Any:
        table = self.query_one("#tracker", DataTable)
        if table.row_count == 0 or not table.display:
            return None
        minutes, _, key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value).partition("|")
        return next((i for i in self.items if i.minutes == minutes and i.key == key), None)

    def action_filter(self) -> None:
        box = self.query_one("#tracker-filter", Input)
        box.display = True
        box.focus()

    @on(Input.Changed, "#tracker-filter")
    def _typed(self, event: Input.Changed) -> None:
        self.text = event.value
        self._draw()

    @on(Input.Submitted, "#tracker-filter")
    def _filtered(self, event: Input.Submitted) -> None:
        if not event.value:
            event.input.display = False
        self.query_one("#tracker", DataTable).focus()

    def action_group(self) -> None:
        self.group = GROUPS[(GROUPS.index(self.group) + 1) % len(GROUPS)]
        self._draw()

    def action_shown(self) -> None:
        self.shown = SHOWN[(SHOWN.index(self.shown) + 1) % len(SHOWN)]
        self._draw()

    def action_done(self) -> None:
        from tui_office.services import followups
        from tui_office.ui.dialogs.opinion import OpinionDialog

        item = self._selected()
        if item is None:
            return
        self.app.push_screen(
            OpinionDialog("note", item.minutes, item.text, heading=t("meetings.ui.done_heading", key=item.key),
                          prompt=t("meetings.ui.done_title")),
            lambda note: note is not None and self.run_use_case(followups.complete, item.minutes, item.key, note))

    def action_progress(self) -> None:
        from tui_office.ui.dialogs.opinion import OpinionDialog
        from tui_office.workflows.meetings import service

        item = self._selected()
        if item is None:
            return
        self.app.push_screen(
            OpinionDialog("note", item.minutes, item.text, required=True,
                          heading=t("meetings.ui.progress_title", key=item.key), prompt=t("meetings.ui.progress_prompt")),
            lambda note: note and self.run_use_case(service.report_progress, item.minutes, item.key, note))

    @on(DataTable.RowSelected, "#tracker")
    def _chosen(self, _: DataTable.RowSelected) -> None:
        self.action_open()

    def action_reassign(self) -> None:
        item = self._selected()
        if item is not None:
            self._pick_owner(item)

    @work(thread=True, exit_on_error=False, group="meeting-tracker-people")
    def _pick_owner(self, item: Any) -> None:
        from tui_office.services.directory import list_users

        users = [u for u in list_users(self.app.office) if u.login != item.owner]
        self.app.call_from_thread(self._open_picker, item, users)

    def _open_picker(self, item: Any, users: list) -> None:
        from tui_office.ui.dialogs.user_picker import UserPicker

        self.app.push_screen(UserPicker(users, t("meetings.ui.reassign_title", key=item.key), item.text),
                             lambda login: login and self._reason_then(
                                 item, "meetings.ui.reassign_title", _reassign, login))

    def action_extend(self) -> None:
        from tui_office.ui.dialogs.opinion import OpinionDialog

        item = self._selected()
        if item is None:
            return
        self.app.push_screen(
            OpinionDialog("note", item.minutes, item.text, required=True, heading=t("meetings.ui.extend_title", key=item.key),
                          prompt=t("meetings.ui.extend_prompt")),
            lambda day: day and self._reason_then(item, "meetings.ui.extend_title", _extend, day))

    def _reason_then(self, item: Any, heading: str, use_case: Any, value: str) -> None:
        from tui_office.ui.dialogs.opinion import OpinionDialog

        self.app.push_screen(
            OpinionDialog("note", item.minutes, item.text, required=True, heading=t(heading, key=item.key),
                          prompt=t("meetings.ui.change_reason")),
            lambda reason: reason and self.run_use_case(use_case, item.minutes, item.key, value, reason))

    def action_open(self) -> None:
        item = self._selected()
        if item is not None:
            self.app.open_document(item.minutes)

    def action_back(self) -> None:
        box = self.query_one("#tracker-filter", Input)
        if box.has_focus:
            box.value = ""
            box.display = False
            self.query_one("#tracker", DataTable).focus()
            return
        self.dismiss(None)


def _reassign(office: Any, me: str, minutes: str, key: str, login: str, reason: str) -> str:
    from tui_office.workflows.meetings import service

    return service.reassign_item(office, me, minutes, key, login, reason)


def _extend(office: Any, me: str, minutes: str, key: str, day: str, reason: str) -> str:
    from datetime import date

    from tui_office.workflows.meetings import service

    try:
        due = date.fromisoformat(day.strip())
    except ValueError:
        raise OfficeError("meeting_item_bad_date", value=day[:40]) from None
    return service.extend_item(office, me, minutes, key, due, reason)
