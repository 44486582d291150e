"""Measure the two hot paths on a generated database, against raw sqlite3 doing the same work.

    python bench/generate.py                       # once: /tmp/tui-office-bench.db
    python bench/inbox_approve.py [--db PATH] [--user zhaolei] [--inbox-runs 400] [--approvals 200]

* inbox: one page of the user's to-do tab (the 50 earliest due) plus the total, through
  `tui_office.services.queries.inbox`, versus the same two SQL statements run with `sqlite3`
  (`fetchall`) on a second connection to the same file.
* approve: `tui_office.services.decisions.act(office, user, "approve", number)` — visibility and
  permission checks, the optimistic version check, the audit row with its hash, the step outcome,
  the next step or the end, notifications — one IMMEDIATE transaction, versus a raw `sqlite3`
  approval with the same core: look up the document and the user's open task, close the task
  (version check), append a hash-chained audit row, update the document, commit.

Service and raw calls alternate, so both see the same cache and machine load; medians are printed
with their ratio. Each run approves `2 × --approvals` of the user's earliest due tasks (they are
gone afterwards; generate the database again when the user runs out).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

INBOX_TARGET_MS = 1.0
INBOX_TARGET_RATIO = 3.0
APPROVE_TARGET_MS = 3.0


def _ms(samples: list[int]) -> float:
    return statistics.median(samples) / 1e6


def raw_connection(db: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas the application uses."""
    from tui_office.store.db import PRAGMAS

    con = sqlite3.connect(db, isolation_level=None)
    for name, value in PRAGMAS.items():
        con.execute(f"PRAGMA {name} = {value}")
    return con


def bench_inbox(office, con: sqlite3.Connection, login: str, runs: int) -> dict:
    from tui_office.services import queries
    from tui_office.store import inbox_sql

    user_id = con.execute('SELECT id FROM "user" WHERE login = ?', (login,)).fetchone()[0]
    page_sql = inbox_sql.TODO.format(after="", text="")
    count_sql = inbox_sql.TODO_COUNT

    def raw() -> tuple[list, int]:
        rows = con.execute(page_sql, (user_id, 50)).fetchall()
        total = con.execute(count_sql, (user_id,)).fetchone()[0]
        return rows, total

    page = queries.inbox(office, login, "todo", limit=50)
    rows, total = raw()
    assert [r.number for r in page.rows] == [r[2] for r in rows] and page.total == total, "service and raw disagree"
    for _ in range(20):  # warm both
        queries.inbox(office, login, "todo", limit=50)
        raw()
    service_ns, raw_ns, cpu_ns = [], [], []
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    for _ in range(runs):
        c0 = cpu()
        t0 = clock()
        queries.inbox(office, login, "todo", limit=50)
        t1 = clock()
        c1 = cpu()
        raw()
        t2 = clock()
        service_ns.append(t1 - t0)
        raw_ns.append(t2 - t1)
        cpu_ns.append(c1 - c0)
    return {"rows": len(page.rows), "total": page.total, "service_ms": _ms(service_ns), "raw_ms": _ms(raw_ns),
            "service_p90_ms": statistics.quantiles(service_ns, n=10)[-1] / 1e6, "service_cpu_ms": _ms(cpu_ns)}


def raw_approve(con: sqlite3.Connection, user_id: int, number: str, now: datetime) -> None:
    """The core of an approval in plain SQL: check, close with a version check, update, audit (sealed)."""
    from tui_office.store import state

    at = now.strftime("%Y-%m-%d %H:%M:%S")
    con.execute("BEGIN IMMEDIATE")
    try:
        doc_id, doc_version, step, definition_version = con.execute(
            "SELECT d.id, d.version, d.step, f.version FROM document d JOIN definition f ON f.id = d.definition_id "
            "WHERE d.number = ?", (number,)).fetchone()
        task_id, task_version = con.execute(
            "SELECT id, version FROM task WHERE document_id = ? AND status = 'open' AND assignee_id = ? "
            "ORDER BY id LIMIT 1", (doc_id, user_id)).fetchone()
        updated = con.execute(
            "UPDATE task SET status = 'done', decision = 'approve', comment = '', acted_at = ?, acted_by_id = ?, "
            "version = version + 1 WHERE id = ? AND version = ? AND status = 'open'",
            (at, user_id, task_id, task_version)).rowcount
        if updated != 1:
            raise RuntimeError(f"{number}: task {task_id} already handled")
        con.execute("UPDATE document SET updated_at = ?, version = ? WHERE id = ? AND version = ?",
                    (at, doc_version + 1, doc_id, doc_version))
        # the audit row seals the state the approval leaves: the document with its tasks
        document = con.execute(state._DOCUMENT_SQL, (doc_id,)).fetchone()
        tasks = con.execute(state._TASKS_SQL, (doc_id,)).fetchall()
        sealed = state._digest({"document": [state._plain(v) for v in document],
                                "tasks": [[state._plain(v) for v in t] for t in tasks]})
        prev = con.execute("SELECT hash FROM action ORDER BY id DESC LIMIT 1").fetchone()
        prev = prev[0] if prev else ""
        content = json.dumps({"document": doc_id, "task": task_id, "actor": user_id, "on_behalf_of": None,
                              "action": "approve", "step": step, "comment": "", "at": at,
                              "definition_version": definition_version, "changes": {}, "state": sealed},
                             ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256((prev + "\n" + content).encode("utf-8")).hexdigest()
        con.execute(
            "INSERT INTO action (document_id, task_id, actor_id, action, step, comment, at, definition_version, "
            "changes, prev_hash, hash, state_hash, signature) VALUES (?, ?, ?, 'approve', ?, '', ?, ?, '{}', ?, ?, ?, '')",
            (doc_id, task_id, user_id, step, at, definition_version, prev, digest, sealed))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def bench_approve(office, con: sqlite3.Connection, login: str, runs: int, comment: str = "") -> dict:
    from tui_office.services import decisions

    user_id = con.execute('SELECT id FROM "user" WHERE login = ?', (login,)).fetchone()[0]
    numbers = [n for (n,) in con.execute(
        "SELECT d.number FROM task t JOIN document d ON d.id = t.document_id "
        "WHERE t.assignee_id = ? AND t.status = 'open' ORDER BY t.due_at, t.id LIMIT ?", (user_id, 2 * runs + 10))]
    if len(numbers) < 2 * runs + 10:
        raise SystemExit(f"{login} has only {len(numbers)} open tasks left; generate the database again")
    for number in numbers[:5]:  # warm both
        decisions.act(office, login, "approve", number)
    for number in numbers[5:10]:
        raw_approve(con, user_id, number, office.clock.now())
    service_ns, raw_ns, cpu_ns = [], [], []
    clock, cpu = time.perf_counter_ns, time.thread_time_ns
    pairs = numbers[10:]
    for i in range(runs):
        mine, theirs = pairs[2 * i], pairs[2 * i + 1]
        c0 = cpu()
        t0 = clock()
        decisions.act(office, login, "approve", mine, comment=comment)
        t1 = clock()
        c1 = cpu()
        raw_approve(con, user_id, theirs, office.clock.now())
        t2 = clock()
        service_ns.append(t1 - t0)
        raw_ns.append(t2 - t1)
        cpu_ns.append(c1 - c0)
    left = con.execute("SELECT count(*) FROM task WHERE assignee_id = ? AND status = 'open'", (user_id,)).fetchone()[0]
    return {"service_ms": _ms(service_ns), "raw_ms": _ms(raw_ns), "service_cpu_ms": _ms(cpu_ns),
            "service_p90_ms": statistics.quantiles(service_ns, n=10)[-1] / 1e6, "left": left}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/tui-office-bench.db"))
    parser.add_argument("--user", default="zhaolei", help="whose inbox, who approves (default: zhaolei)")
    parser.add_argument("--inbox-runs", type=int, default=400)
    parser.add_argument("--approvals", type=int, default=200, help="service approvals (and as many raw ones)")
    parser.add_argument("--only", choices=["inbox", "approve"])
    parser.add_argument("--comment", default="", help="the opinion each service approval gives (it is indexed for search)")
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: run bench/generate.py first")

    from tui_office.config import Settings
    from tui_office.services.office import Office

    office = Office.open(Settings(), args.db)
    con = raw_connection(args.db)
    n_docs = con.execute("SELECT max(id) FROM document").fetchone()[0]
    print(f"{args.db}: {n_docs:,} documents; user {args.user}")
    ok = True
    if args.only in (None, "inbox"):
        r = bench_inbox(office, con, args.user, args.inbox_runs)
        ratio = r["service_ms"] / r["raw_ms"]
        hit = r["service_ms"] <= INBOX_TARGET_MS and ratio <= INBOX_TARGET_RATIO
        ok &= hit
        print(f"inbox   ({r['rows']} earliest due + total {r['total']:,}): median {r['service_ms']:.3f} ms "
              f"(p90 {r['service_p90_ms']:.3f}, CPU {r['service_cpu_ms']:.3f}), raw sqlite3 {r['raw_ms']:.3f} ms, ratio {ratio:.2f}x  "
              f"[target <= {INBOX_TARGET_MS:g} ms and <= {INBOX_TARGET_RATIO:g}x: {'met' if hit else 'MISSED'}]")
    if args.only in (None, "approve"):
        r = bench_approve(office, con, args.user, args.approvals, args.comment)
        ratio = r["service_ms"] / r["raw_ms"]
        hit = r["service_ms"] <= APPROVE_TARGET_MS
        ok &= hit
        print(f"approve ({args.approvals} via decisions.act, as many raw): median {r['service_ms']:.3f} ms "
              f"(p90 {r['service_p90_ms']:.3f}, CPU {r['service_cpu_ms']:.3f}), raw sqlite3 {r['raw_ms']:.3f} ms, ratio {ratio:.2f}x  "
              f"[target <= {APPROVE_TARGET_MS:g} ms: {'met' if hit else 'MISSED'}]; {r['left']:,} open tasks left")
    con.close()
    office.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
