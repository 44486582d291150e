"""Provides `AdminDeputiesScreen`: everyone's out-of-office arrangements for administrators
(工作代理): who is away, who acts for them, from when until when, for which forms.

`s` sets one for anyone (who is away, who stands in, then the dates), `x` or `delete` cancels the
highlighted one after a yes, through the same services as `tui-office deputies …` (admin only,
audited, the same refusals as `away`); `h` hands the tasks waiting in the To-do of the person away
to the deputy of the highlighted arrangement after a yes naming the count, as
`tui-office away hand-over --for LOGIN` does (dimmed unless that arrangement is in force today).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.widgets import DataTable, Header, Static

from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.i18n import t
from tui_office.ui import keymap
from tui_office.ui.dialogs.fields import Ask, FieldsDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.screens.admin_base import NAVIGATION, AdminScreen, nav_line
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.ui.widgets.tables import fill_table

if TYPE_CHECKING:
    from tui_office.services.away import AwayInfo


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, "invalid_date", value=text.strip()[:40]) from None


class AdminDeputiesScreen(AdminScreen):
    """Deputies: everyone's arrangements; set, cancel."""

    DEFAULT_CSS = """
    AdminDeputiesScreen #admin-deputies { height: 1fr; margin: 0 1; }
    AdminDeputiesScreen #admin-deputies-none { margin: 1 2; color: $text-muted; height: auto; display: none; }
    """
    # The "nobody is away" line starts hidden: the table keeps its final size while its first rows
    # are drawn (a table resized after drawing can keep rows drawn at the old width).

    BINDINGS = [
        Binding("s", "set", "keys.admin_set_deputy", id="admin_deputies.set"),
        Binding("x,delete", "clear", "keys.admin_clear_deputy", id="admin_deputies.clear"),
        Binding("h", "hand_over", "keys.admin_hand_over", id="admin_deputies.hand_over"),
        *NAVIGATION,
    ]

    name_key = "admin.deputies_title"
    screen_name = "deputies"

    def __init__(self) -> None:
        super().__init__()
        self.records: list = []
        """The `AwayInfo`s shown, earliest first."""
        self.people: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield nav_line()
        yield DataTable(id="admin-deputies", cursor_type="row", zebra_stripes=True)
        yield Static("", id="admin-deputies-none", markup=False)
        yield KeyFooter()

    def load(self) -> Any:
        from tui_office.services import deputies, directory, queries

        office = self.app.office
        titles = {form.id: form.title for form in queries.all_forms(office)}
        return deputies.list_deputies(office, self.app.me.login), directory.list_users(office), titles

    def show(self, data: Any) -> None:
        self.records, self.people, titles = data
        table = self.query_one("#admin-deputies", DataTable)
        row = table.cursor_row
        headers = [t(f"admin.col.{key}") for key in ("away", "deputy", "from", "until", "forms", "reason")]
        fill_table(table, headers, [[f"{r.principal_name} ({r.principal})", f"{r.deputy_name} ({r.deputy})",
                                     r.start.isoformat(), r.end.isoformat(),
                                     ", ".join(titles.get(f, f) for f in r.forms) or t("admin.all_forms"), r.reason]
                                    for r in self.records], [str(r.id) for r in self.records])
        none = self.query_one("#admin-deputies-none", Static)
        none.update(t("admin.no_deputies"))
        none.display = not self.records
        self.sub_title = f"{t('admin.deputies_title')} ({len(self.records)})"
        if self.records:
            table.move_cursor(row=min(max(row, 0), len(self.records) - 1))
        table.focus()

    def action_set(self) -> None:
        def away(principal: str | None) -> None:
            if principal:
                name = next(u.name for u in self.people if u.login == principal)
                others = [u for u in self.people if u.login != principal]
                self.app.push_screen(UserPicker(others, t("admin.ask.deputy_stand_in", name=name)),
                                     lambda deputy: self._dates(principal, name, deputy))

        self.app.push_screen(UserPicker(self.people, t("admin.ask.deputy_principal")), away)

    def _dates(self, principal: str, name: str, deputy: str | None) -> None:
        from tui_office.services import deputies

        if not deputy:
            return
        office, me = self.app.office, self.app.me.login
        today = office.clock.now().date().isoformat()

        def save(v: dict[str, str]) -> str:
            return deputies.set_deputy(office, me, principal, deputy, _day(v["from"], "from"), _day(v["until"], "until"))

        asks = [Ask("from", t("admin.field.from"), today), Ask("until", t("admin.field.until"), today)]
        self.app.push_screen(FieldsDialog(t("admin.ask.deputy_dates", name=name), asks, save), self.changed)

    def action_clear(self) -> None:
        from tui_office.services import deputies

        r = self._highlighted()
        if r is None:
            return
        office, me = self.app.office, self.app.me.login
        question = t("admin.ask.clear_deputy", deputy=r.deputy_name, principal=r.principal_name, start=r.start, end=r.end)
        self.confirm(t("keys.admin_clear_deputy"), question, lambda: deputies.clear_deputy(office, me, r.id),
                     t("workflow.away_cancelled", deputy=r.deputy_name, start=r.start, end=r.end))

    def _highlighted(self) -> AwayInfo | None:
        """The arrangement under the cursor."""
        table = self.query_one("#admin-deputies", DataTable)
        if not self.records or table.cursor_row < 0:
            return None
        return self.records[min(table.cursor_row, len(self.records) - 1)]

    def _in_force(self, record: AwayInfo | None) -> bool:
        return record is not None and record.start <= self.app.office.clock.now().date() <= record.end

    @on(DataTable.RowHighlighted, "#admin-deputies")
    def _row_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hand_over":
            return True if self._in_force(self._highlighted()) else None  # dimmed: not in force today
        return True

    def on_key(self, event: Key) -> None:
        """`h` on an arrangement not in force today (dimmed): say why."""
        record = self._highlighted()
        if record is not None and not self._in_force(record) and keymap.bound_to(self, event.key, "hand_over"):
            event.stop()
            self.notify(t("admin.hand_over_not_today", principal=record.principal_name, start=record.start,
                          end=record.end), severity="warning", markup=False)

    def action_hand_over(self) -> None:
        record = self._highlighted()
        if self._in_force(record):
            self._ask_hand_over(record)

    @work(thread=True, exit_on_error=False, group="admin-change")
    def _ask_hand_over(self, record: AwayInfo) -> None:
        from tui_office.services import hand_over

        office, me = self.app.office, self.app.me.login
        try:
            handing = hand_over.pending(office, me, record.principal)
        except OfficeError as exc:
            self.post_message(self.Changed(str(exc), True))
            return
        if not handing.count:
            self.post_message(self.Changed(handing.lines()[0], False))
            return
        question = t("admin.ask.hand_over", count=handing.count, principal=handing.principal_name,
                     deputy=handing.deputy_name)
        self.app.call_from_thread(self.confirm, t("away.hand_over_title"), question,
                                  lambda: hand_over.hand_over(office, me, record.principal),
                                  lambda done: "\n".join(done.lines()))
