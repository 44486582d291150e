"""The purchase request after purchasing's contract, from the command line as the people in it run
it: purchasing records the goods received, the requester checks them (one rejection sends them back
to purchasing with notes), and finance records the payment before the request is archived."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.backend import office_db
from tests.cli.os_accounts import Cli
from tui_office.store import db as store_db

NOW = "2026-11-23T09:00"


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    office = Cli(office_db(tmp_path), capsys, monkeypatch)
    code, _, err = office("init", "--demo", now=NOW)
    assert code == 0, err
    return office


def ok(cli: Cli, who: str, *args: str) -> str:
    code, out, err = cli("--user", who, *args, now=NOW)
    assert code == 0, err
    return out.strip()


def test_goods_received_checked_once_rejected_then_paid(cli: Cli, tmp_path: Path) -> None:
    items = tmp_path / "items.json"
    items.write_text(json.dumps([{"name": "Toner", "qty": 10, "price": "300"},
                                 {"name": "Paper", "qty": 20, "price": "30"}]), encoding="utf-8")
    number = ok(cli, "emily", "submit", "purchase_request", "--set", "item=Toner and paper", "--set", "quantity=30",
                "--set", "amount=3600", "--set", "reason=Quarterly stock", "--items", str(items))
    for who in ("zhaolei", "chenjing", "liuwei"):
        ok(cli, who, "act", "approve", number, "--comment", "同意")
    ok(cli, "hejun", "act", "approve", number, "--comment", "Ordered", "--set", "supplier=Acme Office",
       "--set", "contract_amount=3600")

    code, _, err = cli("--user", "hejun", "act", "approve", number, "--comment", "arrived",
                       "--set", "received_on=2026-11-25", now=NOW)
    assert code == 1 and "received: required" in err  # the receipt needs the quantities of its lines
    short = json.dumps([{"name": "Toner", "qty": 10}, {"name": "Paper", "qty": 15}])
    ok(cli, "hejun", "act", "approve", number, "--comment", "Arrived", "--set", "received_on=2026-11-25",
       "--set", f"received={short}")

    code, _, err = cli("--user", "emily", "act", "return", number, now=NOW)
    assert code == 1 and "opinion" in err.lower()  # a rejection says what is wrong
    assert ok(cli, "emily", "act", "return", number, "--comment", "Five reams of paper missing") \
        == f"{number} returned to Purchasing: goods received."
    waiting = json.loads(ok(cli, "linna", "inbox", "--json"))
    assert [(d["number"], d["step"]) for d in waiting] == [(number, "receipt")]  # back with purchasing

    full = json.dumps([{"name": "Toner", "qty": 10}, {"name": "Paper", "qty": 20}])
    ok(cli, "linna", "act", "approve", number, "--comment", "Rest delivered", "--set", "received_on=2026-11-26",
       "--set", f"received={full}")
    ok(cli, "emily", "act", "approve", number, "--comment", "All there")
    code, _, err = cli("--user", "zhengxin", "act", "approve", number, "--comment", "paid",
                       "--set", "paid_on=2026-11-27", "--set", "payment_ref=BK-2026-1127", now=NOW)
    assert code == 1 and "paid_amount: required" in err
    ok(cli, "zhengxin", "act", "approve", number, "--comment", "Paid", "--set", "paid_on=2026-11-27",
       "--set", "paid_amount=3600", "--set", "payment_ref=BK-2026-1127")

    doc = json.loads(ok(cli, "emily", "show", number, "--json"))
    assert doc["status"] == "approved"
    fields = doc["fields"]
    assert fields["received_on"] == "2026-11-26" and [r["qty"] for r in fields["received"]] == [10, 20]
    assert (fields["paid_on"], fields["paid_amount"], fields["payment_ref"]) == ("2026-11-27", "3600.00", "BK-2026-1127")
    steps = [(h["actor"], h["action"], h["step"], h["comment"]) for h in doc["history"]][5:]
    assert steps == [
        ("hejun", "approve", "receipt", "Arrived"),
        ("emily", "return", "check", "Five reams of paper missing"),
        ("linna", "approve", "receipt", "Rest delivered"),
        ("emily", "approve", "check", "All there"),
        ("zhengxin", "approve", "payment", "Paid"),
    ]
