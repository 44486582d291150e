"""Sales-order figures: a keypress in the entry grid of a 50-line order until the totals show it,
against a bare Textual input echoing into a label; and sales statistics over 100,000 orders.

    python bench/sales.py [--keys 60] [--orders 100000] [--only entry|report]

* entry: the sales-order entry screen with 50 lines typed in; then digits typed into one line's
  quantity (then erased), each timed from the moment the app receives the key until the screen
  has been drawn with the line's gross and the order's totals recomputed (the first refresh after
  them). The bare app is one `Input` whose `Changed` handler writes its value into a `Static`,
  timed the same way. Both in Textual's headless test driver, alternating.
* report: approved orders written with raw `sqlite3` into a demo office (five lines each, random
  customers, products and days over two years); then `reports.sales_report` for a month by region
  and by customer, timed end to end (reading every approved order's lines, summing, sorting).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENTRY_TARGET_MS = 30.0


def _office(folder: Path):
    from tui_office.config import Settings
    from tui_office.domain.clock import FixedClock
    from tui_office.services import demo
    from tui_office.services.office import Office

    office = Office.open(Settings(), folder / "office.db", clock=FixedClock(datetime(2026, 11, 23, 9)))
    demo.load_office(office)
    return office


async def bench_entry(keys: int) -> dict:
    from textual import events
    from textual.app import App
    from textual.widgets import Input, Static

    from tui_office.services import directory
    from tui_office.ui.focus_keys import SteadyFocus
    from tui_office.workflows.sales.ui.entry import OrderEntryScreen
    from tui_office.workflows.sales.ui.line_row import LineRow

    office = _office(Path(tempfile.mkdtemp()))
    clock = time.perf_counter_ns
    stamps: dict[str, list[int]] = {"entry": [], "bare": []}
    arrived = {"at": 0}

    class Timed:
        """Stamps each key as the app receives it."""

        async def on_event(self, event):
            if isinstance(event, events.Key):
                arrived["at"] = clock()
            await super().on_event(event)

    class Entry(OrderEntryScreen):
        CSS_PATH = str(Path(sys.modules[OrderEntryScreen.__module__].__file__).with_name("entry.tcss"))

        def _update_totals(self) -> None:
            super()._update_totals()
            if arrived["at"]:
                start = arrived["at"]
                self.call_after_refresh(lambda: stamps["entry"].append(clock() - start))

    class Host(Timed, SteadyFocus, App):
        def __init__(self) -> None:
            super().__init__()
            self.office, self.me = office, directory.get_user(office, "sunyan")

        def on_mount(self) -> None:
            self.push_screen(Entry())

    class Bare(Timed, App):
        def compose(self):
            yield Input()
            yield Static(id="echo")

        def on_input_changed(self, event: Input.Changed) -> None:
            self.query_one("#echo", Static).update(event.value)
            if arrived["at"]:
                start = arrived["at"]
                self.call_after_refresh(lambda: stamps["bare"].append(clock() - start))

    codes = ["P100", "P110", "P120", "P130", "P140", "P150", "P160", "P170", "S200", "S210"]
    host, bare = Host(), Bare()
    async with host.run_test(size=(120, 40)) as pilot, bare.run_test(size=(120, 40)) as bare_pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down")
        for n in range(50):
            await pilot.press(*codes[n % 10], "tab", *str(n % 7 + 1))
            if n == 0:
                await pilot.press("tab", "tab", "tab", "tab", *"2026-12-21")
            await pilot.press("enter")
        rows = list(host.screen.query(LineRow))
        assert len(rows) == 51, len(rows)
        rows[25].cell("quantity").focus()
        await pilot.press("end")
        await bare_pilot.click(Input)
        stamps["entry"].clear()
        stamps["bare"].clear()
        totals = host.screen.query_one("#totals", Static)
        for i in range(keys):
            key = "backspace" if i % 2 else "5"
            before = str(totals.render())
            await pilot.press(key)
            await pilot.pause()
            assert str(totals.render()) != before, "the totals did not follow the key"
            await bare_pilot.press(key)
            await bare_pilot.pause()
    office.close()
    entry, bare_ms = statistics.median(stamps["entry"]) / 1e6, statistics.median(stamps["bare"]) / 1e6
    return {"entry_median_ms": round(entry, 2),
            "entry_p90_ms": round(sorted(stamps["entry"])[int(len(stamps["entry"]) * .9)] / 1e6, 2),
            "bare_median_ms": round(bare_ms, 2), "ratio": round(entry / bare_ms, 2), "lines": 50,
            "keys": len(stamps["entry"]), "target_ms": ENTRY_TARGET_MS, "ok": entry <= ENTRY_TARGET_MS}


def bench_report(count: int) -> dict:
    from tui_office.services import registry
    from tui_office.store.models import Definition
    from tui_office.workflows.sales import reports
    from tui_office.workflows.sales.money import line_amounts

    folder = Path(tempfile.mkdtemp())
    office = _office(folder)
    registry.sync(office)
    definition = Definition.select().where(Definition.form_id == "sales_order").order_by(Definition.id.desc()).get().id
    customers = [("C001", "上海恒通贸易有限公司", "华东", "emily"), ("C002", "杭州新源科技有限公司", "华东", "zhouqiang"),
                 ("C003", "北京嘉禾仪器有限公司", "华北", "zhaolei"), ("C004", "天津海晟化工有限公司", "华北", "emily"),
                 ("C005", "广州瑞丰实验器材有限公司", "华南", "zhouqiang"), ("C006", "Shenzhen Bright Labs Ltd.", "华南", "emily")]
    products = [("P100", "12800.00", "13"), ("P110", "3650.00", "13"), ("P120", "1280.00", "13"), ("P130", "460.00", "13"),
                ("S200", "1500.00", "6"), ("S210", "2600.00", "6")]
    rng = random.Random(7)
    start = date(2025, 1, 1)
    con = sqlite3.connect(folder / "office.db")
    user = con.execute('SELECT id FROM "user" WHERE login = ?', ("sunyan",)).fetchone()[0]
    rows = []
    t0 = time.perf_counter()
    for n in range(count):
        code, name, region, person = rng.choice(customers)
        day = start + timedelta(days=rng.randrange(700))
        lines = []
        for _ in range(5):
            product, price, rate = rng.choice(products)
            quantity = Decimal(rng.randint(1, 20))
            amounts = line_amounts(quantity, Decimal(price), Decimal(0), Decimal(rate))
            lines.append({"product": product, "name": product, "quantity": str(quantity), "unit_price": price,
                          "tax_rate": rate, "net": str(amounts.net), "tax": str(amounts.tax),
                          "gross": str(amounts.gross)})
        fields = {"customer": code, "customer_name": name, "region": region, "salesperson": person,
                  "basis": "contract", "order_date": day.isoformat(), "lines": lines}
        stamp = f"{day.isoformat()} 09:00:00"
        rows.append((f"SO-B-{n:07d}", "sales_order", definition, name, user, "approved", 1,
                     json.dumps(fields, ensure_ascii=False), "[]", "{}", stamp, stamp, stamp, stamp, 1, 1))
    con.executemany(
        "INSERT INTO document (number, form_id, definition_id, title, initiator_id, status, round, fields, flags,"
        " state, created_at, updated_at, submitted_at, finished_at, archived, version)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.commit()
    con.close()
    written = time.perf_counter() - t0
    timings = {}
    for by in ("region", "customer"):
        t0 = time.perf_counter()
        found = reports.sales_report(office, "zhaolei", "month", date(2026, 3, 15), by)
        timings[by] = round(time.perf_counter() - t0, 2)
        assert found.total.gross == sum(r.gross for r in found.rows)
    office.close()
    return {"orders": count, "lines": count * 5, "write_s": round(written, 1), "report_s": timings}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--only", choices=("entry", "report"))
    args = parser.parse_args()
    ok = True
    if args.only in (None, "entry"):
        found = asyncio.run(bench_entry(args.keys))
        print("entry", json.dumps(found))
        ok = ok and found["ok"]
    if args.only in (None, "report"):
        print("report", json.dumps(bench_report(args.orders), ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
