"""Provides `AwayDialog` (外出代理): my out-of-office arrangements — who acts for me and when —,
setting a new one and cancelling one, as `tui-office away` does.

Type the first and last day (YYYY-MM-DD), `enter` picks the deputy (anyone active but me) and sets
it; on the list, `delete` or `x` cancels the highlighted arrangement after a yes; `escape` closes.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.dialogs.confirm import ConfirmDialog
from tui_office.ui.dialogs.user_picker import UserPicker


class AwayDialog(ModalScreen[None]):
    """My out-of-office arrangements: set, see, cancel."""

    BINDINGS = [
        Binding("escape", "close", show=False),
        Binding("delete,x", "cancel_away", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.records: list = []
        """My current `AwayInfo`s, as listed."""

    def compose(self) -> ComposeResult:
        with Vertical(id="away", classes="dialog") as box:
            box.border_title = t("away.title")
            yield Label(t("away.current"), classes="dialog-prompt")
            yield OptionList(id="away-list")
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
        self.app.call_from_thread(self._show, records)

    def _show(self, records: list) -> None:
        self.records = records
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

        self._change(lambda: set_away(self.app.office, self.app.me.login, login, start, end))

    def _change(self, call) -> None:  # noqa: ANN001
        """Run a service call (in the worker); tell its message or why it refused, then list again."""
        try:
            text = call()
        except OfficeError as error:
            self.app.call_from_thread(self._error, str(error))
            return
        self.app.call_from_thread(self.notify, text, timeout=5, markup=False)
        self.app.call_from_thread(self._error, "")
        self._load()

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

    def action_close(self) -> None:
        self.dismiss(None)
