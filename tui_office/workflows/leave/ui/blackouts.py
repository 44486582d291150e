"""Provides `LeaveBlackoutsScreen`: the blackout periods of leave (请假管控期) — the key
events during which leave is refused or goes to the general manager.

One row per period: the event, its first and last day, what happens to leave then and the
departments it concerns (or everyone); the ones not over yet, `p` shows the past ones too. HR and
administrators declare a period with `a` (a dialog), correct the highlighted one with `e` (the same
dialog, filled; not once it is over) and remove it with `x` after a yes, through the same services
as `tui-office leave blackout …` (audited); for anyone else those keys are dimmed and pressing one
says why.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.loading import closed_on_refusal, load_view
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.ui.widgets.tables import fill_table

NARROWEST = 80
"""The terminal width the columns are sized for; a wider one gives its extra to the event and departments."""
NAME_CELLS, DEPARTMENT_CELLS = 20, 14
"""At most that many cells of the event and the departments at 80 columns (the rest: the line under the list)."""
TABLE_LINES = 14
"""Most lines the list takes (it scrolls beyond), its heading row included."""
CHANGES = ("declare", "edit", "remove")
"""Actions only HR and administrators may take: dimmed for others, and a press says why."""


class LeaveBlackoutsScreen(LocalisedBindings, Screen[None]):
    """The blackout periods; HR and administrators declare, correct and remove them."""

    DEFAULT_CSS = """
    LeaveBlackoutsScreen #leave-blackouts-heading { padding: 0 1; text-style: bold; margin-top: 1; }
    LeaveBlackoutsScreen #leave-blackouts { height: auto; margin: 0 1; }
    LeaveBlackoutsScreen #leave-blackouts-empty { padding: 0 2; color: $text-muted; }
    LeaveBlackoutsScreen #leave-blackouts-detail { padding: 0 1; margin: 1 1 0 1; height: auto;
        border: round $foreground 30%; }
    """

    BINDINGS = [
        Binding("a", "declare", "keys.leave_blackout_declare", id="leave_blackouts.declare"),
        Binding("e", "edit", "keys.leave_blackout_edit", id="leave_blackouts.edit"),
        Binding("x,delete", "remove", "keys.leave_blackout_remove", id="leave_blackouts.remove"),
        Binding("p", "past", "keys.leave_blackout_past", id="leave_blackouts.past"),
        Binding("R", "reload", "keys.refresh", id="leave_blackouts.refresh", show=False),
        Binding("escape,q", "back", "keys.leave_back", id="leave_blackouts.back"),
    ]

    class Loaded(Message):
        def __init__(self, board: Any, error: str = "") -> None:
            self.board, self.error = board, error
            super().__init__()

    class Changed(Message):
        """A declaration, correction or removal went through (`text`: its message) or was refused (`error`)."""

        def __init__(self, text: str, error: bool = False) -> None:
            self.text, self.error = text, error
            super().__init__()

    board: reactive[Any] = reactive(None, repaint=False, bindings=True)
    """The `BlackoutBoard` shown (None until it has loaded): whether the reader may change the
    periods, and whether one is highlighted (not over, to correct it), decide which keys are live."""

    def __init__(self) -> None:
        super().__init__(classes="leave-blackouts-screen")
        self.include_past = False
        """Whether past periods are listed too (`p`)."""
        self.declared: int | None = None
        """The id of the period just declared or corrected: highlighted when the list comes back."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="leave-blackouts-heading", markup=False)
        yield DataTable(id="leave-blackouts", cursor_type="row", zebra_stripes=True)
        yield Static("", id="leave-blackouts-empty", markup=False)
        yield Static("", id="leave-blackouts-detail", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("leave.blackouts.title")
        self.query_one("#leave-blackouts-empty").display = False
        self.query_one("#leave-blackouts-detail").display = False
        self._load()

    # ---- loading ----------------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="leave-blackouts", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.leave import blackouts

        past = self.include_past
        load_view(self, self.Loaded, lambda: blackouts.board(self.app.office, self.app.me.login, include_past=past))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if closed_on_refusal(self, message.error):
            return
        keep = self.highlighted
        self.board = message.board
        if self.declared is not None:
            keep = next((p for p in self.board.periods if p.id == self.declared), keep)
            self.declared = None
        self._draw(keep)
        if self.board.periods:
            self.query_one("#leave-blackouts", DataTable).focus()

    def on_resize(self) -> None:
        if self.board is not None:
            self._draw(self.highlighted)

    def _draw(self, keep: Any = None) -> None:
        """The rows, the event and departments cut to what the terminal's width leaves them (the
        highlighted period is shown in full under the list); `keep` stays highlighted."""
        table = self.query_one("#leave-blackouts", DataTable)
        board = self.board
        today = self.app.office.clock.today()
        spare = max(0, self.size.width - NARROWEST)
        widths = (NAME_CELLS + spare // 2, DEPARTMENT_CELLS + spare - spare // 2)
        rows = []
        for period in board.periods:
            style = "dim" if period.end < today else ""
            cells = [Text(printable(period.name), style=style), Text(period.start.isoformat(), style=style),
                     Text(period.end.isoformat(), style=style),
                     Text(t(f"leave.blackouts.mode_short.{period.mode}"), style=style),
                     Text(self._departments(period), style=style)]
            cells[0].truncate(widths[0], overflow="ellipsis")
            cells[4].truncate(widths[1], overflow="ellipsis")
            rows.append(cells)
        fill_table(table, [t(f"leave.blackout.{k}") for k in ("name", "start", "end", "mode", "departments")], rows,
                   [str(period.id) for period in board.periods])
        # as many lines as rows (and a scroll bar's below 80 columns), set rather than left to the
        # table, which may keep the height it had before its rows came
        bar = 1 if self.size.width < NARROWEST else 0
        table.styles.height = min(len(rows) + 1, TABLE_LINES) + bar
        count = len(board.periods)
        self.query_one("#leave-blackouts-heading", Static).update(
            t("leave.blackouts.all" if self.include_past else "leave.blackouts.current", count=count))
        table.display = bool(count)
        empty = self.query_one("#leave-blackouts-empty", Static)
        empty.display = not count
        empty.update(t("leave.blackout.none") if self.include_past else
                     t("leave.blackouts.none_current", key=keymap.key_of(self, "past")))
        if keep is not None and str(keep.id) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep.id)))
        self._show_detail()

    def _departments(self, period: Any) -> str:
        if not period.departments:
            return t("leave.blackout.everyone")
        return t("leave.list_separator").join(printable(self.board.department_name(c)) for c in period.departments)

    @property
    def highlighted(self) -> Any:
        """The period under the cursor (None: none listed)."""
        if self.board is None or not self.board.periods:
            return None
        table = self.query_one("#leave-blackouts", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((p for p in self.board.periods if str(p.id) == key), None)

    @on(DataTable.RowHighlighted, "#leave-blackouts")
    def _show_detail(self) -> None:
        """The highlighted period in full under the list (the list may cut a long name short)."""
        period = self.highlighted
        detail = self.query_one("#leave-blackouts-detail", Static)
        detail.display = period is not None
        if period is not None:
            detail.update(t("leave.blackouts.detail", name=printable(period.name), start=period.start.isoformat(),
                            end=period.end.isoformat(), mode=t(f"leave.blackout.choice.{period.mode}"),
                            departments=self._departments(period)))

    def action_reload(self) -> None:
        self._load()

    def action_past(self) -> None:
        """`p`: past periods too, or again only those not over yet."""
        self.include_past = not self.include_past
        self._load()

    # ---- which keys are live ----------------------------------------------------------------

    def refusal(self, action: str) -> str | None:
        """Why `action` cannot be done now (None: it can)."""
        if action not in CHANGES:
            return None
        if self.board is None:
            return t("leave.blackouts.loading")
        if not self.board.may_manage:
            return t("error.blackout_denied")
        period = self.highlighted
        if action in ("edit", "remove") and period is None:
            return t("leave.blackouts.no_row")
        if action == "edit" and period.end < self.app.office.clock.today():
            return t("error.blackout_over", id=period.id, name=printable(period.name), end=period.end.isoformat())
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self.refusal(action) else True

    def on_key(self, event: events.Key) -> None:
        """A dimmed key explains itself instead of doing nothing (as in the inbox)."""
        keymap.explain_refusal(self, event, self.refusal)

    # ---- changes ------------------------------------------------------------------------------

    def action_declare(self) -> None:
        """`a`: the dialog; the period is declared when the service accepts it."""
        from tui_office.workflows.leave import blackouts
        from tui_office.workflows.leave.ui.blackout_dialog import BlackoutDialog

        office, me = self.app.office, self.app.me.login

        def save(values: dict[str, Any]) -> str:
            found = blackouts.declare(office, me, **values)
            self.declared = found.id
            return blackouts.said(found, "added")

        self.app.push_screen(BlackoutDialog(self._picks(), save), self._declared)

    def _picks(self, keep: tuple[str, ...] = ()) -> list[tuple[str, str]]:
        """(code, name) of the departments to tick: the open ones, and those of `keep` even if closed."""
        return [(code, name) for code, name, active in self.board.departments if active or code in keep]

    def action_edit(self) -> None:
        """`e`: the declaring dialog filled with the highlighted period; saved when the service accepts it."""
        from tui_office.workflows.leave import blackouts
        from tui_office.workflows.leave.ui.blackout_dialog import BlackoutDialog

        period = self.highlighted
        if period is None:
            return
        office, me = self.app.office, self.app.me.login

        def save(values: dict[str, Any]) -> str:
            done = blackouts.edit(office, me, period.id, **values)
            self.declared = period.id
            return done.said()

        self.app.push_screen(BlackoutDialog(self._picks(period.departments), save, period), self._declared)

    def _declared(self, text: str | None) -> None:
        if text:
            self.post_message(self.Changed(text))

    def action_remove(self) -> None:
        """`x`: remove the highlighted period after a yes."""
        period = self.highlighted
        if period is None:
            return
        question = t(f"leave.blackouts.remove_question.{period.mode}", name=printable(period.name),
                     start=period.start.isoformat(), end=period.end.isoformat())

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(period.id)

        self.app.push_screen(ConfirmDialog(t("leave.blackouts.remove_title"), question), answered)

    @work(thread=True, exit_on_error=False, group="leave-blackouts-change")
    def _remove(self, blackout_id: int) -> None:
        from tui_office.workflows.leave import blackouts

        try:
            found = blackouts.remove(self.app.office, self.app.me.login, blackout_id)
        except OfficeError as error:
            self.post_message(self.Changed(str(error), error=True))
            return
        self.post_message(self.Changed(blackouts.said(found, "removed")))

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        self.notify(message.text, severity="error" if message.error else "information",
                    timeout=8 if message.error else 5, markup=False)
        self._load()

    def action_back(self) -> None:
        self.dismiss(None)
