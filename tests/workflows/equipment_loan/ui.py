"""Provides the equipment-loan screen and its palette command."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.widgets import DataTable, Footer

from tests.workflows.equipment_loan import service
from tui_office.domain.errors import OfficeError
from tui_office.services import decisions
from tui_office.i18n import t


class EquipmentLoansScreen(Screen):
    """My loans; `r` returns the highlighted one."""

    BINDINGS = [Binding("r", "return_item", "Return", id="equipment.return"),
                Binding("q", "app.pop_screen", "Back", id="equipment.back")]

    def compose(self) -> ComposeResult:
        yield DataTable(id="loans", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Number", "Item", "Status", "Due", "Returned")
        self.reload()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for loan in service.loans(self.app.office, self.app.me.login):
            table.add_row(loan.number, loan.item, loan.status, loan.due or "", loan.returned_at or "", key=loan.number)

    def action_return_item(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            self._return(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @work(thread=True)
    def _return(self, number: str) -> None:
        try:
            text = decisions.act(self.app.office, self.app.me.login, service.ACTION, number)
        except OfficeError as exc:
            text = str(exc)
        self.app.call_from_thread(self.app.notify, text)
        self.app.call_from_thread(self.reload)


class EquipmentCommands(Provider):
    """ctrl+p: My equipment loans."""

    def _label(self) -> str:
        return t("keys.equipment_loans")

    def _open(self) -> None:
        self.app.push_screen(EquipmentLoansScreen())

    async def discover(self) -> Hits:
        yield DiscoveryHit(self._label(), self._open, help=t("equipment.title"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match(self._label())
        if score > 0:
            yield Hit(score, matcher.highlight(self._label()), self._open, help=t("equipment.title"))
