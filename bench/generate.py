"""Build a benchmark database: the demo office plus N documents (default 1,000,000) of every form.

    python bench/generate.py [--db /tmp/tui-office-bench.db] [--docs 1000000] [--audit-docs 20000]

The schema is the real one (created through `tui_office.store.db.open_database`), the people are
the demo office, and the routes and approvers of every document come from the shipped form
definitions (`FormDef.route`, `services.assignment.resolve`).

Writing, all in one transaction on a raw `sqlite3` connection (journal off for the load, WAL again
at the end): every (route, status, step reached) becomes a template — the document's own columns
and the tasks the engine would have left behind, times as offsets. Python draws each document's
template, start time and number (`executemany` into a plan table), and two INSERT … SELECT
statements expand the plan into documents and tasks in C. The indexes are kept up to date as the
rows arrive in id (= time) order, which costs less than building them afterwards. Prints the rate
in documents per second, everything included (schema, demo office, rows, indexes, audit rows,
commit).

Spread: documents over the two years up to yesterday, ids in creation order. Older ones are mostly
finished (approved / rejected / withdrawn, archived, with a done task per step); recent ones are
mostly in progress (open tasks with due times, some overdue); a few drafts. The newest
`--audit-docs` documents also get their audit rows (submit and every decision) with a valid hash
chain, so `tui-office audit verify` passes on the result.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DAY = 86_400
SPAN_DAYS = 730
STEP_GAP = 5 * 3600
"""Seconds between entering one step and the next (and between entering a step and deciding it)."""
DUE = 2 * DAY

# Per form: raw values as the CLI would pass them (several variants: routes differ by amount/days).
SAMPLES: dict[str, list[dict]] = {
    "general_request": [
        {"subject": s, "details": d} for s, d in [
            ("Meeting room for the quarterly review", "Room 3 for Thursday afternoon, 20 people."),
            ("Business cards", "Two boxes, new title."),
            ("Access card replacement", "Lost on the metro."),
            ("Remote work on Friday", "Waiting for a delivery at home."),
            ("Training budget question", "Is the spreadsheet course covered?"),
            ("Parking space", "Second car for the client visits."),
        ]
    ],
    "purchase_request": [
        {"item": i, "category": c, "quantity": str(q), "amount": a, "reason": "Replacement of worn-out equipment.",
         "supplier": s, "contract_amount": a}
        for i, c, q, a, s in [
            ("Laptop", "equipment", 2, "12000", "Lenovo"),
            ("Printer paper A4", "office", 40, "1200", "Deli"),
            ("Steel sheets", "materials", 300, "186000", "Baosteel"),
            ("Cleaning service", "services", 1, "36000", "CleanCo"),
            ("Server rack", "equipment", 1, "128000", "Inspur"),
            ("Office chairs", "office", 12, "9600", "Herman"),
        ]
    ],
    "expense_claim": [
        {"purpose": p, "expense_type": e, "spent_on": "2026-11-02", "amount": a, "receipts": "invoice"}
        for p, e, a in [
            ("Taxi to the client", "transport", "86.50"),
            ("Trip to Shanghai", "travel", "3400"),
            ("Client dinner", "meals", "1280"),
            ("Toner", "office", "450"),
            ("Trade fair in Guangzhou", "travel", "24500"),
            ("Courier", "other", "35"),
        ]
    ],
    "leave": [
        {"type": t, "start": s, "end": e, "reason": "Family matters.", "handover": h}
        for t, s, e, h in [
            ("annual", "2026-12-01", "2026-12-03", "sunyan"),
            ("personal", "2026-12-08", "2026-12-08", "zhouqiang"),
            ("sick", "2026-11-16", "2026-11-17", "emily"),
            ("annual", "2026-12-21", "2026-12-31", "linna"),
            ("compensatory", "2026-12-04", "2026-12-04", "david"),
        ]
    ],
}
STATUSES = ("draft", "in_progress", "withdrawn", "rejected", "approved")
FORM_WEIGHTS = {"general_request": 40, "expense_claim": 25, "leave": 20, "purchase_request": 15}
REJECT_COMMENTS = ("Over budget this quarter.", "Please attach the quotation.", "Not needed now.")


@dataclass
class Route:
    """One form + values + initiator: the steps the document goes through and who is asked."""

    form_id: str
    definition_id: int
    prefix: str
    title: str
    fields_json: str
    initiator: int
    department: int | None
    definition_version: int
    steps: list[tuple[str, str, list[int]]] = field(default_factory=list)  # (step id, mode, assignee ids)


def build_routes(target: Path) -> tuple[list[Route], list[int], dict]:
    """Open the real schema, load the demo office and definitions, work out every route."""
    from tui_office.config import Settings
    from tui_office.domain.definitions import EvalContext
    from tui_office.services import demo, registry
    from tui_office.services.assignment import resolve
    from tui_office.services.office import Office
    from tui_office.store.models import Document, User, dumps

    office = Office.open(Settings(calendar="plain"), target)  # through store.db.open_database
    demo.load_office(office)
    latest = {form.id: (row, form) for row, form in registry.all_latest(office)}
    users = list(User.select().where(User.active == True).order_by(User.id))  # noqa: E712
    routes: list[Route] = []
    for form_id, samples in SAMPLES.items():
        if form_id not in latest:
            continue
        row, form = latest[form_id]
        ctx = EvalContext(today=date.today(), calendar=office.calendar, params=dict(form.params))
        for raw in samples:
            values = form.compute(form.coerce(raw), ctx)
            stored = dumps(form.to_storage(values))
            title = (form.document_title(values) or form.title)[:200]
            for user in users:
                if user.login == "admin":
                    continue
                doc = Document(form_id=form.id, initiator=user, department=user.department_id)
                route = Route(form.id, row.id, form.prefix, title, stored, user.id, user.department_id, row.version)
                step_id = form.first_step
                while step_id is not None and len(route.steps) <= len(form.steps):
                    step = form.step(step_id)
                    people = [u.id for u in resolve(step, doc, values)]
                    if people:
                        route.steps.append((step.id, step.mode, people))
                    step_id = form.route(step.id, values, ctx)
                if route.steps:
                    routes.append(route)
    weights = [FORM_WEIGHTS.get(r.form_id, 10) for r in routes]
    office.close()
    return routes, weights, {u.id: u.login for u in users}


def _times(start: datetime):
    """Fast 'YYYY-MM-DD HH:MM:SS' for seconds after `start` (midnight): day and time-of-day tables."""
    days = [(start.date() + timedelta(days=d)).isoformat() + " " for d in range(SPAN_DAYS + 40)]
    hms = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(DAY)]
    years = [(start.date() + timedelta(days=d)).year for d in range(SPAN_DAYS + 40)]
    return days, hms, years


@dataclass
class Template:
    """Where a document of one route stands: its own columns and its tasks (times as offsets)."""

    id: int
    route: int
    status: str
    step: str | None
    round: int
    state: str
    archived: int
    version: int
    last_off: int
    tasks: list[tuple] = field(default_factory=list)
    # (step, round, assignee, status, decision, comment, enter_off, due_off, acted_off | None, acted_by, version)


def build_templates(routes: list[Route]) -> tuple[list[Template], list[dict[str, list[int]]]]:
    """Every (route, status, step reached) with the tasks the engine would have left behind."""
    templates: list[Template] = []
    index: list[dict[str, list[int]]] = []
    for ri, r in enumerate(routes):
        by_status: dict[str, list[int]] = {}
        n = len(r.steps)
        for status in ("draft", "in_progress", "approved", "rejected", "withdrawn"):
            uptos = [0] if status == "draft" else [n - 1] if status == "approved" else list(range(n))
            for upto in uptos:
                tm = Template(len(templates), ri, status, None, 0, "{}", 0, 1, 0)
                if status != "draft":
                    off = 0
                    for k in range(upto + 1):
                        step_id, mode, people = r.steps[k]
                        acted = off + STEP_GAP
                        closing = k < upto or status == "approved"
                        for j, p in enumerate(people):
                            if closing and (mode == "all" or j == 0):
                                row = (step_id, k + 1, p, "done", "approve", "", off, off + DUE, acted, p, 2)
                            elif closing or status == "withdrawn" or (status == "rejected" and j > 0):
                                row = (step_id, k + 1, p, "skipped", None, "", off, off + DUE, None, None, 2)
                            elif status == "rejected":
                                row = (step_id, k + 1, p, "done", "reject", REJECT_COMMENTS[ri % 3], off,
                                       off + DUE, acted, p, 2)
                            else:
                                row = (step_id, k + 1, p, "open", None, "", off, off + DUE, None, None, 1)
                            tm.tasks.append(row)
                        off = acted
                    finished = status != "in_progress"
                    done = [st[0] for st in r.steps[: upto + 1 if status == "approved" else upto]]
                    tm.step = None if finished else r.steps[upto][0]
                    tm.round = upto + 1
                    tm.state = '{"path": [' + ", ".join(f'"{x}"' for x in done) + "]}"
                    tm.archived = 1 if finished else 0
                    tm.version = 2 + upto
                    tm.last_off = off if finished else off - STEP_GAP
                templates.append(tm)
                by_status.setdefault(status, []).append(tm.id)
        index.append(by_status)
    return templates, index


TASK_COLUMNS = ("document_id, step, round, kind, assignee_id, principal_id, status, decision, comment, position, "
                "created_at, due_at, acted_at, acted_by_id, remind_count, version")
TASKS_FROM_PLAN = (
    f"INSERT INTO task ({TASK_COLUMNS}) "
    "SELECT p.doc, x.step, x.round, 'approve', x.assignee, NULL, x.status, x.decision, x.comment, 0, "
    "datetime(p.t0 + x.enter_off, 'unixepoch'), datetime(p.t0 + x.due_off, 'unixepoch'), "
    "CASE WHEN x.acted_off IS NULL THEN NULL ELSE datetime(p.t0 + x.acted_off, 'unixepoch') END, "
    "x.acted_by, 0, x.version FROM plan p CROSS JOIN tmpl_task x ON x.tmpl = p.tmpl ORDER BY p.doc, x.seq"
)
DOCS_FROM_PLAN = (
    "INSERT INTO document (id, number, form_id, definition_id, title, initiator_id, department_id, status, step, "
    "round, fields, flags, state, created_at, updated_at, submitted_at, finished_at, archived, version) "
    "SELECT p.doc, p.number, x.form_id, x.definition_id, x.title, x.initiator, x.department, x.status, x.step, "
    "x.round, x.fields, '[]', x.state, datetime(p.t0, 'unixepoch'), datetime(p.t0 + x.last_off, 'unixepoch'), "
    "CASE WHEN x.status = 'draft' THEN NULL ELSE datetime(p.t0, 'unixepoch') END, "
    "CASE WHEN x.archived THEN datetime(p.t0 + x.last_off, 'unixepoch') END, x.archived, x.version "
    "FROM plan p CROSS JOIN tmpl_doc x ON x.id = p.tmpl ORDER BY p.doc"
)
PLAN_TABLES = (
    "CREATE TABLE IF NOT EXISTS {schema}plan (doc INTEGER PRIMARY KEY, tmpl INTEGER, t0 INTEGER, number TEXT)",
    "CREATE TABLE IF NOT EXISTS {schema}tmpl_task (tmpl INTEGER, seq INTEGER, step TEXT, round INTEGER, "
    "assignee INTEGER, status TEXT, decision TEXT, comment TEXT, enter_off INTEGER, due_off INTEGER, "
    "acted_off INTEGER, acted_by INTEGER, version INTEGER, PRIMARY KEY (tmpl, seq))",
    "CREATE TABLE IF NOT EXISTS {schema}tmpl_doc (id INTEGER PRIMARY KEY, form_id TEXT, definition_id INTEGER, "
    "title TEXT, initiator INTEGER, department INTEGER, status TEXT, step TEXT, round INTEGER, fields TEXT, "
    "state TEXT, last_off INTEGER, archived INTEGER, version INTEGER)",
)


CACHE_KIB = -500_000


def _bulk(con: sqlite3.Connection) -> None:
    con.execute("PRAGMA journal_mode = OFF")
    con.execute("PRAGMA synchronous = OFF")
    con.execute(f"PRAGMA cache_size = {CACHE_KIB}")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("PRAGMA secure_delete = OFF")  # some builds (Debian's) default it on: zeroing freed space


def _fill_plan(con: sqlite3.Connection, schema: str, templates: list[Template], routes: list[Route],
               plan: list[tuple]) -> None:
    for sql in PLAN_TABLES:
        con.execute(sql.format(schema=schema))
    con.executemany(f"INSERT INTO {schema}tmpl_task VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(tm.id, seq, *row) for tm in templates for seq, row in enumerate(tm.tasks)])
    con.executemany(f"INSERT INTO {schema}tmpl_doc VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (tm.id, routes[tm.route].form_id, routes[tm.route].definition_id, routes[tm.route].title,
         routes[tm.route].initiator, routes[tm.route].department, tm.status, tm.step, tm.round,
         routes[tm.route].fields_json, tm.state, tm.last_off, tm.archived, tm.version) for tm in templates])
    con.executemany(f"INSERT INTO {schema}plan VALUES (?, ?, ?, ?)", plan)


def generate(db_path: Path, n_docs: int, audit_docs: int, seed: int) -> dict:
    from tui_office.store import user_lists

    t_start = time.perf_counter()
    cpu_start = time.process_time()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    routes, weights, _logins = build_routes(db_path)
    templates, tindex = build_templates(routes)
    t_setup = time.perf_counter()

    # 1. the plan: for each document its template (route + where it stands), start time and number
    rnd = random.Random(seed)
    now = datetime.now().replace(microsecond=0)
    start = datetime.combine(now.date() - timedelta(days=SPAN_DAYS), datetime.min.time())
    start_epoch = int((start - datetime(1970, 1, 1)).total_seconds())
    end_s = (SPAN_DAYS - 1) * DAY  # the newest document is from yesterday
    recent_s = end_s - 60 * DAY
    days, hms, years = _times(start)
    picks = rnd.choices(range(len(routes)), weights=weights, k=n_docs)
    # document numbers run per prefix and year: one counter slot for each pair
    prefixes = sorted({r.prefix for r in routes})
    year_list = sorted(set(years))
    slot_keys = [f"{p}-{y}" for p in prefixes for y in year_list]
    route_slot = [prefixes.index(r.prefix) * len(year_list) for r in routes]
    day_year = [year_list.index(y) for y in years]
    counts = [0] * len(slot_keys)
    by_status = [[tindex[r][status] for status in STATUSES] for r in range(len(routes))]
    plan: list[tuple] = []
    audit_from = n_docs - audit_docs
    audit_plan: list[tuple] = []
    random_ = rnd.random
    for i in range(n_docs):
        pick = picks[i]
        t0 = (i * end_s) // n_docs + int(random_() * 3600)
        roll = random_()
        # recent documents are mostly in progress, older ones mostly finished (indexes into STATUSES)
        if t0 >= recent_s:
            st = 0 if roll < 0.015 else 1 if roll < 0.60 else 2 if roll < 0.64 else 3 if roll < 0.70 else 4
        else:
            st = 0 if roll < 0.004 else 1 if roll < 0.01 else 2 if roll < 0.05 else 3 if roll < 0.12 else 4
        choices = by_status[pick][st]
        tmpl = choices[int(roll * 7919) % len(choices)]
        slot = route_slot[pick] + day_year[t0 // DAY]
        seq = counts[slot] = counts[slot] + 1
        plan.append((i + 1, tmpl, start_epoch + t0, f"{slot_keys[slot]}-{seq:04d}"))
        if i >= audit_from:  # a draft gets its one "draft" row, as saving it in the app writes
            audit_plan.append((i + 1, pick, STATUSES[st], t0, t0 + templates[tmpl].last_off))
    counters = {slot_keys[n]: c for n, c in enumerate(counts) if c}
    t_plan = time.perf_counter()

    con = sqlite3.connect(db_path, isolation_level=None)
    _bulk(con)
    con.execute("BEGIN")
    # the indexes stay in place: rows arrive in id (= time) order, so each index grows at a few hot
    # spots, which is cheaper than sorting afterwards (every CREATE INDEX scans the whole table)
    # the triggers that keep each user's list sizes would fire for every row: off during the load,
    # then the sizes are counted once (what the schema upgrade does for an existing database)
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'user_lists_%'").fetchall()
    for name, _sql in triggers:
        con.execute(f'DROP TRIGGER "{name}"')
    _fill_plan(con, "temp.", templates, routes, plan)
    con.execute(DOCS_FROM_PLAN)
    t_docs = time.perf_counter()
    con.execute(TASKS_FROM_PLAN)
    t_tasks = time.perf_counter()
    n_actions = _audit_rows(con, routes, audit_plan, days, hms)
    for sql in user_lists.RECOUNT:
        con.execute(sql)
    for _name, sql in triggers:
        con.execute(sql)
    for prefix_year, value in counters.items():
        con.execute("INSERT OR REPLACE INTO counter (key, value) VALUES (?, ?)", (prefix_year, value))
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode = WAL")
    total_tasks = con.execute("SELECT max(id) FROM task").fetchone()[0] or 0
    con.close()
    t_end = time.perf_counter()
    return {
        "documents": n_docs, "tasks": total_tasks, "actions": n_actions, "seconds": t_end - t_start,
        "cpu_seconds": time.process_time() - cpu_start,
        "phases": {"setup": t_setup - t_start, "plan": t_plan - t_setup, "documents": t_docs - t_plan,
                   "tasks": t_tasks - t_docs,
                   "audit+commit": t_end - t_tasks},
    }


def _audit_rows(con: sqlite3.Connection, routes: list[Route], plan: list[tuple], days: list[str],
                hms: list[str]) -> int:
    """Audit rows for the newest documents, hash-chained exactly as `services.audit.record` does."""
    from tui_office.services.audit import _content, row_hash

    if not plan:
        return 0
    first_doc = plan[0][0]
    rows = con.execute(
        "SELECT id, document_id, step, status, decision, acted_by_id, acted_at, comment FROM task "
        "WHERE document_id >= ? AND status = 'done' ORDER BY document_id, id", (first_doc,)).fetchall()
    by_doc: dict[int, list[tuple]] = {}
    for row in rows:
        by_doc.setdefault(row[1], []).append(row)
    prev = con.execute("SELECT hash FROM action ORDER BY id DESC LIMIT 1").fetchone()
    prev = prev[0] if prev else ""
    out = []
    for doc_id, pick, status, t0, t1 in plan:
        r = routes[pick]
        created = datetime.fromisoformat(days[t0 // DAY] + hms[t0 % DAY])
        events = [(None, r.initiator, "draft" if status == "draft" else "submit", "", "", created)]
        for task_id, _d, step, _st, decision, actor, acted_at, comment in by_doc.get(doc_id, ()):
            events.append((task_id, actor, decision, step, comment, datetime.fromisoformat(acted_at)))
        if status == "withdrawn":
            events.append((None, r.initiator, "withdraw", "", "", datetime.fromisoformat(days[t1 // DAY] + hms[t1 % DAY])))
        for task_id, actor, action, step, comment, at in events:
            content = _content(doc_id, task_id, actor, None, action, step, comment, at, r.definition_version, {})
            digest = row_hash(prev, content)
            out.append((doc_id, task_id, actor, action, step, comment, at.isoformat(sep=" "), r.definition_version,
                        prev, digest))
            prev = digest
    con.executemany(
        "INSERT INTO action (document_id, task_id, actor_id, on_behalf_of_id, action, step, comment, at, "
        "definition_version, changes, prev_hash, hash, state_hash, signature) "
        "VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, '{}', ?, ?, '', '')",
        out)
    return len(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/tui-office-bench.db"), help="output file (replaced)")
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--audit-docs", type=int, default=20_000, help="newest documents that get audit rows")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    stats = generate(args.db, args.docs, min(args.audit_docs, args.docs), args.seed)
    rate = stats["documents"] / stats["seconds"]
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stats["phases"].items())
    print(f"{args.db}: {stats['documents']:,} documents, {stats['tasks']:,} tasks, {stats['actions']:,} audit rows "
          f"in {stats['seconds']:.1f} s ({phases})")
    print(f"rate: {rate:,.0f} documents/s (this process used {stats['cpu_seconds']:.1f} s of CPU: "
          f"{stats['documents'] / stats['cpu_seconds']:,.0f} documents per CPU second)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
