"""The sales commands as a clerk runs them on the demo office: master data imported from CSV,
orders entered from JSON and CSV files, confirmed with `act`, seen with `show --json`, purchasing
reminded by `remind`; a file with bad rows is refused with one `file:line` message per problem and
changes nothing."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tui_office.cli.main import main
from tui_office.store import db as store_db


@pytest.fixture
def cli(tmp_path: Path, capsys, monkeypatch):
    db = tmp_path / "office.db"

    def run(*args: str, user: str = "sunyan", now: str = "2026-11-23T09:00") -> tuple[int, str, str]:
        monkeypatch.setenv("TUI_OFFICE_NOW", now)
        try:
            code = main(["--db", str(db), "--user", user, *args])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
        finally:
            store_db.close_database()
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    assert run("init", "--demo")[0] == 0
    return run


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_products_import_and_list_by_pinyin_initials(cli, tmp_path):
    path = write(tmp_path, "p.csv", "code,name,unit,list_price,tax_rate\nP900,红外测温仪,台,880.00,13\nP100,精密电子天平,台,12600,13\n")
    code, out, _ = cli("sales", "products", "import", path)
    assert code == 0 and "2 products" in out
    code, out, _ = cli("sales", "products", "list", "--search", "hwcwy", "--json")
    assert [p["code"] for p in json.loads(out)] == ["P900"]
    code, out, _ = cli("sales", "products", "list", "--search", "P100", "--json")
    assert json.loads(out)[0]["list_price"] == "12600.00"


def test_a_customer_file_with_bad_rows_names_each_line_and_changes_nothing(cli, tmp_path):
    path = write(tmp_path, "c.csv", "code,name,region,channel,salesperson,contact\n"
                                   "C100,苏州明达,华东,dealer,emily,张三\n"
                                   "C 1,坏编码,华东,direct,,\n"
                                   "C101,渠道错,华东,shop,nobody,\n")
    code, _, err = cli("sales", "customers", "import", path)
    lines = err.strip().splitlines()
    assert code == 1 and lines[0] == "tui-office: The file has problems; nothing was changed."
    assert lines[1].startswith(f"{path}:3: Customer code 'C 1'")
    assert lines[2] == f"{path}:4: The channel must be dealer or direct, not 'shop'."
    assert lines[3] == f"{path}:4: There is no active user 'nobody' to be the salesperson."
    _, out, _ = cli("sales", "customers", "list", "--search", "C100", "--json")
    assert json.loads(out) == []


def test_an_order_file_with_a_bad_row_is_refused_line_by_line_and_enters_nothing(cli, tmp_path):
    path = write(tmp_path, "o.csv",
                 "order,customer,basis,contract_no,signed_on,product,quantity,discount,delivery\n"
                 "A,C001,contract,HT-9,2026-11-20,P120,2,,2026-12-10\n"
                 "A,,,,,P999,1,,2026-12-10\n"
                 "B,C002,phoned,,,P100,0,120,2026-11-01\n")
    code, _, err = cli("sales", "order", "create", path)
    lines = err.strip().splitlines()[1:]
    assert code == 1
    assert f"{path}:3: lines[2].product: Line 2: there is no product with the code 'P999'." in lines
    assert any(x.startswith(f"{path}:4: lines[1].quantity: ") for x in lines)
    assert any(x.startswith(f"{path}:4: lines[1].discount: ") for x in lines)
    assert any(x.startswith(f"{path}:4: lines[1].delivery: check_failed") or
               x == f"{path}:4: lines[1].delivery: The delivery date is before the order date." for x in lines)
    code, out, _ = cli("inbox", "--json", user="zhaolei")
    assert "C002" not in out and "杭州" not in out


def test_an_order_from_phone_to_purchasing_reminder_through_the_cli(cli, tmp_path):
    """No contract → sales manager; over the threshold → leadership countersign; ten working days
    before delivery purchasing gets a task from `remind`; `show --json` has lines and totals."""
    order = {"customer": "C003", "basis": "phoned", "remarks": "电话订货",
             "lines": [{"product": "P100", "quantity": 16, "delivery": "2026-12-21"},
                       {"product": "S200", "quantity": 2, "discount": "10", "delivery": "2026-12-21"}]}
    code, out, err = cli("sales", "order", "create", write(tmp_path, "o.json", json.dumps(order, ensure_ascii=False)), "--json")
    assert code == 0, err
    [number] = json.loads(out)

    def shown():
        return json.loads(cli("show", number, "--json", user="admin")[1])

    def steps():
        return [s["step"] for s in shown()["current_steps"]]

    first = shown()
    assert steps() == ["manager"] and first["status"] == "in_progress"
    assert (first["fields"]["net_total"], first["fields"]["tax_total"], first["fields"]["gross_total"]) == \
        ("207500.00", "26786.00", "234286.00")
    assert [(x["product"], x["gross"]) for x in first["fields"]["lines"]] == [("P100", "231424.00"), ("S200", "2862.00")]
    assert cli("act", "approve", number, user="zhaolei")[0] == 0
    assert steps() == ["leadership"]
    assert cli("act", "approve", number, user="liuwei")[0] == 0
    assert steps() == ["leadership"]
    assert cli("act", "approve", number, user="chenjing")[0] == 0
    assert shown()["status"] == "approved"

    code, out, _ = cli("remind", user="admin", now="2026-12-04T08:00")
    assert number not in out
    code, out, _ = cli("remind", user="admin", now="2026-12-07T08:00")
    assert f"{number}: purchasing-1" in out and f"{number}: purchasing-2" in out
    code, out, _ = cli("inbox", "--json", user="hejun", now="2026-12-07T08:05")
    assert number in out


def test_from_order_to_balance_zero_through_the_cli(cli, tmp_path):
    """An approved order → a partial outbound slip (confirmed, issued, delivery note signed) → an
    invoice request (above the delivered value refused; confirmed, reviewed, issued, signed) → a
    payment (recorded, confirmed): `sales order show --json` follows every stage to balance 0."""
    order = {"customer": "C003", "basis": "phoned",
             "lines": [{"product": "P100", "quantity": 16, "delivery": "2026-12-21"},
                       {"product": "S200", "quantity": 2, "discount": "10", "delivery": "2026-12-21"}]}
    [number] = json.loads(cli("sales", "order", "create", write(tmp_path, "o.json", json.dumps(order)), "--json")[1])
    for who in ("zhaolei", "liuwei", "chenjing"):
        assert cli("act", "approve", number, user=who)[0] == 0

    def status(now):
        code, out, err = cli("sales", "order", "show", number, "--json", user="admin", now=now)
        assert code == 0, err
        return json.loads(out)

    def number_of(done):
        assert done[0] == 0, done[2]
        return done[1].strip()

    items = write(tmp_path, "ship.json", json.dumps([{"product": "P100", "quantity": "10"}]))
    slip = number_of(cli("submit", "sales_outbound", "--from", number, "--set", "ship_on=2026-12-08",
                         "--items", items, now="2026-12-07T08:10"))
    assert status("2026-12-07T08:11")["deliveries"] == [
        {"number": slip, "status": "in_progress", "step": "manager", "ship_on": "2026-12-08",
         "lines": [{"product": "P100", "quantity": "10.000"}], "issued_on": None, "note_signed_on": None,
         "note_signed_by": None}]
    assert cli("act", "approve", slip, user="zhaolei", now="2026-12-07T09:00")[0] == 0
    assert cli("act", "approve", slip, "--set", "issued_on=2026-12-08", user="guoqiang", now="2026-12-08T09:00")[0] == 0
    shown = status("2026-12-08T09:01")
    assert [(x["product"], x["shipped"], x["issued"]) for x in shown["lines"]] == [("P100", "10.000", "10.000"), ("S200", "0", "0")]
    assert shown["delivered"] == "144640.00"
    assert cli("act", "approve", slip, "--set", "note_signed_on=2026-12-09", "--set", "note_signed_by=李总",
               user="sunyan", now="2026-12-09T09:00")[0] == 0
    assert status("2026-12-09T09:01")["deliveries"][0]["note_signed_by"] == "李总"

    code, _, err = cli("submit", "sales_invoice", "--from", number, "--set", "amount=150000",
                       "--set", "invoice_on=2026-12-10", now="2026-12-09T10:00")
    assert code == 1 and "amount: sales_over_delivered:" in err and "144,640.00" in err
    invoice = number_of(cli("submit", "sales_invoice", "--from", number, "--set", "amount=144640.00",
                            "--set", "invoice_on=2026-12-10", now="2026-12-09T10:05"))
    assert cli("act", "approve", invoice, user="zhaolei", now="2026-12-09T11:00")[0] == 0
    assert cli("act", "approve", invoice, user="hejun", now="2026-12-09T14:00")[0] == 0
    assert status("2026-12-09T14:01")["invoiced"] == "0.00"
    assert cli("act", "approve", invoice, "--set", "invoice_no=04418823", "--set", "invoice_date=2026-12-10",
               user="wuhong", now="2026-12-10T09:00")[0] == 0
    shown = status("2026-12-10T09:01")
    assert (shown["invoiced"], shown["paid"], shown["balance"]) == ("144640.00", "0.00", "144640.00")
    assert cli("act", "approve", invoice, "--set", "invoice_signed_on=2026-12-11", user="sunyan", now="2026-12-11T09:00")[0] == 0

    payment = number_of(cli("submit", "sales_payment", "--from", number, "--set", "amount=144640.00",
                            "--set", "method=transfer", user="zhaolei", now="2026-12-14T09:00"))
    assert cli("act", "approve", payment, "--set", "received_on=2026-12-14", user="zhengxin", now="2026-12-14T10:00")[0] == 0
    assert status("2026-12-14T10:01")["paid"] == "0.00"
    assert cli("act", "approve", payment, user="wuhong", now="2026-12-14T11:00")[0] == 0
    shown = status("2026-12-14T11:01")
    assert (shown["invoiced"], shown["paid"], shown["balance"]) == ("144640.00", "144640.00", "0.00")
    assert [(p["number"], p["status"], p["amount"], p["method"]) for p in shown["payments"]] == [
        (payment, "approved", "144640.00", "transfer")]


def test_the_sales_report_is_an_export_kind_with_the_reports_options(cli, tmp_path):
    target = tmp_path / "r.xlsx"
    code, out, err = cli("export", "sales-report", "--period", "week", "--on", "2026-11-23", "--by", "customer",
                         "--format", "xlsx", "-o", str(target), user="zhaolei")
    assert code == 0 and out.strip() == f"1 rows written to {target}"
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(target).active.iter_rows()]
    assert rows == [["Customer", "Orders", "Net", "Gross", "From", "To"],
                    ["Total", 0, 0, 0, datetime(2026, 11, 23), datetime(2026, 11, 29)]]
    code, _, err = cli("export", "sales-report", "-o", str(tmp_path / "e.csv"), user="emily")
    assert code == 1 and err.count("\n") == 1 and "sales manager" in err and not (tmp_path / "e.csv").exists()
    code, _, err = cli("export", "sales-report", "--by", "colour", "-o", str(tmp_path / "c.csv"), user="zhaolei")
    assert code == 2 and "--by" in err and not (tmp_path / "c.csv").exists()
    code, out, _ = cli("sales", "report", "--on", "2026-11-23", "--out", str(tmp_path / "o.csv"), user="zhaolei")
    assert code == 0 and (tmp_path / "o.csv").read_bytes().decode("utf-8") == "\ufeffRegion,Orders,Net,Gross,From,To\r\n" \
                                                                             "Total,0,0,0,2026-11-01,2026-11-30\r\n"
