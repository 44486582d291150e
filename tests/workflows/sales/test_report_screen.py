"""`e` on the sales statistics writes the figures shown (period and grouping as on screen) to a file,
as the other lists do."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl

from tests.ui.conftest import settle
from tests.ui.formhost import Host, steady  # noqa: F401  (autouse fixture)
from tests.workflows.sales.test_report_snapshots import office  # noqa: F401  (seven November orders)
from tui_office.ui.dialogs.export_file import ExportFileDialog
from tui_office.workflows.sales.ui.report import SalesReportScreen


async def test_e_exports_the_grouping_and_period_shown(office, tmp_path):  # noqa: F811
    target = tmp_path / "sales.xlsx"
    app = Host(office, "zhaolei", lambda: SalesReportScreen(on=date(2026, 11, 23)))
    notices: list[str] = []
    app.notify = lambda message, **_: notices.append(message)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p", "g", "g", "e")  # the week of 23 November, by channel
        await settle(pilot)
        assert isinstance(app.screen, ExportFileDialog)
        app.screen.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    assert notices[-1] == f"3 rows written to {target}"
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0] == ("Channel", "Orders", "Net", "Gross", "From", "To")
    assert [r[0] for r in rows[1:]] == ["Dealer", "Direct", "Total"]
    assert rows[-1][1] == 7 and rows[-1][4:] == (datetime(2026, 11, 23), datetime(2026, 11, 29))
