"""The inbox and an approval on PostgreSQL against the same office on SQLite: medians and ratio.

    python bench/generate.py --docs 100000 --audit-docs 100000 --db /tmp/bench.db
    createdb bench
    python bench/postgres.py --db /tmp/bench.db --to postgresql://postgres@/bench?host=/tmp

Loads the generated SQLite office into the empty PostgreSQL database exactly as `migrate-db` does
(`COPY`, then `audit verify` there) and reports the time, then measures on each database in turn
the same service calls as `inbox_approve.py` — one page of the user's to-do tab (the 50 earliest
due plus the total) and `decisions.act(…, "approve", …)` on the same tasks — and prints each
median and p90 with the ratio PostgreSQL / SQLite. The approvals use up the user's earliest tasks
in both databases; generate again for another run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _median_p90(samples: list[int]) -> tuple[float, float]:
    return statistics.median(samples) / 1e6, statistics.quantiles(samples, n=10)[-1] / 1e6


def measure(target: str | Path, login: str, inbox_runs: int, approvals: int, numbers: list[str] | None) -> dict:
    """Inbox pages and approvals through the services on one database; the numbers approved."""
    from tui_office.config import Settings
    from tui_office.services import decisions, queries
    from tui_office.services.office import Office

    office = Office.open(Settings(), target)
    try:
        if numbers is None:
            page = queries.inbox(office, login, "todo", limit=2 * approvals + 10)
            numbers = [row.number for row in page.rows]
        for _ in range(20):  # warm up
            queries.inbox(office, login, "todo", limit=50)
        inbox_ns = []
        for _ in range(inbox_runs):
            t0 = time.perf_counter_ns()
            page = queries.inbox(office, login, "todo", limit=50)
            inbox_ns.append(time.perf_counter_ns() - t0)
        for number in numbers[:5]:
            decisions.act(office, login, "approve", number)
        approve_ns = []
        for number in numbers[5:5 + approvals]:
            t0 = time.perf_counter_ns()
            decisions.act(office, login, "approve", number)
            approve_ns.append(time.perf_counter_ns() - t0)
        return {"inbox": _median_p90(inbox_ns), "approve": _median_p90(approve_ns), "total": page.total,
                "numbers": numbers}
    finally:
        office.close()


def load(source: Path, target: str) -> tuple[float, int, bool]:
    """Copy the office into PostgreSQL as `migrate-db` does: seconds, rows, whether it verified."""
    from tui_office.config import Settings
    from tui_office.services import office_copy
    from tui_office.services.office import Office

    office = Office.open(Settings(), source)
    try:
        t0 = time.perf_counter()
        report = office_copy.copy_office(office, "admin", target)
        return time.perf_counter() - t0, sum(report.rows.values()), report.verified.ok
    finally:
        office.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/tui-office-bench.db"), help="a generated office")
    parser.add_argument("--to", required=True, help="an empty PostgreSQL database (postgresql://…)")
    parser.add_argument("--user", default="zhaolei")
    parser.add_argument("--inbox-runs", type=int, default=400)
    parser.add_argument("--approvals", type=int, default=200)
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: run bench/generate.py first")
    seconds, rows, verified = load(args.db, args.to)
    print(f"load {rows:,} rows into PostgreSQL with COPY, then audit verify: {seconds:.1f} s "
          f"({rows / seconds:,.0f} rows/s); verify {'passed' if verified else 'FAILED'}")
    lite = measure(args.db, args.user, args.inbox_runs, args.approvals, None)
    pg = measure(args.to, args.user, args.inbox_runs, args.approvals, lite["numbers"])
    for name in ("inbox", "approve"):
        (a, a90), (b, b90) = lite[name], pg[name]
        print(f"{name:7} SQLite median {a:.3f} ms (p90 {a90:.3f}), PostgreSQL median {b:.3f} ms (p90 {b90:.3f}): "
              f"ratio {b / a:.2f}x")
    print(f"to-do total {lite['total']:,} on SQLite, {pg['total']:,} on PostgreSQL")
    return 0 if verified and lite["total"] == pg["total"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
