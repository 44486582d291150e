"""Provides `SettlementScreen`: one contract settlement — the handover list (结算资料交接清单) with
its received / not applicable / missing counts, the calculation sheet, the preliminary opinion and
confirmation tables with their signatures, and the timeline.

The settlement's clerk marks the selected item with `r` (received), `n` (not applicable: asks
why) and `m` (missing) and sends the handover with `s`; `enter` opens the document to act on it
(approve with the opinion dialog, F4 to declare a conflict of interest). The tables print with
`tui-office contracts print`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.i18n import t
from tui_office.ui.loading import load_view
from tui_office.ui.widgets.timeline import action_label
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter


class SettlementScreen(LocalisedBindings, Screen[None]):
    """A settlement's checklist, calculation sheet, both review tables and timeline."""

    DEFAULT_CSS = """
    SettlementScreen .contracts-heading { padding: 0 1; text-style: bold; margin-top: 1; }
    SettlementScreen #settlement-summary { padding: 0 1; }
    SettlementScreen DataTable { margin: 0 1; }
    SettlementScreen .contracts-text { padding: 0 1; margin-top: 1; }
    SettlementScreen #timeline { margin-top: 0; }
    """

    BINDINGS = [
        Binding("r", "mark('received')", "keys.contracts_received", id="contracts_settlement.received"),
        Binding("n", "mark('not_applicable')", "keys.contracts_not_applicable", id="contracts_settlement.not_applicable"),
        Binding("m", "mark('missing')", "keys.contracts_missing", id="contracts_settlement.missing"),
        Binding("s", "send", "keys.contracts_send", id="contracts_settlement.send"),
        Binding("o,enter", "open", "keys.contracts_open_document", id="contracts_settlement.open"),
        Binding("R", "reload", "keys.refresh", id="contracts_settlement.refresh", show=False),
        Binding("escape,q", "back", "keys.leave_back", id="contracts_settlement.back"),
    ]

    class Loaded(Message):
        def __init__(self, view: Any, error: str = "") -> None:
            self.view, self.error = view, error
            super().__init__()

    class Done(Message):
        def __init__(self, text: str, error: bool = False) -> None:
            self.text, self.error = text, error
            super().__init__()

    def __init__(self, number: str) -> None:
        super().__init__(classes="contracts-settlement-screen")
        self.number = number
        """The settlement shown."""
        self.view: dict | None = None
        """What `views.settlement` answered (made inert)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("", id="settlement-summary")
            yield Static("", id="checklist-title", classes="contracts-heading")
            yield DataTable(id="checklist", cursor_type="row", zebra_stripes=True)
            yield Static("", id="calc-title", classes="contracts-heading")
            yield DataTable(id="calc", cursor_type="row", zebra_stripes=True)
            yield Static("", id="preliminary", classes="contracts-text")
            yield Static("", id="confirmation", classes="contracts-text")
            yield Static(t("contracts.screen.timeline"), classes="contracts-heading")
            yield Static("", id="timeline", classes="contracts-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("contracts.screen.settlement", number=self.number)
        self._load()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="contracts-settlement", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.contracts import views

        load_view(self, self.Loaded, lambda: views.settlement(self.app.office, self.app.me.login, self.number))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8, markup=False)
            if self.view is None:
                self.dismiss(None)
            return
        from tui_office.workflows.contracts import tables

        self.view = v = message.view
        self.refresh_bindings()
        status = t(f"status.{v['status']}")
        where = f"{status} · {v['step_title']} ({', '.join(v['waiting_for'])})" if v["step_title"] else status
        self.query_one("#settlement-summary", Static).update(
            f"{v['number']} · {v['contract']} · {v['category']} {v['category_title']}\n"
            f"{t('contracts.table.department')}: {v['department_name']} · {t('contracts.table.applicant')}: "
            f"{v['applicant']} · {t('contracts.screen.clerk')}: {v['clerk']['name']}\n{where}")
        self.query_one("#checklist-title", Static).update(t("contracts.screen.checklist", **v["counts"]))
        checklist = self.query_one("#checklist", DataTable)
        row = checklist.cursor_row
        checklist.clear(columns=True)
        checklist.add_columns(t("contracts.col.item"), "*", t("contracts.col.state"), t("contracts.col.pages"),
                              t("contracts.col.reason"))
        for c in v["checklist"]:
            note = c["reason"] or ((c["file"] or {}).get("path") or "")
            checklist.add_row(c["label"], "*" if c["required"] else "", t(f"contracts.mark.{c['status']}"),
                              "" if c["pages"] is None else str(c["pages"]), note, key=c["item"])
        checklist.styles.height = len(v["checklist"]) + 1
        if v["checklist"]:
            checklist.move_cursor(row=min(row, len(v["checklist"]) - 1))
        self.query_one("#calc-title", Static).update(t("contracts.screen.calc", total=v["calc"]["total"])
                                                     if v["calc"]["rows"] else t("contracts.screen.no_calc"))
        calc = self.query_one("#calc", DataTable)
        calc.clear(columns=True)
        calc.add_columns(t("contracts.col.description"), t("contracts.col.quantity"), t("contracts.col.unit_price"),
                         t("contracts.col.line_amount"))
        for line in v["calc"]["rows"]:
            calc.add_row(str(line.get("description", "")), str(line.get("quantity", "")),
                         str(line.get("unit_price", "")), str(line.get("amount", "")))
        calc.display = bool(v["calc"]["rows"])
        calc.styles.height = len(v["calc"]["rows"]) + 1
        for kind in tables.KINDS:
            text = Text(tables.as_text(v, kind))
            text.stylize("bold", 0, len(text.plain.split("\n", 1)[0]))
            self.query_one(f"#{kind}", Static).update(text)
        self.query_one("#timeline", Static).update("\n".join(
            f"{h['at'][:16].replace('T', ' ')}  {h['actor_name'] or t('action.system')}  {action_label(h['action'])}"
            f"{'  ' + h['comment'] if h['comment'] else ''}" for h in v["history"]) or "—")
        checklist.focus(scroll_visible=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Marking and sending are live only for the settlement's clerk while the list is open (dimmed otherwise)."""
        if action in ("mark", "send"):
            v = self.view
            if v is None or v["clerk"]["login"] != self.app.me.login:
                return None
            open_list = v["status"] in ("draft", "returned") or (action == "mark" and v["step"] == "clerk"
                                                                 and v["status"] == "in_progress")
            return True if open_list else None
        return super().check_action(action, parameters)

    def _selected_item(self) -> str | None:
        table = self.query_one("#checklist", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_mark(self, status: str) -> None:
        item = self._selected_item()
        if item is None or self.view is None:
            return
        if status == "not_applicable":
            label = next(c["label"] for c in self.view["checklist"] if c["item"] == item)
            from tui_office.workflows.contracts.ui.reason import ReasonDialog

            self.app.push_screen(ReasonDialog(t("contracts.screen.reason_title", item=label)),
                                 lambda reason: reason and self._mark(item, status, reason))
            return
        self._mark(item, status, "")

    def _mark(self, item: str, status: str, reason: str) -> None:
        from tui_office.workflows.contracts import service

        self._run(lambda: service.mark(self.app.office, self.app.me.login, self.number, item,
                                       service.Mark(status, reason)))

    def action_send(self) -> None:
        from tui_office.workflows.contracts import service

        self._run(lambda: t("contracts.sent", number=service.send(self.app.office, self.app.me.login, self.number)))

    @work(thread=True, exit_on_error=False, group="contracts-change")
    def _run(self, call) -> None:  # noqa: ANN001
        """Do one change in a worker; its message (or why it was refused) comes back as `Done`."""
        try:
            text = call()
        except ValidationFailed as exc:
            self.post_message(self.Done(" ".join(p.message for p in exc.problems), error=True))
            return
        except OfficeError as exc:
            self.post_message(self.Done(str(exc), error=True))
            return
        self.post_message(self.Done(text))

    @on(Done)
    def _done(self, message: Done) -> None:
        self.notify(message.text, severity="error" if message.error else "information",
                    timeout=8 if message.error else 4, markup=False)
        self._load()

    @on(DataTable.RowSelected)
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        from tui_office.ui.screens.document import DocumentScreen

        self.app.push_screen(DocumentScreen(self.number), lambda _result: self._load())

    def action_back(self) -> None:
        self.dismiss(None)
