"""Measure search on a generated database, against raw sqlite3 running the same SQL and a LIKE scan.

    python bench/generate.py                                   # once: /tmp/tui-office-bench.db
    python bench/search.py [--db PATH] [--users admin,zhaolei,emily] [--runs 30]

Opening the database upgrades it first: on a database from before schema 10 that builds the
search index, and the build's time is printed. Then, for each user and each query (a 3-character
Chinese term, a 2-character one, an English word, a document number), alternating:

* service: `tui_office.services.search.find(office, user, query)` (parse, pinyin look-up, the
  visibility rule, highlighting), the newest 50;
* raw: the same SQL statement (`store.search_sqlite.find`'s) with `sqlite3` on a second connection;
* LIKE: the same rows found without the index: `body LIKE '%term%'` over the documents' text,
  same visibility, order and limit (stops early when the term is common);
* full LIKE: `count(*)` of `LIKE '%term%'` over all the text, the scan a search without an index
  makes when it must look at every document.

Medians are printed with the ratios; exits 1 when a service median is over 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_MS = 50.0
QUERIES = (("3-char Chinese", "交通费"), ("2-char Chinese", "报销"), ("English word", "toner"))


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _sizes(con: sqlite3.Connection) -> dict[str, int]:
    try:
        rows = con.execute("SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'search%' GROUP BY name").fetchall()
    except sqlite3.OperationalError:  # SQLite built without dbstat
        return {}
    return dict(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/tui-office-bench.db"))
    parser.add_argument("--users", default="admin,zhaolei,emily", help="comma-separated logins")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"{args.db} does not exist: run bench/generate.py first")

    from bench.inbox_approve import raw_connection
    from tui_office.config import Settings
    from tui_office.services import search
    from tui_office.services.office import Office
    from tui_office.store import migrations, search_sqlite

    built: list[float] = []
    step = migrations.STEPS[10]

    def timed(migrator, db) -> None:
        start = time.perf_counter()
        step(migrator, db)
        built.append(time.perf_counter() - start)

    migrations.STEPS[10] = timed
    office = Office.open(Settings(), args.db, create=False)
    con = raw_connection(args.db)
    docs = con.execute("SELECT count(*) FROM document").fetchone()[0]
    print(f"{args.db}: {docs:,} documents, {os.path.getsize(args.db) / 2**20:,.0f} MiB; SQLite {sqlite3.sqlite_version}")
    if built:
        print(f"index built by the upgrade in {built[0]:.1f} s ({docs / built[0]:,.0f} documents/s)")
    sizes = _sizes(con)
    if sizes:
        print("index size: " + ", ".join(f"{name} {size / 2**20:,.0f} MiB" for name, size in sorted(sizes.items()))
              + f"; total {sum(sizes.values()) / 2**20:,.0f} MiB")
    number = con.execute("SELECT number FROM document ORDER BY id DESC LIMIT 1 OFFSET 1000").fetchone()[0]
    ok = True
    for login in args.users.split(","):
        user_id = con.execute('SELECT id FROM "user" WHERE login = ?', (login,)).fetchone()[0]
        sees_all = search.sees_everything(search.User.get_by_id(user_id))
        print(f"\n{login} ({'sees every document' if sees_all else 'sees their own and their tasks'}):")
        for label, term in (*QUERIES, ("document number", number)):
            ok &= _one(office, con, search, search_sqlite, login, user_id, sees_all, label, term, args.runs)
    con.close()
    office.close()
    return 0 if ok else 1


def _one(office, con, search, search_sqlite, login, user_id, sees_all, label, term, runs) -> bool:
    long, short, _ = search.match(search.search_query.parse(term))
    trigram, words = search_sqlite.fts_queries(long, short)
    sql, params = search_sqlite.statement(trigram=trigram, words=words, user_id=user_id, sees_all=sees_all,
                                          limit=search.PAGE + 1)
    visible = sql[sql.index(" AND ((d.initiator_id"):sql.index(" ORDER BY")]
    like_sql = ("SELECT d.id FROM search_doc s JOIN document d ON d.id = s.document_id "
                f"WHERE s.body LIKE ? ESCAPE '\\'{visible} ORDER BY s.document_id DESC LIMIT ?")
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    like_params = (pattern, *params[-(visible.count("?") + 1):])  # the visibility rule's and the limit
    full_sql = "SELECT count(*) FROM search_doc WHERE body LIKE ? ESCAPE '\\'"

    service, raw, like = [], [], []
    result = search.find(office, login, term)
    rows = con.execute(sql, params).fetchall()
    liked = con.execute(like_sql, like_params).fetchall()
    assert [h.number for h in result.hits] == [r[1] for r in rows[:search.PAGE]], "service and raw disagree"
    assert {r[0] for r in rows} <= {r[0] for r in liked} | {r[0] for r in rows}, "index and LIKE disagree"
    clock = time.perf_counter
    for _ in range(runs):
        t0 = clock()
        search.find(office, login, term)
        t1 = clock()
        con.execute(sql, params).fetchall()
        t2 = clock()
        con.execute(like_sql, like_params).fetchall()
        t3 = clock()
        service.append(t1 - t0)
        raw.append(t2 - t1)
        like.append(t3 - t2)
    t0 = clock()
    matches = con.execute(full_sql, (pattern,)).fetchone()[0]
    full = clock() - t0
    s, r, lk = _median_ms(service), _median_ms(raw), _median_ms(like)
    hit = s <= TARGET_MS
    print(f"  {label:16} {term!r:18} {len(result.hits):>3}{'+' if result.more else ' '} of {matches:>7,} matches: "
          f"service {s:7.2f} ms, raw {r:7.2f} ms ({s / r:4.2f}x), LIKE page {lk:8.2f} ms ({lk / s:6.1f}x slower), "
          f"full LIKE {full * 1000:6.0f} ms ({full * 1000 / s:6.0f}x)  [{'met' if hit else 'MISSED'}]")
    return hit


if __name__ == "__main__":
    raise SystemExit(main())
