"""Provides the soak: several processes work one SQLite file through the services at once, as
random users doing random operations, then the database is checked (see `invariants.py`).

    python -m tests.reliability.soak --minutes 10          # the long run
    python -m tests.reliability.soak --seconds 5 -p 2      # a quick look

Every operation's outcome is recorded: done, refused with a typed `OfficeError` (a user's mistake
or a lost race), `database is locked`, or any other exception (a bug). The run fails on any locked
or unexpected outcome, on any invariant that does not hold, and when the audit rows of each
document do not match the operations the services said they had done.

The operation mix is `MIX`; one entry per operation and its weight.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

MIX: list[tuple[str, int]] = [
    ("submit", 8),
    ("approve", 14),
    ("reject", 2),
    ("return", 2),
    ("withdraw", 1),
    ("retract", 3),
    ("delegate", 2),
    ("add-approver", 2),
    ("comment", 3),
    ("cc", 2),
    ("urge", 1),
    ("resubmit", 2),
    ("inbox", 8),
]
"""The operations a soak runs and their relative weights; `Worker` has an `_op_<name>` for each.
`--mix` replaces the list for one run, e.g. to try an operation left out here."""

WRITES = {"submit", "resubmit", "approve", "reject", "return", "withdraw", "retract", "delegate", "add-approver",
          "comment", "cc", "urge"}
"""Operations that write exactly one audit row of their own name when they succeed."""

FORMS = ("general_request", "purchase_request", "expense_claim")
RECENT = 100
"""Operations pick their target among this many newest candidates, so work does not spread thin."""
STRAY = 0.1
"""Share of task operations tried by a random user instead of the assignee (they must be refused)."""


# ----------------------------------------------------------------------------- one worker process

@dataclass
class Tally:
    """What one worker saw: outcomes and latencies per operation, and what it was told succeeded."""

    outcomes: dict = field(default_factory=lambda: defaultdict(Counter))
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    refusals: Counter = field(default_factory=Counter)
    acknowledged: Counter = field(default_factory=Counter)
    errors: list = field(default_factory=list)
    started: float = 0.0
    ended: float = 0.0

    def to_json(self) -> dict:
        return {
            "outcomes": {k: dict(v) for k, v in self.outcomes.items()},
            "latencies": dict(self.latencies),
            "refusals": dict(self.refusals),
            "acknowledged": [[a, n, c] for (a, n), c in self.acknowledged.items()],
            "errors": self.errors,
            "started": self.started,
            "ended": self.ended,
        }


class Worker:
    """Runs random operations as random users against one office; one per process."""

    def __init__(self, office, rng: random.Random, log=None) -> None:
        from tui_office.store.db import database

        self.office = office
        self.rng = rng
        self.db = database
        self.log = log
        self.logins = [r[0] for r in self._rows('SELECT login FROM "user" WHERE active ORDER BY login')]
        self.tally = Tally()

    def _rows(self, sql: str, *params: object) -> list[tuple]:
        return self.db.execute_sql(sql.replace("?", self.db.obj.param), params).fetchall()

    def _pick(self, sql: str, *params: object) -> tuple | None:
        rows = self._rows(sql + f" LIMIT {RECENT}", *params)
        return self.rng.choice(rows) if rows else None

    def _someone(self, usual: str) -> str:
        return self.rng.choice(self.logins) if self.rng.random() < STRAY else usual

    # Each `_op_*` picks a target and returns (number or None, call) or None when there is no target.

    def _op_submit(self):
        from tui_office.services import workflow

        login = self.rng.choice([x for x in self.logins if x != "admin"])
        form = self.rng.choice(FORMS)
        return None, lambda: workflow.submit(self.office, login, form, self._values(form))

    def _values(self, form: str) -> dict:
        rng = self.rng
        if form == "general_request":
            return {"subject": f"Request {rng.randrange(10**6)}", "details": "Please see the attachment."}
        if form == "purchase_request":
            amount = rng.choice([800, 12_000, 150_000])
            return {"item": rng.choice(["Desk", "Printer", "Reagent kit"]), "quantity": str(rng.randint(1, 9)),
                    "amount": str(amount), "reason": "Needed for the team."}
        amount = rng.choice([120, 3_000, 25_000])
        receipts = "invoice,prior_approval" if amount > 5_000 else "invoice"
        spent = self.office.clock.today() - timedelta(days=rng.randint(1, 20))
        return {"purpose": "Client visit", "expense_type": "transport", "spent_on": spent.isoformat(),
                "amount": str(amount), "receipts": receipts}

    def _task_op(self, action: str, **extra):
        from tui_office.services.decisions import act

        row = self._pick("SELECT d.number, u.login, d.form_id FROM task t JOIN document d ON d.id = t.document_id "
                         "JOIN \"user\" u ON u.id = t.assignee_id WHERE t.status = 'open' AND t.kind != 'cc' "
                         "ORDER BY t.id DESC")
        if row is None:
            return None
        number, login, form_id = row
        kwargs = {k: (v(form_id) if callable(v) else v) for k, v in extra.items()}
        return number, lambda: act(self.office, self._someone(login), action, number, **kwargs)

    def _op_approve(self):
        return self._task_op("approve", comment="")

    def _op_reject(self):
        return self._task_op("reject", comment="Not within the budget.")

    def _op_return(self):
        steps = {"general_request": ["manager"], "purchase_request": ["director", "vp", "leadership", "gm"],
                 "expense_claim": ["manager", "gm"]}
        return self._task_op("return", comment="Please add the quote.",
                             to=lambda form_id: self.rng.choice([None, "initiator", *steps[form_id]]))

    def _op_delegate(self):
        return self._task_op("delegate", comment="You know this one.", to=lambda _: self.rng.choice(self.logins))

    def _op_add_approver(self):
        return self._task_op("add-approver", comment="Please check too.", to=lambda _: self.rng.choice(self.logins),
                             position=lambda _: self.rng.choice(["before", "after"]))

    def _op_retract(self):
        from tui_office.services.decisions import act

        row = self._pick("SELECT d.number, u.login FROM action a JOIN document d ON d.id = a.document_id "
                         "JOIN \"user\" u ON u.id = a.actor_id WHERE a.action = 'approve' ORDER BY a.id DESC")
        if row is None:
            return None
        number, login = row
        return number, lambda: act(self.office, self._someone(login), "retract", number, comment="")

    def _doc_op(self, action: str, statuses: str, **kwargs):
        from tui_office.services.decisions import act

        row = self._pick(f"SELECT d.number, u.login FROM document d JOIN \"user\" u ON u.id = d.initiator_id "
                         f"WHERE d.status IN ({statuses}) ORDER BY d.id DESC")
        if row is None:
            return None
        number, login = row
        return number, lambda: act(self.office, self._someone(login), action, number, **kwargs)

    def _op_withdraw(self):
        return self._doc_op("withdraw", "'in_progress', 'returned'", comment="No longer needed.")

    def _op_urge(self):
        return self._doc_op("urge", "'in_progress'", comment="")

    def _op_comment(self):
        return self._doc_op("comment", "'in_progress', 'returned', 'approved', 'rejected'", comment="Noted, thanks.")

    def _op_cc(self):
        to = ",".join(self.rng.sample(self.logins, self.rng.randint(1, 2)))
        return self._doc_op("cc", "'in_progress', 'returned', 'approved'", to=to, comment="")

    def _op_resubmit(self):
        from tui_office.services import workflow

        row = self._pick("SELECT d.number, u.login, d.form_id FROM document d JOIN \"user\" u ON u.id = d.initiator_id "
                         "WHERE d.status = 'returned' ORDER BY d.id DESC")
        if row is None:
            return None
        number, login, form_id = row
        change = {"general_request": {"details": "Added the quote."}, "purchase_request": {"reason": "Quote added."},
                  "expense_claim": {"notes": "Invoice attached."}}[form_id]
        return number, lambda: workflow.submit(self.office, self._someone(login), None, change, number=number)

    def _op_inbox(self):
        from tui_office.services import queries

        login = self.rng.choice(self.logins)
        tab = self.rng.choice(["todo", "todo", "submitted", "cc", "done"])
        return None, lambda: queries.inbox(self.office, login, tab, limit=50)

    def step(self, name: str) -> None:
        """Run one operation `name` on a random target and record its outcome."""
        from tui_office.domain.errors import OfficeError

        picked = getattr(self, "_op_" + name.replace("-", "_"))()
        if picked is None:
            self.tally.outcomes[name]["no_target"] += 1
            return
        number, call = picked
        began = time.perf_counter()
        try:
            result = call()
        except OfficeError as exc:
            elapsed = time.perf_counter() - began
            kind = "locked" if "locked" in str(exc).lower() else "refused"
            self.tally.refusals[f"{name}: {exc.code}"] += 1
            if kind == "locked":
                self.tally.errors.append(f"{name} {number}: {exc}")
        except Exception as exc:  # noqa: BLE001 - every other exception is what the soak looks for
            elapsed = time.perf_counter() - began
            kind = "locked" if "locked" in str(exc).lower() else "unexpected"
            if len(self.tally.errors) < 20:
                self.tally.errors.append(f"{name} {number}: {traceback.format_exc()}")
        else:
            elapsed = time.perf_counter() - began
            kind = "ok"
            if name in WRITES:
                done_on = result if name == "submit" else number
                self.tally.acknowledged[(name, done_on)] += 1
                if self.log is not None:
                    self.log.write(f"{name} {done_on}\n")
                    self.log.flush()
        self.tally.outcomes[name][kind] += 1
        self.tally.latencies[name].append(round(elapsed * 1000, 3))

    def run(self, mix: list[tuple[str, int]], until: float, count: int | None = None) -> Tally:
        names = [n for n, _ in mix]
        weights = [w for _, w in mix]
        self.tally.started = time.time()
        done = 0
        while time.monotonic() < until and (count is None or done < count):
            self.step(self.rng.choices(names, weights)[0])
            done += 1
        self.tally.ended = time.time()
        return self.tally


def open_office(db: Path | str):
    from tui_office.config import Settings
    from tui_office.services.office import Office

    return Office.open(Settings(), db)


def prepare(db: Path | str) -> None:
    """Create the database with the demo office and the shipped forms (as `init --demo` does)."""
    from tui_office.services import demo, registry

    office = open_office(db)
    try:
        demo.load_office(office)
        registry.sync(office)
    finally:
        office.close()


def worker_main(args: argparse.Namespace) -> int:
    office = open_office(args.db if "://" in args.db else Path(args.db))
    log = open(args.log, "a", encoding="utf-8") if args.log else None
    print("ready", flush=True)
    worker = Worker(office, random.Random(args.seed), log)
    tally = worker.run(parse_mix(args.mix), time.monotonic() + args.seconds, args.count)
    office.close()
    if args.out:
        Path(args.out).write_text(json.dumps(tally.to_json()), encoding="utf-8")
    return 0


# ----------------------------------------------------------------------------- the whole run

@dataclass
class SoakResult:
    """The merged tallies of every worker and what the checks found afterwards."""

    seed: int
    processes: int
    seconds: float
    outcomes: dict
    latencies: list
    per_op_latencies: dict
    refusals: Counter
    errors: list
    lost: int
    phantom: int
    stuck: list
    problems: list
    integrity: str
    chain_ok: bool
    chain_rows: int

    @property
    def total(self) -> int:
        return sum(sum(c[k] for k in ("ok", "refused", "locked", "unexpected")) for c in self.outcomes.values())

    def count(self, kind: str) -> int:
        return sum(c.get(kind, 0) for c in self.outcomes.values())

    def report(self) -> str:
        lines = [f"seed {self.seed}, {self.processes} processes, {self.seconds:.1f} s: {self.total} operations, "
                 f"{self.total / self.seconds:.0f} ops/s; latency p50 {percentile(self.latencies, 50):.2f} ms, "
                 f"p99 {percentile(self.latencies, 99):.2f} ms",
                 f"ok {self.count('ok')}, refused {self.count('refused')}, locked {self.count('locked')}, "
                 f"unexpected {self.count('unexpected')}; lost {self.lost}, phantom {self.phantom}, "
                 f"stuck {len(self.stuck)}; integrity {self.integrity}, audit chain "
                 f"{'ok' if self.chain_ok else 'BROKEN'} ({self.chain_rows} rows)",
                 f"{'operation':<14}{'ok':>8}{'refused':>9}{'locked':>8}{'unexp.':>8}{'p50 ms':>9}{'p99 ms':>9}"]
        for name in sorted(self.outcomes):
            c, lat = self.outcomes[name], self.per_op_latencies.get(name, [])
            lines.append(f"{name:<14}{c.get('ok', 0):>8}{c.get('refused', 0):>9}{c.get('locked', 0):>8}"
                         f"{c.get('unexpected', 0):>8}{percentile(lat, 50):>9.2f}{percentile(lat, 99):>9.2f}")
        if self.problems:
            lines.append(f"{len(self.problems)} problems:")
            lines += ["  " + p for p in self.problems[:30]]
        for error in self.errors[:5]:
            lines.append(error.rstrip())
        return "\n".join(lines)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def parse_mix(text: str | None) -> list[tuple[str, int]]:
    """`submit=8,approve=14` (or empty for `MIX`)."""
    if not text:
        return list(MIX)
    out = []
    for part in text.split(","):
        name, _, weight = part.partition("=")
        out.append((name.strip(), int(weight or 1)))
    return out


def format_mix(mix: list[tuple[str, int]]) -> str:
    return ",".join(f"{n}={w}" for n, w in mix)


def worker_command(db: Path | str, seconds: float, seed: int, mix: list[tuple[str, int]], out: Path | None = None,
                   log: Path | None = None, count: int | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "tests.reliability.soak", "--worker", "--db", str(db), "--seconds", str(seconds),
           "--seed", str(seed), "--mix", format_mix(mix)]
    if out:
        cmd += ["--out", str(out)]
    if log:
        cmd += ["--log", str(log)]
    if count is not None:
        cmd += ["--count", str(count)]
    return cmd


def worker_env() -> dict:
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def run_soak(db: Path | str, processes: int = 8, seconds: float = 20, seed: int = 1,
             mix: list[tuple[str, int]] | None = None, count: int | None = None,
             folder: Path | None = None) -> SoakResult:
    """Run the soak on a new database at `db` (a file, or a PostgreSQL URL) and check it afterwards;
    the workers' reports go to `folder` (default: beside the file)."""
    from tests.reliability.invariants import check_database, compare_with_acknowledged

    mix = list(mix or MIX)
    prepare(db)
    folder = folder or Path(db).parent
    outs = [folder / f"soak.worker{i}.json" for i in range(processes)]
    workers = [subprocess.Popen(worker_command(db, seconds, seed * 1000 + i, mix, out, count=count), cwd=REPO,
                                env=worker_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for i, out in enumerate(outs)]
    outcomes: dict = defaultdict(Counter)
    per_op: dict = defaultdict(list)
    refusals: Counter = Counter()
    acknowledged: Counter = Counter()
    errors: list = []
    started, ended = [], []
    for worker, out in zip(workers, outs):
        _, err = worker.communicate(timeout=seconds + 300)
        if worker.returncode != 0 or not out.exists():
            errors.append(f"worker exited with {worker.returncode}: {err[-2000:]}")
            outcomes["worker"]["unexpected"] += 1
            continue
        data = json.loads(out.read_text(encoding="utf-8"))
        for name, counts in data["outcomes"].items():
            outcomes[name].update(counts)
        for name, values in data["latencies"].items():
            per_op[name] += values
        refusals.update(data["refusals"])
        acknowledged.update({(a, n): c for a, n, c in data["acknowledged"]})
        errors += data["errors"]
        started.append(data["started"])
        ended.append(data["ended"])
    office = open_office(db)
    try:
        found = check_database()
    finally:
        office.close()
    lost, phantom, mismatches = compare_with_acknowledged(found, acknowledged, {n for n, _ in mix} & WRITES)
    elapsed = (max(ended) - min(started)) if started else 0.0
    return SoakResult(
        seed=seed, processes=processes, seconds=elapsed or 1e-9, outcomes=dict(outcomes),
        latencies=[v for values in per_op.values() for v in values], per_op_latencies=dict(per_op),
        refusals=refusals, errors=errors, lost=lost, phantom=phantom, stuck=found.stuck,
        problems=found.problems + mismatches, integrity=found.integrity, chain_ok=found.chain_ok,
        chain_rows=found.chain_rows,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.reliability.soak", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, help="how long the workers run (default 10 minutes)")
    parser.add_argument("--seconds", type=float, help="how long the workers run, in seconds")
    parser.add_argument("-p", "--processes", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database file to create (default: a new temporary one), or an empty "
                                     "PostgreSQL database (postgresql://…)")
    parser.add_argument("--mix", help="operations and weights, e.g. 'submit=8,approve=14,retract=2' (default MIX)")
    parser.add_argument("--count", type=int, help="stop each worker after this many operations")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--log", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    seconds = args.seconds if args.seconds is not None else 60 * (args.minutes if args.minutes is not None else 10)
    args.seconds = seconds
    if args.worker:
        return worker_main(args)
    with tempfile.TemporaryDirectory(prefix="tui-office-soak-") as tmp:
        db: Path | str = args.db if args.db and "://" in args.db else Path(args.db or Path(tmp) / "soak.db")
        if isinstance(db, Path) and db.exists():
            parser.error(f"{db} exists; the soak needs a new database")
        result = run_soak(db, args.processes, seconds, args.seed, parse_mix(args.mix), args.count, folder=Path(tmp))
    print(result.report())
    clean = not (result.problems or result.count("locked") or result.count("unexpected") or result.lost)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
