"""Provides the statistics screen (流程统计, `T` from anywhere, and the palette): tables of counts,
cycle times, bottlenecks and the weekly trend, with a chart of documents submitted and finished
per week drawn in the terminal (under every tab; in a window under 32 rows, under the trend's only).

`r` steps through the ranges (twelve weeks, four weeks, this year, last year), `f` and `d` through
the forms and departments (then back to all), `t` to the next group of tables; enter on a row lists
the documents behind it (`StatsDocumentsScreen`), where enter opens one; `e` exports every table
(one sheet each).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from tui_office.domain.errors import OfficeError
from tui_office.domain.statistics import RANGES, preset
from tui_office.i18n import t
from tui_office.services.statistics import Figure
from tui_office.ui import keymap
from tui_office.ui.exporting import Exporting
from tui_office.ui.inert import inert
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.screens.document_list import DocumentListKeys, next_choice
from tui_office.ui.widgets.cells import clip
from tui_office.ui.widgets.tables import fill_table

TABS = {
    "counts": (("by_form",), ("by_status",), ("by_department",)),
    "cycle": (("cycle_by_form", "cycle_by_step"),),
    "bottlenecks": (("waiting_steps",), ("overdue_people", "overdue_by_department")),
    "trend": (("weeks",),),
}
"""The groups of tables (tabs): columns side by side, each with its tables one above the other."""
SUBMITTED_COLOUR, FINISHED_COLOUR = "cyan", "magenta"
"""The chart's two lines (the legend above it is drawn in the same colours)."""
TEXT_WIDTH = 22
"""Most cells a form, step, person or department name takes in a table."""
NARROW = 100
"""Below this many columns the documents behind a row are listed without their form."""


def fill(table: DataTable, headers: list[str], rows: list[list[Any]]) -> None:
    """Put typed `rows` in `table`: text clipped to `TEXT_WIDTH` cells, numbers right-aligned, each
    column as wide as its widest cell (Chinese counted two cells a character)."""
    from tui_office.services.statistics_tables import text

    cells = [[Text(text(v), justify="right") if isinstance(v, (int, float)) or v is None else
              clip(text(v), TEXT_WIDTH) for v in row] for row in rows]
    fill_table(table, headers, cells)


class StatisticsScreen(Exporting, LocalisedBindings, Screen[None]):
    """Process statistics for a range, a form and a department."""

    BINDINGS = keymap.bindings("stats.")

    refused: reactive[bool] = reactive(False, bindings=True)
    """The figures were refused (who may see them): ranges, filters, tables and export are dimmed."""
    NEEDS_FIGURES = frozenset({"open", "range", "step", "next_tab", "export"})

    class Loaded(Message):
        """The worker's answer: the statistics and their tables, the filters' choices, or why not."""

        def __init__(self, found: Any = None, tables: list | None = None, choices: dict | None = None,
                     error: str = "") -> None:
            self.found, self.tables, self.choices, self.error = found, tables or [], choices, error
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.range = RANGES[0]
        """The named range shown (`domain.statistics.RANGES`)."""
        self.filters: dict[str, str | None] = {"form": None, "dept": None}
        self.choices: dict[str, list[tuple[str, str]]] = {"form": [], "dept": []}
        self.figures: dict[str, list[Figure]] = {}
        """The figure behind each row of each table, by table name."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("stats.loading"), id="stats-filters", markup=False)
        with TabbedContent(id="stats-tabs"):
            for tab, columns in TABS.items():
                with TabPane(t(f"stats.tab.{tab}"), id=f"stats-tab-{tab}"):
                    with Horizontal(classes="stats-tables"):
                        for names in columns:
                            with Vertical(classes="stats-column"):
                                for name in names:
                                    yield Static(t(f"stats.table.{name}"), classes="stats-table-title", markup=False)
                                    yield DataTable(id=f"stats-{name}", cursor_type="row", zebra_stripes=True)
        yield Static(t("stats.chart_title"), id="stats-chart-title", markup=False)
        yield PlotextPlot(id="stats-chart")
        yield Static(t("stats.hint"), id="stats-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("stats.title")
        self._load(first=True)

    def _range(self) -> tuple:
        return preset(self.range, self.app.office.clock.today())

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def _load(self, first: bool = False) -> None:
        from tui_office.services import statistics
        from tui_office.services.statistics_tables import tables

        office, login = self.app.office, self.app.me.login
        since, until = self._range()
        try:
            choices = statistics.choices(office, login) if first else None
            found = statistics.compute(office, login, since=since, until=until, **self.filters)
        except OfficeError as exc:
            self.post_message(self.Loaded(error=str(exc)))
            return
        self.post_message(self.Loaded(inert(found), inert(tables(found)), choices))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.choices is not None:
            self.choices = message.choices
        status = self.query_one("#stats-status", Static)
        self.refused = bool(message.error)
        if message.error:
            self.query_one("#stats-filters", Static).update(message.error)
            status.update(message.error)
            return
        found = message.found
        names = dict(self.choices["dept"])
        labels = {name: next((label for value, label in self.choices[name] if value == self.filters[name]),
                             t("stats.all")) for name in self.filters}
        self.query_one("#stats-filters", Static).update(t(
            "stats.filters", since=found.since.isoformat(), until=found.until.isoformat(), form=labels["form"],
            dept=labels["dept"] if self.filters["dept"] else (", ".join(names.get(code, code) for code in found.departments)
                                                              or t("stats.scope_all"))))
        for table in message.tables:
            fill(self.query_one(f"#stats-{table.name}", DataTable), [t(f"stats.column.{c}") for c in table.columns],
                 table.rows)
            self.figures[table.name] = table.figures
        status.update(t("stats.hint") if found.total else t("stats.empty"))
        self._chart(found)

    def _chart(self, found: Any) -> None:
        """Documents submitted and finished per week, as two lines (weeks numbered from the first;
        the trend table names them: plotext lays text out one cell a character)."""
        chart = self.query_one("#stats-chart", PlotextPlot)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        if found.weeks:
            x = list(range(1, len(found.weeks) + 1))
            plt.plot(x, [w.submitted for w in found.weeks], marker="braille", color=SUBMITTED_COLOUR)
            plt.plot(x, [w.finished for w in found.weeks], marker="braille", color=FINISHED_COLOUR)
            plt.xticks(x, [w.start.strftime("%m-%d") for w in found.weeks])
        chart.refresh()
        self.query_one("#stats-chart-title", Static).update(Text.assemble(
            f"{t('stats.chart_title')}:  ", ("━━ ", SUBMITTED_COLOUR), t("stats.chart_submitted"), "   ",
            ("━━ ", FINISHED_COLOUR), t("stats.chart_finished")))

    @on(TabbedContent.TabActivated, "#stats-tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        """A short window has room for the chart on the trend tab only (`-trend`, see base.tcss)."""
        self.set_class(event.pane.id == "stats-tab-trend", "-trend")

    # ---- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self.refused and action in self.NEEDS_FIGURES else True

    def action_range(self) -> None:
        self.range = RANGES[(RANGES.index(self.range) + 1) % len(RANGES)]
        self._load()

    def action_step(self, name: str) -> None:
        """The filter's next choice (after the last: all again)."""
        self.filters[name] = next_choice(self.filters[name], self.choices.get(name, []))
        self._load()

    def action_next_tab(self) -> None:
        tabs = self.query_one("#stats-tabs", TabbedContent)
        names = list(TABS)
        current = (tabs.active or "").removeprefix("stats-tab-")
        following = names[(names.index(current) + 1) % len(names)] if current in names else names[0]
        tabs.active = f"stats-tab-{following}"
        self.call_after_refresh(self.query_one(f"#stats-{TABS[following][0][0]}", DataTable).focus)  # once shown

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self._drill(event.data_table)

    def action_open(self) -> None:
        """The documents behind the row under the cursor of the focused table, else of the first
        table of the tab shown."""
        if isinstance(self.focused, DataTable):
            self._drill(self.focused)
            return
        current = (self.query_one("#stats-tabs", TabbedContent).active or "").removeprefix("stats-tab-")
        if current in TABS:
            self._drill(self.query_one(f"#stats-{TABS[current][0][0]}", DataTable))

    def _drill(self, table: DataTable) -> None:
        """The documents behind the row under the cursor of `table`."""
        name = (table.id or "").removeprefix("stats-")
        figures = self.figures.get(name, [])
        row = table.cursor_row
        if 0 <= row < len(figures):
            label = f"{t(f'stats.table.{name}')} · {table.get_row_at(row)[0]}"
            since, until = self._range()
            self.app.push_screen(StatsDocumentsScreen(figures[row], label, since=since, until=until, **self.filters))

    def export_request(self) -> tuple[str, dict] | None:
        if self.refused:
            return None
        since, until = self._range()
        return "stats", {"since": since, "until": until, **self.filters}

    def action_back(self) -> None:
        self.dismiss()


class StatsDocumentsScreen(DocumentListKeys, LocalisedBindings, Screen[None]):
    """The documents behind one row of the statistics; enter opens one."""

    LIST_ID = "stats-documents"
    BINDINGS = keymap.bindings("statsdocs.")
    COLUMNS = {"number": 14, "form": 16, "title": 32, "initiator": 12, "status": 12}

    class Loaded(Message):
        def __init__(self, rows: list, error: str = "") -> None:
            self.rows, self.error = rows, error
            super().__init__()

    def __init__(self, figure: Figure, label: str, **filters: Any) -> None:
        super().__init__()
        self.figure, self.label, self.filters = figure, label, filters
        self.rows: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.label, id="stats-documents-title", markup=False)
        yield DataTable(id="stats-documents", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("stats.title")
        self._load()

    @work(thread=True, exclusive=True, group="stats-documents", exit_on_error=False)
    def _load(self) -> None:
        from tui_office.services import statistics

        try:
            rows = statistics.documents(self.app.office, self.app.me.login, self.figure, **self.filters)
        except OfficeError as exc:
            self.post_message(self.Loaded([], str(exc)))
            return
        self.post_message(self.Loaded(inert(rows)))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.rows = message.rows
        table = self.query_one("#stats-documents", DataTable)
        table.clear(columns=True)
        columns = {k: w for k, w in self.COLUMNS.items() if k != "form" or self.app.size.width >= NARROW}
        for key, width in columns.items():
            table.add_column(t(f"search.column.{key}"), key=key, width=width)
        for row in self.rows:
            values = {"number": row.number, "form": row.form_title, "title": row.title,
                      "initiator": row.initiator_name, "status": t(f"status.{row.status}")}
            table.add_row(*(clip(values[k], w) for k, w in columns.items()), key=row.number)
        title = message.error or (t("stats.documents_title", figure=self.label, count=len(self.rows))
                                  if self.rows else t("stats.nothing_behind"))
        self.query_one("#stats-documents-title", Static).update(title)
        table.focus()

    @property
    def listed(self) -> list:
        return self.rows
