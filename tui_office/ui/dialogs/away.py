"""Provides `AwayDialog` (外出代理): my out-of-office arrangements — who acts for me and when —,
setting a new one, cancelling one and handing my waiting tasks to today's deputy, as
`tui-office away` and `tui-office away hand-over` do.

Type the first and last day (YYYY-MM-DD), `enter` picks the deputy (anyone active but me) and sets
it; on the list, `delete` or `x` cancels the highlighted arrangement after a yes; `ctrl+t` (also
while typing a date) hands the tasks waiting in my To-do to the deputy standing in for me today
after a yes naming the count and the deputy, dimmed with the reason when nobody stands in today.
An arrangement set there that is in force today offers the same hand-over as a last yes/no.
`escape` closes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.dialogs.user_picker import UserPicker

if TYPE_CHECKING:
    from textual.events import Key

    from tui_office.services.hand_over import HandOver


class AwayDialog(keymap.LocalisedBindings, ModalScreen[None]):
    """My out-of-office arrangements: set, see, cancel."""

    BINDINGS = [
        Binding("escape", "close", "keys.close", show=False, id="away.close"),
        Binding("delete,x", "cancel_away", "keys.away_cancel", show=False, id="away.cancel"),
        Binding("ctrl+t", "hand_over", "keys.hand_over", show=False, priority=True, id="away.hand_over"),
        *keymap.bindings("app.help"),  # a dialog does not reach the app's keys: `?` (on the list) and F1 here
    ]

    def __init__(self) -> None:
        super().__init__()
        self.records: list = []
        """My current `AwayInfo`s, as listed."""
        self.handing: HandOver | None = None
        """What a hand-over would move now (None: nobody stands in for me today)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="away", classes="dialog") as box:
            box.border_title = t("away.title")
            yield Label(t("away.current"), classes="dialog-prompt")
            yield OptionList(id="away-list")
            yield Static("", id="away-hand-over", markup=False)
            yield Label(t("away.new"), classes="dialog-prompt")
            with Horizontal(classes="away-dates"):
                yield Input(placeholder="YYYY-MM-DD", id="away-from", max_length=10)
                yield Input(placeholder="YYYY-MM-DD", id="away-until", max_length=10)
            yield Static("", id="away-error", classes="dialog-error")
            yield Label(t("away.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        today = self.app.office.clock.now().date().isoformat()
        self.query_one("#away-from", Input).value = today
        self.query_one("#away-until", Input).value = today
        self.query_one("#away-from", Input).focus()
        self._load()

    @work(thread=True, group="away", exit_on_error=False)
    def _load(self) -> None:
        from tui_office.services.away import away_list

        try:
            records = away_list(self.app.office, self.app.me.login)
        except OfficeError as error:
            self.app.call_from_thread(self._error, str(error))
            return
        self.app.call_from_thread(self._show, records, self._pending())

    def _pending(self) -> HandOver | None:
        """What a hand-over would move now (in the worker); None when nobody stands in today."""
        from tui_office.services import hand_over

        try:
            return hand_over.pending(self.app.office, self.app.me.login)
        except OfficeError:
            return None

    def _show(self, records: list, handing: HandOver | None) -> None:
        self.records = records
        self.handing = handing
        key = keymap.key_of(self, "hand_over")
        line = self.query_one("#away-hand-over", Static)
        if handing is None:
            line.update(t("away.hand_over_dimmed", key=key))
        elif handing.count:
            line.update(t("away.hand_over_hint", key=key, count=handing.count, deputy=handing.deputy_name))
        else:
            line.update(t("away.hand_over_none_waiting", deputy=handing.deputy_name))
        line.set_class(handing is None, "-unavailable")
        self.refresh_bindings()
        options = self.query_one("#away-list", OptionList)
        options.clear_options()
        for record in records:
            forms = f" ({', '.join(record.forms)})" if record.forms else ""
            options.add_option(Option(t("away.line", deputy=record.deputy_name, start=record.start,
                                        end=record.end) + forms, id=str(record.id)))
        if records:
            options.highlighted = 0
        else:
            options.add_option(Option(t("away.none"), disabled=True))

    def _error(self, text: str) -> None:
        self.query_one("#away-error", Static).update(text)

    def _dates(self) -> tuple[date, date] | None:
        try:
            start = date.fromisoformat(self.query_one("#away-from", Input).value.strip())
            end = date.fromisoformat(self.query_one("#away-until", Input).value.strip())
        except ValueError:
            self._error(t("away.bad_date"))
            return None
        return start, end

    @on(Input.Submitted, "#away-from")
    def _from_done(self) -> None:
        self.query_one("#away-until", Input).focus()

    @on(Input.Submitted, "#away-until")
    def _until_done(self) -> None:
        dates = self._dates()
        if dates is not None:
            self._error("")
            self._pick_deputy(*dates)

    @work(thread=True, group="away", exit_on_error=False)
    def _pick_deputy(self, start: date, end: date) -> None:
        from tui_office.services.directory import list_users

        users = [u for u in list_users(self.app.office) if u.login != self.app.me.login]
        self.app.call_from_thread(self._open_picker, start, end, users)

    def _open_picker(self, start: date, end: date, users: list) -> None:
        def picked(login: str | None) -> None:
            if login:
                self._set(login, start, end)

        self.app.push_screen(UserPicker(users, t("away.who", start=start, end=end)), picked)

    @work(thread=True, group="away", exit_on_error=False)
    def _set(self, login: str, start: date, end: date) -> None:
        from tui_office.services.away import set_away

        if self._change(lambda: set_away(self.app.office, self.app.me.login, login, start, end)) and (
                start <= self.app.office.clock.now().date() <= end):
            handing = self._pending()  # in force from today: offer to hand over what is already waiting
            if handing is not None and handing.count:
                self.app.call_from_thread(self._ask_hand_over, handing, "away.hand_over_after_set")

    def _change(self, call) -> bool:  # noqa: ANN001
        """Run a service call (in the worker); tell its message or why it refused, then list again.
        True when it went through."""
        try:
            text = call()
        except OfficeError as error:
            self.app.call_from_thread(self._error, str(error))
            return False
        for line in text.splitlines():
            self.app.call_from_thread(self.notify, line, timeout=5, markup=False)
        self.app.call_from_thread(self._error, "")
        self._load()
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hand_over":
            return None if self.handing is None else True  # dimmed: nobody stands in for me today
        return True

    def on_key(self, event: Key) -> None:
        """The hand-over key while nobody stands in for me today (dimmed): say why."""
        if self.handing is None and keymap.bound_to(self, event.key, "hand_over"):
            event.stop()
            self.action_hand_over()

    def action_hand_over(self) -> None:
        handing = self.handing
        if handing is None:
            self._error(t("away.hand_over_unavailable"))
        elif not handing.count:
            self.notify(t("away.hand_over_none_waiting", deputy=handing.deputy_name), markup=False)
        else:
            self._ask_hand_over(handing, "away.hand_over_question")

    def _ask_hand_over(self, handing: HandOver, question: str) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._hand_over()

        names = ", ".join(tasks[0].to_name for tasks in handing.receivers().values())
        self.app.push_screen(ConfirmDialog(t("away.hand_over_title"), t(question, count=handing.count, deputy=names)),
                             confirmed)

    @work(thread=True, group="away", exit_on_error=False)
    def _hand_over(self) -> None:
        from tui_office.services import hand_over

        self._change(lambda: "\n".join(hand_over.hand_over(self.app.office, self.app.me.login).lines()))

    def action_cancel_away(self) -> None:
        options = self.query_one("#away-list", OptionList)
        if not options.has_focus or options.highlighted is None or not self.records:
            return
        record = self.records[options.highlighted]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._cancel(record.id)

        self.app.push_screen(ConfirmDialog(t("away.cancel_title"), t("away.cancel_question", deputy=record.deputy_name,
                                                                         start=record.start, end=record.end)), confirmed)

    @work(thread=True, group="away", exit_on_error=False)
    def _cancel(self, away_id: int) -> None:
        from tui_office.services.away import cancel_away

        self._change(lambda: cancel_away(self.app.office, self.app.me.login, away_id))

    def action_help(self) -> None:
        self.app.action_help()

    def action_close(self) -> None:
        self.dismiss(None)
