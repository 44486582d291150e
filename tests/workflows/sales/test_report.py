"""Sales statistics: approved orders of a week or month summed by region, customer, channel, product
or salesperson, rows adding up to the total; exported as the `sales-report` kind (XLSX with typed
figures, CSV with a BOM), `sales report --out` writing the same file."""

from __future__ import annotations

import codecs
import csv
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from tests.factories import demo_office
from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.services import export
from tui_office.services.decisions import act
from tui_office.workflows.sales import orders, report, reports
from tui_office.workflows.sales.report_choices import PERIODS


@pytest.fixture
def office(tmp_path):
    office = demo_office(tmp_path)
    for customer, product, quantity in (("C001", "P100", "1"), ("C002", "P120", "10"), ("C005", "P100", "2")):
        orders.create_order(office, "sunyan", {"customer": customer, "contract_no": "HT", "signed_on": "2026-11-23",
                                              "lines": [{"product": product, "quantity": quantity,
                                                         "delivery": "2026-12-21"}]})
    waiting = orders.create_order(office, "sunyan", {"customer": "C003", "basis": "phoned",   # not approved: left out
                                                    "lines": [{"product": "P100", "quantity": "9", "delivery": "2026-12-21"}]})
    assert waiting
    return office


def test_a_month_by_region_adds_up_to_its_total(office):
    found = reports.sales_report(office, "zhaolei", "month", date(2026, 11, 5), "region")
    assert sorted((r.key, r.orders, r.gross) for r in found.rows) == [
        ("华东", 2, Decimal("28928.00")), ("华南", 1, Decimal("28928.00"))]
    assert found.total.gross == sum(r.gross for r in found.rows) == Decimal("57856.00")
    assert found.total.orders == 3


def test_by_channel_and_by_salesperson_name_dealers_and_people(office):
    by_channel = reports.sales_report(office, "liuwei", "week", date(2026, 11, 25), "channel")
    assert {r.key: r.orders for r in by_channel.rows} == {"dealer": 2, "direct": 1}
    by_person = reports.sales_report(office, "wuhong", "month", date(2026, 11, 1), "salesperson")
    assert {r.label for r in by_person.rows} == {"Emily Carter", "Zhou Qiang"}


def test_a_clerk_outside_sales_and_finance_is_refused(office):
    with pytest.raises(PermissionDenied):
        reports.sales_report(office, "emily", "month", date(2026, 11, 1), "region")


def test_the_report_exports_as_xlsx_with_typed_figures_and_its_total(office, tmp_path):
    found = reports.sales_report(office, "zhaolei", "month", date(2026, 11, 1), "customer")
    written = export.export(office, "zhaolei", "sales-report", tmp_path / "r.xlsx", on=date(2026, 11, 1), by="customer")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert written.rows == 4 and sheet.freeze_panes == "A2"
    assert rows[0] == ["Customer", "Orders", "Net", "Gross", "From", "To"]
    assert [r[1:4] for r in rows[1:-1]] == [[r.orders, float(r.net), float(r.gross)] for r in found.rows]
    assert rows[-1] == ["Total", 3, float(found.total.net), 57856, datetime(2026, 11, 1), datetime(2026, 11, 30)]
    assert sum(r[3] for r in rows[1:-1]) == rows[-1][3]
    assert sheet["C2"].number_format == sheet["D5"].number_format == "#,##0.00"  # money to the cent
    assert any(str(r[0]).endswith("上海恒通贸易有限公司") for r in rows)


def test_sales_report_out_writes_the_same_bom_csv_as_the_export(office, tmp_path):
    found = reports.sales_report(office, "zhaolei", "week", date(2026, 11, 25), "channel")
    assert reports.write_report(found, str(tmp_path / "out.csv")) == 2
    export.export(office, "zhaolei", "sales-report", tmp_path / "kind.csv", period="week", on="2026-11-25", by="channel")
    assert (tmp_path / "out.csv").read_bytes() == (tmp_path / "kind.csv").read_bytes()
    assert (tmp_path / "out.csv").read_bytes().startswith(codecs.BOM_UTF8)
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["Channel", "Orders", "Net", "Gross"] and rows[-1][:4] == ["Total", "3", "51200", "57856"]


@pytest.mark.parametrize("who, options, error", [
    ("emily", {}, PermissionDenied),                                    # not sales, leadership or finance
    ("zhaolei", {"by": "colour"}, ValidationError),
    ("zhaolei", {"period": "year"}, ValidationError),
    ("zhaolei", {"on": "2026-13-01"}, ValidationError),
    ("zhaolei", {"on": "2026-11-01\x1b[2J"}, ValidationError),
    ("zhaolei", {"on": 20261101}, ValidationError),
])
def test_a_refused_report_export_writes_no_file(office, tmp_path, who, options, error):
    with pytest.raises(error) as refused:
        export.export(office, who, "sales-report", tmp_path / "r.xlsx", **options)
    assert getattr(refused.value, "field", "") == next(iter(options), "")
    assert list(tmp_path.glob("*.xlsx")) == []


days = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("99999"), places=2)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(days, st.sampled_from(["华东", "华北", "华南"]), amounts), max_size=40),
       st.sampled_from(PERIODS), days)
def test_rows_always_add_up_to_the_total_and_keep_to_the_period(rows, kind, on):
    lines = [report.SaleLine(f"SO-{i}", d, region, "C", "C", "direct", "emily", "P", "P", Decimal(1), a, a)
             for i, (d, region, a) in enumerate(rows)]
    start, end = report.period(kind, on)
    found, total = report.summarise(lines, "region", start, end)
    assert sum(r.gross for r in found) == total.gross == sum(x.gross for x in lines if start <= x.day <= end)
    assert start <= on <= end and (kind != "week" or start.weekday() == 0)
