"""Provides `SalesReportScreen`: sales statistics (销售统计) — a week's or month's approved orders by
region, customer, channel, product or salesperson as a table with its total and a bar chart of the
gross drawn in the terminal.

`g` changes the grouping, `p` switches week and month, `←`/`→` go to the previous or next period,
`e` writes what is shown to an XLSX or CSV file (the `sales-report` export kind, as
`tui-office export sales-report` does).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual_plotext import PlotextPlot

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.exporting import Exporting
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.workflows.sales.report import shifted
from tui_office.workflows.sales.report_choices import GROUPS, PERIODS
from tui_office.workflows.sales.ui.tables import fill

CHART_BARS = 8
"""The largest rows drawn in the chart (the table has them all)."""


class SalesReportScreen(Exporting, LocalisedBindings, Screen[None]):
    """Sales statistics: table, total and bar chart for one period and grouping."""

    CSS_PATH = "report.tcss"

    BINDINGS = [
        Binding("g", "group", "keys.sales_group", id="sales_report.group"),
        Binding("p", "period", "keys.sales_period", id="sales_report.period"),
        Binding("left", "shift(-1)", "keys.sales_previous", id="sales_report.previous"),
        Binding("right", "shift(1)", "keys.sales_next", id="sales_report.next"),
        Binding("e", "export", "keys.export", id="sales_report.export"),
        Binding("escape,q", "back", "keys.sales_back", id="sales_report.back"),
    ]

    class Loaded(Message):
        """The figures arrived (or the reason there are none)."""

        def __init__(self, found: Any = None, error: str = "") -> None:
            self.found, self.error = found, error
            super().__init__()

    def __init__(self, on: date | None = None, period: str = "month", by: str = "region") -> None:
        super().__init__(classes="sales-report-screen")
        self.on = on
        """A day in the period shown (None: today)."""
        self.period = period
        self.by = by
        self.refused = False
        """The figures were refused (who may see them): there is nothing to export."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="report-title", markup=False)
        yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
        yield PlotextPlot(id="report-chart")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = t("sales.screen.report")
        if self.on is None:
            self.on = self.app.office.clock.today()
        self._load()

    @work(thread=True, exit_on_error=False, group="sales-report", exclusive=True)
    def _load(self) -> None:
        from tui_office.workflows.sales import reports

        try:
            found = reports.sales_report(self.app.office, self.app.me.login, self.period, self.on, self.by)
        except OfficeError as exc:
            self.post_message(self.Loaded(error=str(exc)))
            return
        self.post_message(self.Loaded(inert(found)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        title = self.query_one("#report-title", Static)
        table = self.query_one("#report-table", DataTable)
        self.refused = bool(message.error)
        if message.error:
            table.clear(columns=True)
            title.update(message.error)
            self.notify(message.error, severity="error", timeout=8)
            return
        found = message.found
        title.update(f"{t('sales.report.title', start=found.start.isoformat(), end=found.end.isoformat())}"
                     f" · {t(f'sales.report.{self.period}')} · {t(f'sales.report.by_{self.by}')}"
                     + ("" if found.rows else f" · {t('sales.report.empty')}"))
        body = found.table()
        fill(table, ["#", *found.headers()],
             [[str(i) if i < len(body) else "", *row] for i, row in enumerate(body, start=1)], right={2, 3, 4})
        self._chart(found)

    def _chart(self, found: Any) -> None:
        chart = self.query_one("#report-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        rows = found.rows[:CHART_BARS]
        if rows:
            # Bars are labelled by the rank the table shows (#): plotext lays text out one cell per
            # character, so Chinese names would break its frame.
            labels = [str(rank) for rank in range(1, len(rows) + 1)]
            plt.bar(labels, [float(r.gross) for r in rows], orientation="horizontal", width=0.5)
        plt.title(t("sales.report.chart", by=t(f"sales.report.by_{self.by}")))
        chart.refresh()

    def action_group(self) -> None:
        self.by = GROUPS[(GROUPS.index(self.by) + 1) % len(GROUPS)]
        self._load()

    def action_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self._load()

    def action_shift(self, steps: int) -> None:
        self.on = shifted(self.period, self.on, steps)
        self._load()

    def export_request(self) -> tuple[str, dict] | None:
        return None if self.refused else ("sales-report", {"period": self.period, "on": self.on, "by": self.by})

    def action_back(self) -> None:
        self.dismiss(None)

