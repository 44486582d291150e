"""Provides the inbox screen (收件箱): tabs with counts, the task list, a preview with the timeline,
and every action a clerk takes on a task, by key.

All database work runs in thread workers that answer with messages. Keys for actions the engine
would refuse on the row under the cursor are dimmed (`check_action` → None) and pressing one says why.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Key
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static, Tab, Tabs
from textual.worker import get_current_worker

from tui_office.domain.errors import OfficeError
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.services.views import TABS, DocumentView, InboxRow, Verdict
from tui_office.ui import keymap
from tui_office.ui.messages import DataChanged
from tui_office.ui.exporting import Exporting
from tui_office.ui.row_actions import RowActions
from tui_office.ui.actions import FOLLOWUP, DocumentActions, records_here
from tui_office.ui.inert import inert
from tui_office.ui.widgets.inbox_table import NEAR_END, InboxTable
from tui_office.ui.widgets.preview import Preview
from tui_office.ui.widgets.footer import KeyFooter

PAGE = 60
"""Rows fetched per page (keyset paging); the table grows a page at a time as the cursor nears the end."""
RELOAD_MAX = 1000
"""A live reload re-fetches at most this many rows (what was loaded, capped)."""
PREVIEW_DELAY = 0.08
"""Seconds the cursor must rest on a row before its preview and verdicts load (held keys stay fast)."""


def first_page_size(lines: int) -> int:
    """Rows read before the first frame on a terminal `lines` high: no more than it can show (the
    next page loads as the cursor nears the end), enough that the cursor starts away from the end."""
    return max(min(PAGE, lines), NEAR_END + 5)


GUARDED = {
    "approve": "approve",
    "record": "approve",
    "reject": "reject",
    "return": "return",
    "delegate": "delegate",
    "entrust": "entrust",
    "withdraw": "withdraw",
    "comment": "comment",
    "urge": "urge",
    "add_approver": "add-approver",
    "remove_approver": "remove-approver",
    "cc": "cc",
    "retract": "retract",
}
"""Screen action → engine action whose verdict decides whether the key is live."""

INTERVENTION = "core.intervention"
"""The `v` list's entry of the administrators' intervention screen."""
ADMIN_ROLE = "admin"

NEEDS_ROW = {"open", "toggle_select", "delete_draft", "followup", *GUARDED}


class InboxTabs(Tabs, can_focus=False):
    """The five inbox tabs; the list keeps the focus, `tab` and `1`–`5` switch."""


class InboxScreen(Exporting, RowActions, keymap.LocalisedBindings, Screen):
    """The main screen: the signed-in user's inbox."""

    BINDINGS = keymap.bindings("inbox.")

    class PageLoaded(Message):
        def __init__(self, generation: int, rows: list[InboxRow], total: int, append: bool, keep: str | None, index: int, limit: int) -> None:
            super().__init__()
            self.limit = limit
            self.generation, self.rows, self.total = generation, rows, total
            self.append, self.keep, self.index = append, keep, index

    class CountsLoaded(Message):
        def __init__(self, counts: dict[str, int]) -> None:
            super().__init__()
            self.counts = counts

    class PreviewLoaded(Message):
        def __init__(self, number: str, view: DocumentView | None, verdicts: list[Verdict], error: str = "",
                     followups: list[tuple[str, str]] | None = None) -> None:
            super().__init__()
            self.number, self.view, self.verdicts, self.error = number, view, verdicts, error
            self.followups = followups or []

    class LoadFailed(Message):
        """Reading the list or the forms one may start was refused (the service's reason)."""

        def __init__(self, error: OfficeError) -> None:
            super().__init__()
            self.error = error

    class BulkChecked(Message):
        def __init__(self, numbers: list[str], refused: list[tuple[str, str]]) -> None:
            super().__init__()
            self.numbers, self.refused = numbers, refused

    class BulkDone(Message):
        def __init__(self, results: list[tuple[str, bool, str]]) -> None:
            super().__init__()
            self.results = results

    def __init__(self) -> None:
        super().__init__()
        self.add_row_actions()
        self.tab = "todo"
        """The tab shown."""
        self.text = ""
        """The filter typed after `/`."""
        self.generation = 0
        """Bumped on every (re)load; answers from older loads are dropped."""
        self.total = 0
        self.has_more = False
        self.loading_more = False
        self.verdicts: dict[str, Verdict] | None = None
        """Verdicts for `verdict_number` (None: not known yet)."""
        self.verdict_number: str | None = None
        self.record_step = False
        """My task on `verdict_number` is at a record step: `a` is called "Record"."""
        self.followups: list[tuple[str, str]] = []
        """(id, title) of the follow-ups (report back…) I may complete on `verdict_number` now."""
        self._preview_timer = None
        self._preview_due = 0.0
        """When the cursor will have rested long enough for the preview (`time.monotonic()`)."""
        self._jump_to_first = False
        self._key_state: tuple = ()
        self._last_view: DocumentView | None = None

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        me = self.app.me
        yield Header()
        yield Static(self._whoami(me), id="whoami", markup=False)
        yield InboxTabs(*[Tab(t(f"inbox.tab.{tab}"), id=f"tab-{tab}") for tab in TABS], id="tabs")
        yield Input(placeholder=t("inbox.filter_placeholder"), id="filter")
        yield Static("", id="marked", markup=False)
        with Vertical(id="inbox-body"):
            yield InboxTable(id="inbox-list")
            yield Static(t("inbox.empty"), id="inbox-empty", markup=False)
            yield Preview(id="preview")
        yield DocumentActions(id="actions")
        yield KeyFooter(compact=True)

    def _screen_resized(self, size: Size, *args: object, **kwargs: object) -> None:
        """Textual tells the screen the terminal's size several times as the app starts, each at the
        size the first frame was laid out for, and lays the whole screen out and draws it again
        for each: two more full frames while the first is still being written. A size the screen
        already has changes nothing; any other is laid out as usual."""
        if size == getattr(self, "_size", None):
            return
        super()._screen_resized(size, *args, **kwargs)

    def _whoami(self, me) -> str:  # noqa: ANN001
        parts = [me.name]
        if me.department:
            parts.append(me.department)
        if me.title:
            parts.append(me.title)
        return printable(" | ".join(parts))

    def on_mount(self) -> None:
        self._show_filter(False)
        self._show_marked()
        self.query_one("#inbox-empty").display = False
        table = self.query_one(InboxTable)
        table.moved = self._schedule_preview
        table.focus()
        self.query_one("#actions", DocumentActions).read_after = self._read_after_action
        self.watch(self.app, "theme", self._theme_changed, init=False)
        first, self.app.first_page = getattr(self.app, "first_page", None), None
        if first is None:
            self.reload()
            return
        page, counts, limit = first  # read before the app started: the first frame shows the rows
        self.generation += 1
        self.on_inbox_screen_page_loaded(self.PageLoaded(self.generation, inert(page.rows), page.total, False, None, 0, limit))
        self.on_inbox_screen_counts_loaded(self.CountsLoaded(counts))

    def _theme_changed(self) -> None:
        """Row and timeline colours come from the theme: redraw them when it changes."""
        table = self.table
        if table.rows_loaded:
            table.show_rows(table.rows_loaded, keep=self.current.number if self.current else None)
        self._show_preview(self._last_view)

    def _show_filter(self, shown: bool) -> None:
        """The filter box takes part in focus only while it is shown."""
        box = self.query_one("#filter", Input)
        box.display = shown
        box.can_focus = shown

    def on_screen_resume(self) -> None:
        """Back from a dialog: the list has the keys again (unless the filter is open)."""
        if not self.query_one("#filter").display and self.table.display:
            self.table.focus()

    @property
    def table(self) -> InboxTable:
        return self.query_one(InboxTable)

    @property
    def current(self) -> InboxRow | None:
        return self.table.current

    # ---- loading --------------------------------------------------------------------------

    def reload(self, keep: str | None = None, index: int | None = None) -> None:
        """Reload the tab in place (same tab and filter), keeping the cursor on document `keep`."""
        self._load_page(*self._reload_request(keep, index))
        self._load_counts()

    def _reload_request(self, keep: str | None, index: int | None) -> tuple:
        """The arguments of `_read_page` that reload the tab in place, as a new generation."""
        table = self.table
        if keep is None and self.current is not None:
            keep = self.current.number
        if index is None:
            index = table.cursor_row if table.row_count else 0
        self.generation += 1
        limit = max(PAGE, min(len(table.rows_loaded), RELOAD_MAX))
        return self.generation, self.tab, self.text, None, limit, False, keep, index

    def _read_after_action(self, number: str) -> Callable[[], tuple]:
        """What the action's worker reads once it has acted on `number`: the tab reloaded around it
        and the counts (see `_acted`)."""
        request = self._reload_request(number, None)
        return lambda: (request[0], self._read_page(*request), self._read_counts())

    @work(thread=True, group="counts", exclusive=True, exit_on_error=False)
    def _load_counts(self) -> None:
        counts = self._read_counts()
        if counts is not None:
            self.post_message(counts)

    def _read_counts(self) -> CountsLoaded | None:
        from tui_office.services import queries

        try:
            return self.CountsLoaded(queries.counts(self.app.office, self.app.me.login))
        except OfficeError:
            return None

    @work(thread=True, group="page", exit_on_error=False)
    def _load_page(self, *request: object) -> None:
        self.post_message(self._read_page(*request))

    def _read_page(self, generation: int, tab: str, text: str, after: tuple | None, limit: int, append: bool,
                   keep: str | None, index: int) -> PageLoaded | LoadFailed:
        from tui_office.services import queries

        try:
            page = queries.inbox(self.app.office, self.app.me.login, tab, after=after, limit=limit, text=text)
        except OfficeError as error:
            return self.LoadFailed(error)
        return self.PageLoaded(generation, inert(page.rows), page.total, append, keep, index, limit)

    def on_inbox_screen_page_loaded(self, message: PageLoaded) -> None:
        if message.generation != self.generation:
            return
        table = self.table
        self.total = message.total
        if message.append:
            self.loading_more = False
            table.append_rows(message.rows)
        else:
            table.show_rows(message.rows, keep=message.keep, index=message.index)
            if self._jump_to_first and message.rows:
                table.move_cursor(row=0, animate=False)
        self.has_more = len(message.rows) >= message.limit
        empty = not table.rows_loaded
        self.query_one("#inbox-empty", Static).update(
            Text(t("inbox.no_match", text=printable(self.text))) if self.text else t(f"inbox.empty_tab.{self.tab}"))
        self.query_one("#inbox-empty").display = empty
        table.display = not empty
        if not empty and not self.query_one("#filter").has_focus:
            table.focus()
        if empty:
            self._show_preview(None)
        else:
            self._schedule_preview()
        self._show_marked()
        self._refresh_keys()

    @on(InboxTable.NearEnd, "#inbox-list")
    def load_more(self) -> None:
        table = self.table
        if not self.has_more or self.loading_more or not table.rows_loaded:
            return
        self.loading_more = True
        after = table.rows_loaded[-1].key
        self._load_page(self.generation, self.tab, self.text, after, PAGE, True, None, 0)

    def on_inbox_screen_counts_loaded(self, message: CountsLoaded) -> None:
        tabs = self.query_one(InboxTabs)
        for tab in TABS:
            count = message.counts.get(tab, 0)
            label = t(f"inbox.tab.{tab}")
            tabs.query_one(f"#tab-{tab}", Tab).label = f"{label} ({count})"

    def on_data_changed(self, message: DataChanged) -> None:
        if message.mine:  # others' work that touches none of my lists costs nothing
            self.reload()

    # ---- preview and verdicts -----------------------------------------------------------

    def _schedule_preview(self) -> None:
        """Load the current row's preview once the cursor has rested `PREVIEW_DELAY` seconds. A key
        only moves the deadline; the one timer waiting looks at it when it fires (a new timer per
        key would make every cursor move start and cancel a task)."""
        if self.current is None:
            return
        self._preview_due = time.monotonic() + PREVIEW_DELAY
        if self._preview_timer is None:
            self._preview_timer = self.set_timer(PREVIEW_DELAY, self._preview_deadline)

    def _preview_deadline(self) -> None:
        wait = self._preview_due - time.monotonic()
        if wait > 0.002:  # the cursor moved since: wait until it has rested long enough
            self._preview_timer = self.set_timer(wait, self._preview_deadline)
            return
        self._preview_timer = None
        self._start_preview()

    def _start_preview(self) -> None:
        row = self.current
        if row is not None:
            self._load_preview(row.number)
            self.table.render_ahead()

    @work(thread=True, group="preview", exclusive=True, exit_on_error=False)
    def _load_preview(self, number: str) -> None:
        from tui_office.services import queries
        from tui_office.services.followups import open_for

        office, login = self.app.office, self.app.me.login
        try:
            view = queries.show(office, login, number)
            verdicts = queries.verdicts(office, login, number)
            followups = open_for(office, login, number) if view.status == "approved" else []
        except OfficeError as error:
            self.post_message(self.PreviewLoaded(number, None, [], str(error)))
            return
        if get_current_worker().is_cancelled:
            return
        self.post_message(self.PreviewLoaded(number, inert(view), verdicts, followups=followups))

    def on_inbox_screen_preview_loaded(self, message: PreviewLoaded) -> None:
        row = self.current
        if row is None or row.number != message.number:
            return
        self.verdict_number = message.number
        self.verdicts = {v.action: v for v in message.verdicts}
        self.followups = message.followups
        self.record_step = records_here(message.view, self.app.me.login)
        self._show_preview(message.view)
        self._refresh_keys()

    def _show_preview(self, view: DocumentView | None) -> None:
        self._last_view = view
        self.query_one(Preview).show(view)

    # ---- which keys are live --------------------------------------------------------------

    def _verdicts_current(self) -> bool:
        row = self.current
        return row is not None and self.verdicts is not None and self.verdict_number == row.number

    def refusal(self, action: str, *, stale_ok: bool = True) -> str | None:
        """Why `action` cannot be done on the current row or selection now (None: it can).

        Right after the cursor moves, the verdicts are still the previous row's; the footer keeps
        showing them (`stale_ok`) until the new ones arrive, but a key press never relies on them.
        """
        if action in NEEDS_ROW and self.current is None:
            return t("inbox.no_row")
        if action == "approve_selected" and not self.table.selected:
            return t("inbox.nothing_selected")
        if action == "delete_draft" and self.current.status != "draft":
            return t("inbox.not_a_draft")
        if action == "followup" and (stale_ok or self._verdicts_current()) and self.verdicts is not None and not self.followups:
            return t("actions.no_followup", number=self.current.number)
        if action == "approve" and self.followups and (stale_ok or self._verdicts_current()):
            return t("actions.use_followup", number=self.current.number, title=self.followups[0][1],
                     key=keymap.key_of(self, "followup"))
        engine_action = GUARDED.get(action)
        if engine_action and self.verdicts is not None and (stale_ok or self._verdicts_current()):
            verdict = self.verdicts.get(engine_action)
            if verdict is None:
                return t("inbox.not_offered")
            if not verdict.allowed:
                return verdict.reason or t("inbox.not_offered")
        return None

    def _refresh_keys(self) -> None:
        """Redraw the footer only when a key changes between live and dimmed (redrawing it on every
        cursor move would make moving slow)."""
        state = tuple(self.check_action(action, ()) for action in (*sorted(NEEDS_ROW), "approve_selected"))
        if state != self._key_state:
            self._key_state = state
            self.refresh_bindings()

    def export_request(self) -> tuple[str, dict]:
        """The tab shown, with its filter."""
        return f"inbox-{self.tab}", {"query": self.text or None}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "followup":  # shown only on a document with a follow-up of mine left
            return not self.refusal(action)
        if action in ("approve", "record") and (action == "record") != self.record_step:
            return False  # `a` is one of the two, named for the step
        if action == "approve_selected":  # shown once rows are marked (the marked line names the key)
            return bool(self.table.selected)
        if action in NEEDS_ROW:
            return None if self.refusal(action) else True
        return True

    def on_key(self, event: Key) -> None:
        """A dimmed key explains itself instead of doing nothing."""
        for action, description in keymap.actions_by_key(self).get(event.key, ()):
            if action not in NEEDS_ROW and action != "approve_selected":
                continue
            reason = self.refusal(action, stale_ok=False)
            if reason:
                keymap.say_refused(self, event, reason, description)
                return
            if action in GUARDED and not self._verdicts_current():
                # The footer may still show the previous row's verdicts: act on this row; the
                # engine decides and a refusal comes back as a message.
                event.stop()
                event.prevent_default()
                getattr(self, f"action_{action}")()
                return

    # ---- movement and tabs -----------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.table.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.table.action_cursor_up()

    def action_cursor_top(self) -> None:
        if self.table.row_count:
            self.table.move_cursor(row=0, animate=False)

    def action_cursor_bottom(self) -> None:
        """The last loaded row (and the next page starts loading, so pressing again goes further)."""
        if self.table.row_count:
            self.table.move_cursor(row=self.table.row_count - 1, animate=False)

    def action_tab(self, index: int) -> None:
        self.query_one(InboxTabs).active = f"tab-{TABS[index]}"

    def action_next_tab(self) -> None:
        self.action_tab((TABS.index(self.tab) + 1) % len(TABS))

    def action_previous_tab(self) -> None:
        self.action_tab((TABS.index(self.tab) - 1) % len(TABS))

    @on(Tabs.TabActivated, "#tabs")
    def _tab_changed(self, event: Tabs.TabActivated) -> None:
        tab = (event.tab.id or "tab-todo").removeprefix("tab-")
        if tab == self.tab:
            return
        self.tab = tab
        self.table.selected.clear()
        self._show_marked()
        self.table.show_rows([])
        self.reload(index=0)
        self.table.focus()

    def action_refresh(self) -> None:
        self.reload()

    # ---- filter ---------------------------------------------------------------------------

    def action_filter(self) -> None:
        self._show_filter(True)
        self.query_one("#filter", Input).focus()

    def filter_by(self, text: str) -> None:
        """Filter the list by `text` (a person picked in the palette), the filter box showing it."""
        self._show_filter(True)
        self.query_one("#filter", Input).value = text
        self.table.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.text = event.value.strip()
        self._jump_to_first = True
        self.reload(index=0)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        """`enter`: back to the list, on the first match."""
        self._jump_to_first = False
        if self.table.row_count:
            self.table.move_cursor(row=0, animate=False)
        self.table.focus()
        if not self.text:
            self._show_filter(False)

    def key_escape(self) -> None:
        box = self.query_one("#filter", Input)
        if box.display:
            box.value = ""
            self._show_filter(False)
            self.text = ""
            self._jump_to_first = False
            self.table.focus()
            self.reload(index=0)

    # ---- actions on the current row ---------------------------------------------------------

    def action_open(self) -> None:
        row = self.current
        if row is None:
            return
        if row.status in ("draft", "returned") and (self.tab in ("drafts", "submitted") or row.task_id is None):
            self.app.edit_document(row.form_id, row.number)
        else:
            self.app.open_document(row.number)

    @on(InboxTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def _start(self, action: str) -> None:
        """Ask what `action` needs on the current row and do it (see `DocumentActions`)."""
        row = self.current
        if row is not None:
            self.query_one(DocumentActions).start(action, row.number, row.title)

    def action_approve(self) -> None:
        self._start("approve")

    def action_record(self) -> None:
        self._start("record")

    def action_reject(self) -> None:
        self._start("reject")

    def action_return(self) -> None:
        self._start("return")

    def action_comment(self) -> None:
        self._start("comment")

    def action_withdraw(self) -> None:
        self._start("withdraw")

    def action_urge(self) -> None:
        self._start("urge")

    def action_delegate(self) -> None:
        self._start("delegate")

    def action_entrust(self) -> None:
        """`D`: ask a colleague to handle the task (委派); it comes back to me to decide."""
        self._start("entrust")

    def action_delete_draft(self) -> None:
        self._start("delete_draft")

    def action_add_approver(self) -> None:
        self._start("add-approver")

    def action_remove_approver(self) -> None:
        """`-`: take a pending approver off the step (减签), with the reason."""
        self._start("remove-approver")

    def action_cc(self) -> None:
        self._start("cc")

    def action_retract(self) -> None:
        self._start("retract")

    def action_followup(self) -> None:
        self._start(FOLLOWUP)

    def action_away(self) -> None:
        """`o`: my out-of-office arrangements: set one, see them, cancel one."""
        from tui_office.ui.dialogs.away import AwayDialog

        self.app.push_screen(AwayDialog())

    @on(DocumentActions.Done, "#actions")
    def _acted(self, message: DocumentActions.Done) -> None:
        """The flow told the result; the row may have gone or changed: show the tab as the action's
        worker read it right after (one repaint), or reload around it when that page is out of date."""
        self.verdicts = None
        self.verdict_number = None
        after = message.after
        if not (isinstance(after, tuple) and after[0] == self.generation):
            self.reload(keep=message.number)
            return
        _, page, counts = after
        if isinstance(page, self.PageLoaded):
            self.on_inbox_screen_page_loaded(page)
        else:
            self.on_inbox_screen_load_failed(page)
        if counts is not None:
            self.on_inbox_screen_counts_loaded(counts)

    def on_inbox_screen_load_failed(self, message: LoadFailed) -> None:
        self.app.show_error(message.error)

    # ---- selection and bulk approval ------------------------------------------------------------

    def action_toggle_select(self) -> None:
        table = self.table
        row = self.current
        if row is None:
            return
        if row.number in table.selected:
            table.selected.discard(row.number)
        else:
            table.selected.add(row.number)
        table.redraw_row(table.cursor_row)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1, animate=False)
        self._show_marked()
        self._refresh_keys()

    def _show_marked(self) -> None:
        """How many rows are marked for bulk approval, shown while there are any."""
        count = len(self.table.selected)
        line = self.query_one("#marked", Static)
        line.update(t("inbox.marked", count=count) if count else "")
        line.display = bool(count)

    def action_approve_selected(self) -> None:
        numbers = [r.number for r in self.table.rows_loaded if r.number in self.table.selected]
        if numbers:
            self._check_bulk(numbers)

    @work(thread=True, group="bulk", exit_on_error=False)
    def _check_bulk(self, numbers: list[str]) -> None:
        from tui_office.services import queries

        refused = []
        for number in numbers:
            try:
                verdict = {v.action: v for v in queries.verdicts(self.app.office, self.app.me.login, number)}.get("approve")
            except OfficeError as error:
                refused.append((number, str(error)))
                continue
            if verdict is None or not verdict.allowed:
                refused.append((number, verdict.reason if verdict else t("inbox.not_offered")))
        self.post_message(self.BulkChecked(numbers, refused))

    def on_inbox_screen_bulk_checked(self, message: BulkChecked) -> None:
        if message.refused:
            lines = "\n".join(f"{number}: {reason}" for number, reason in message.refused)
            self.app.bell()
            self.notify(t("inbox.bulk_refused", count=len(message.refused)) + "\n" + lines, severity="warning", timeout=10, markup=False)
            return

        def answered(text: str | None) -> None:
            if text is not None:
                self._bulk_approve(message.numbers, text)

        from tui_office.ui.dialogs.opinion import OpinionDialog

        self.app.push_screen(OpinionDialog("approve", "", count=len(message.numbers)), answered)

    @work(thread=True, group="bulk", exit_on_error=False)
    def _bulk_approve(self, numbers: list[str], comment: str) -> None:
        from tui_office.services.decisions import bulk_approve

        try:
            results = bulk_approve(self.app.office, self.app.me.login, numbers, comment=comment)
        except OfficeError as error:
            results = [(number, False, str(error)) for number in numbers]
        self.post_message(self.BulkDone(results))

    def on_inbox_screen_bulk_done(self, message: BulkDone) -> None:
        self.table.selected -= {number for number, ok, _ in message.results if ok}
        self._show_marked()
        from tui_office.ui.dialogs.bulk_report import BulkReport

        self.app.push_screen(BulkReport(message.results))
        self.reload()

    # ---- new document ---------------------------------------------------------------------

    def action_new(self) -> None:
        self._pick_form()

    @work(thread=True, group="forms", exit_on_error=False)
    def _pick_form(self) -> None:
        from tui_office.services import queries

        try:
            forms = queries.forms_for(self.app.office, self.app.me.login)
        except OfficeError as error:
            self.post_message(self.LoadFailed(error))
            return
        self.app.call_from_thread(self._open_form_picker, forms)

    def action_views(self) -> None:
        """`v`: pick one of the screens the installed areas add (my leave, team calendar …)."""
        from tui_office import extensions
        from tui_office.ui.dialogs.form_picker import ListPicker

        paths: dict[str, str] = {}
        choices: list[tuple[str, str]] = []
        for workflow, name, path in extensions.screens():
            key = f"{workflow.id}.screen.{name}"
            title = t(key)
            paths[key] = path
            choices.append((key, name if title == key else title))
        if ADMIN_ROLE in self.app.me.roles:
            choices.append((INTERVENTION, t("keys.intervention")))

        def answered(key: str | None) -> None:
            if key == INTERVENTION:
                from tui_office.ui.screens.intervention import InterventionScreen

                self.app.push_screen(InterventionScreen(self.current.number if self.current else ""))
            elif key:
                self.app.push_screen(extensions.load(paths[key])())

        self.app.push_screen(ListPicker(t("forms.views_title"), t("forms.views_hint"), choices), answered)

    def _open_form_picker(self, forms: list) -> None:
        from tui_office.ui.dialogs.form_picker import FormPicker

        if not forms:
            self.notify(t("inbox.no_forms"), severity="warning", markup=False)
            return

        def answered(form_id: str | None) -> None:
            if form_id:
                self.app.new_document(form_id)

        self.app.push_screen(FormPicker(forms), answered)

