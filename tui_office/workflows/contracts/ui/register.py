"""Provides `ContractRegisterScreen`: the contract register (合同台账) — every contract I may see,
newest first, with its supplements and settlements under the list.

`/` filters by number, title, counterparty, category or project; `enter` opens the selected
contract's latest settlement.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from tui_office.i18n import t
from tui_office.ui.loading import load_view
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter


class ContractRegisterScreen(LocalisedBindings, Screen[None]):
    """The register: number, title, counterparty, category, project, amount, signed date."""

    DEFAULT_CSS = """
    ContractRegisterScreen #contracts-filter { margin: 0 1; display: none; }
    ContractRegisterScreen #contracts-filter.-shown { display: block; }
    ContractRegisterScreen #contracts { height: auto; max-height: 24; margin: 0 1; }
    ContractRegisterScreen #contracts-detail { height: auto; padding: 1 1; }
    ContractRegisterScreen #contracts-empty { padding: 0 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("slash", "filter", "keys.filter", id="contracts_register.filter", key_display="/"),
        Binding("o,enter", "open", "keys.contracts_open_settlement", id="contracts_register.open"),
        Binding("R", "reload", "keys.refresh", id="contracts_register.refresh", show=False),
        Binding("escape,q", "back", "keys.leave_back", id="contracts_register.back"),
    ]

    class Loaded(Message):
        def __init__(self, rows: list, error: str = "") -> None:
            self.rows, self.error = rows, error
            super().__init__()

    class Detail(Message):
        def __init__(self, found: dict | None, error: str = "") -> None:
            self.found, self.error = found, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__(classes="contracts-register-screen")
        self.rows: list[Any] = []
        """The `ContractRow`s shown."""
        self.detail: dict | None = None
        """The selected contract with its supplements and settlements."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Input(placeholder=t("contracts.screen.filter"), id="contracts-filter", max_length=100)
            yield DataTable(id="contracts", cursor_type="row", zebra_stripes=True)
            yield Static(t("contracts.none"), id="contracts-empty")
            yield Static("", id="contracts-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("contracts.screen.register")
        self.query_one("#contracts", DataTable).focus()
        self._load("")

    def action_reload(self) -> None:
        self._load(self.query_one("#contracts-filter", Input).value)

    @work(thread=True, exit_on_error=False, group="contracts-register", exclusive=True)
    def _load(self, text: str) -> None:
        from tui_office.workflows.contracts import views

        load_view(self, self.Loaded, lambda: views.register(self.app.office, self.app.me.login, text), empty=[])

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8, markup=False)
        self.rows = message.rows
        table = self.query_one("#contracts", DataTable)
        table.clear(columns=True)
        table.add_columns(t("contracts.col.number"), t("contracts.col.title"), t("contracts.col.counterparty"),
                          t("contracts.col.category"), t("contracts.col.project"), t("contracts.col.amount"),
                          t("contracts.col.signed"))
        for r in self.rows:
            table.add_row(r.number, r.title, r.counterparty, r.category, r.project, r.amount, r.signed_date, key=r.number)
        table.display = bool(self.rows)
        table.styles.height = min(len(self.rows) + 2, 24)  # room for the horizontal scroll bar on a narrow terminal
        self.query_one("#contracts-empty", Static).display = not self.rows
        if not self.query_one("#contracts-filter", Input).has_class("-shown"):
            table.focus()
        self._show_detail()

    @on(DataTable.RowHighlighted, "#contracts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def _selected(self) -> str | None:
        table = self.query_one("#contracts", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _show_detail(self) -> None:
        number = self._selected()
        if number is None:
            self.detail = None
            self.query_one("#contracts-detail", Static).update("")
            return
        self._load_detail(number)

    @work(thread=True, exit_on_error=False, group="contracts-detail", exclusive=True)
    def _load_detail(self, number: str) -> None:
        from tui_office.workflows.contracts import views

        load_view(self, self.Detail, lambda: views.contract(self.app.office, self.app.me.login, number))

    @on(Detail)
    def _detail(self, message: Detail) -> None:
        self.detail = found = message.found
        if found is None:
            self.query_one("#contracts-detail", Static).update(message.error)
            return
        lines = [f"{found['number']} · {found['category']} {found['category_title']} · "
                 f"{t('contracts.field.department_name')}: {found['department_name']}"]
        lines += [f"  + {s['number']} {s['title']} {s['amount_change'] or ''} {s['signed_date']}" for s in found["supplements"]]
        lines += [f"  = {s['number']} {t('status.' + s['status'])}" for s in found["settlements"]]
        self.query_one("#contracts-detail", Static).update("\n".join(lines))

    def action_filter(self) -> None:
        box = self.query_one("#contracts-filter", Input)
        box.add_class("-shown")
        box.focus()

    @on(Input.Changed, "#contracts-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._load(event.value)

    @on(Input.Submitted, "#contracts-filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.query_one("#contracts", DataTable).focus()

    @on(DataTable.RowSelected, "#contracts")
    def _selected_row(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self.detail is None or not self.detail["settlements"]:
            self.notify(t("contracts.screen.no_settlement"), severity="warning", markup=False)
            return
        from tui_office.workflows.contracts.ui.settlement import SettlementScreen

        self.app.push_screen(SettlementScreen(self.detail["settlements"][-1]["number"]), lambda _r: self.action_reload())

    def action_back(self) -> None:
        box = self.query_one("#contracts-filter", Input)
        if box.has_focus:
            box.value = ""
            box.remove_class("-shown")
            self.query_one("#contracts", DataTable).focus()
            return
        self.dismiss(None)
