"""Provides the checks a database must pass after any load or crash: the file is intact, the audit
chain verifies, and documents, tasks and audit rows tell the same story.

Each check reads the database through the open `store.db.database` (the caller opens the office)
and returns a list of problems, one readable line each; an empty list means the check passed.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tui_office.domain.engine import FINISHED
from tui_office.services import audit
from tui_office.store import inbox_sql, user_lists
from tui_office.store.db import database, is_sqlite

DECISIONS = {"approve": "approve", "reject": "reject", "return": "return", "delegate": "delegated"}
"""Audit action -> the decision it leaves on its task."""

QUIET_ACTIONS = {"comment", "cc", "urge", "archive_view"}
"""Audit actions that never change a document's state."""

LAST_ACTION_FOR_STATUS = {
    "approved": {"approve", "skip"},
    "rejected": {"reject"},
    "withdrawn": {"withdraw"},
    "returned": {"return"},
    "in_progress": {"submit", "resubmit", "approve", "return", "retract", "delegate", "add-approver", "skip"},
}
"""For each status, the state-changing audit actions that can have put the document there last."""


@dataclass
class Findings:
    """What the checks found; `problems` is empty when everything holds."""

    integrity: str = ""
    chain_ok: bool = False
    chain_rows: int = 0
    chain_reason: str = ""
    stuck: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    audit_counts: Counter = field(default_factory=Counter)
    """Audit rows per (action, document number)."""

    def summary(self, limit: int = 20) -> str:
        shown = self.problems[:limit]
        more = len(self.problems) - len(shown)
        return "\n".join(shown + ([f"… and {more} more"] if more > 0 else []))


def _rows(sql: str, *params: object) -> list[tuple]:
    return database.execute_sql(sql.replace("?", database.obj.param), params).fetchall()


def check_database() -> Findings:
    """Run every check on the open database."""
    found = Findings()
    # PostgreSQL has no file of its own to check: its integrity is the server's (checksums, WAL).
    found.integrity = ", ".join(str(r[0]) for r in _rows("PRAGMA integrity_check")) if is_sqlite() else "ok"
    if found.integrity != "ok":
        found.problems.append(f"integrity_check: {found.integrity}")
    chain = audit.verify()
    found.chain_ok, found.chain_rows, found.chain_reason = chain.ok, chain.rows, chain.reason
    if not chain.ok:
        found.problems.append(f"audit chain broken at row {chain.bad_row}: {chain.reason}")
    found.stuck = stuck_documents()
    found.problems += [f"{n}: in progress with no open task" for n in found.stuck]
    found.problems += open_tasks_out_of_place()
    found.problems += tasks_agree_with_audit()
    documents, counts = documents_agree_with_audit()
    found.problems += documents
    found.audit_counts = counts
    found.problems += list_sizes_agree()
    return found


def list_sizes_agree() -> list[str]:
    """Each user's kept tab sizes (`user_lists`, what the tabs show) equal the rows counted."""
    problems = []
    for user_id, login in _rows('SELECT id, login FROM "user" ORDER BY id'):
        kept = user_lists.sizes(user_id)
        if kept is None:
            return []
        counted = {tab: inbox_sql.counted(tab, user_id) for tab in user_lists.TABS}
        if kept != counted:
            problems.append(f"{login}: tabs show {kept} but the rows count {counted}")
    return problems


def stuck_documents() -> list[str]:
    """Documents in progress that wait for nobody: nobody can ever act on them again."""
    return [n for (n,) in _rows(
        "SELECT d.number FROM document d WHERE d.status = 'in_progress' AND NOT EXISTS ("
        "SELECT 1 FROM task t WHERE t.document_id = d.id AND t.status = 'open' AND t.kind != 'cc') ORDER BY d.id")]


def open_tasks_out_of_place() -> list[str]:
    """An open or waiting task belongs to a document in progress, at its current step and round."""
    return [f"{number}: task {task} ({status}, step {step} round {rnd}) but the document is {doc_status} "
            f"at step {doc_step} round {doc_round}"
            for task, number, status, step, rnd, doc_status, doc_step, doc_round in _rows(
                "SELECT t.id, d.number, t.status, t.step, t.round, d.status, d.step, d.round FROM task t "
                "JOIN document d ON d.id = t.document_id WHERE t.status IN ('open', 'waiting') AND t.kind != 'cc' "
                "AND (d.status != 'in_progress' OR t.step != d.step OR t.round != d.round) ORDER BY t.id")]


def tasks_agree_with_audit() -> list[str]:
    """Every task is decided at most once (a retract in between allows a new decision), and a task
    is done with a decision exactly when its last audit row says so."""
    problems = []
    history: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for task_id, action, actor in _rows(
            "SELECT task_id, action, actor_id FROM action WHERE task_id IS NOT NULL "
            "AND action IN ('approve', 'reject', 'return', 'delegate', 'retract') ORDER BY id"):
        history[task_id].append((action, actor))
    for task_id, number, status, decision, acted_by in _rows(
            "SELECT t.id, d.number, t.status, t.decision, t.acted_by_id FROM task t "
            "JOIN document d ON d.id = t.document_id WHERE t.kind != 'cc' ORDER BY t.id"):
        events = history.pop(task_id, [])
        decided: tuple[str, int | None] | None = None
        for action, actor in events:
            if action == "retract":
                if decided is None:
                    problems.append(f"{number}: task {task_id} retracted while undecided")
                decided = None
            elif decided is not None:
                problems.append(f"{number}: task {task_id} decided twice ({decided[0]}, then {action})")
            else:
                decided = (action, actor)
        if decided is None and status == "done":
            problems.append(f"{number}: task {task_id} is done ({decision}) without an audit row that decided it")
        if decided is not None:
            want = DECISIONS[decided[0]]
            if status != "done" or decision != want or acted_by != decided[1]:
                problems.append(f"{number}: task {task_id} audited as {decided[0]} but stored as {status}/{decision}")
    for task_id in history:
        problems.append(f"audit rows decide task {task_id}, which does not exist")
    return problems


def documents_agree_with_audit() -> tuple[list[str], Counter]:
    """Each document was submitted once, and its status is what its last state-changing audit row
    left it in; returns the problems and the audit rows per (action, document number)."""
    problems = []
    counts: Counter = Counter()
    trail: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    for document_id, action, changes in _rows(
            "SELECT document_id, action, changes FROM action WHERE document_id IS NOT NULL ORDER BY id"):
        trail[document_id].append((action, json.loads(changes) if isinstance(changes, str) else (changes or {})))
    for document_id, number, status, archived, finished_at in _rows(
            "SELECT id, number, status, archived, finished_at FROM document WHERE status NOT IN ('draft', 'discarded') "
            "ORDER BY id"):
        rows = trail.pop(document_id, [])
        for action, _ in rows:
            counts[(action, number)] += 1
        submits = [a for a, _ in rows if a == "submit"]
        if len(submits) != 1 or rows[0][0] != "submit":
            problems.append(f"{number}: {len(submits)} submit rows, first row {rows[0][0] if rows else 'none'}")
            continue
        if bool(archived) != (status in FINISHED) or (finished_at is None) == (status in FINISHED):
            problems.append(f"{number}: {status} but archived={bool(archived)} finished_at={finished_at}")
        state_rows = [(a, c) for a, c in rows if a not in QUIET_ACTIONS]
        last, changes = state_rows[-1]
        allowed = LAST_ACTION_FOR_STATUS.get(status, set())
        if last not in allowed:
            problems.append(f"{number}: {status} but the last audit row that changes state is {last}")
        elif last == "return" and (changes.get("to") == "initiator") != (status == "returned"):
            problems.append(f"{number}: {status} after a return to {changes.get('to')}")
        if status == "approved" and not any(a == "approve" for a, _ in rows):
            problems.append(f"{number}: approved without a single approval")
    for document_id, rows in trail.items():
        for action, _ in rows:
            counts[(action, f"#{document_id}")] += 1
    return problems, counts


def compare_with_acknowledged(found: Findings, acknowledged: Counter, actions: set[str]) -> tuple[int, int, list[str]]:
    """Operations the services reported done against the audit rows for them, per document.

    Returns (lost, phantom, problems): `lost` operations were acknowledged but left no audit row,
    `phantom` rows record an operation nobody was told had succeeded."""
    lost = phantom = 0
    problems = []
    keys = {k for k in (set(acknowledged) | set(found.audit_counts)) if k[0] in actions}
    for key in sorted(keys):
        have, want = found.audit_counts.get(key, 0), acknowledged.get(key, 0)
        if have < want:
            lost += want - have
            problems.append(f"{key[1]}: {want} {key[0]} acknowledged, {have} audited")
        elif have > want:
            phantom += have - want
            problems.append(f"{key[1]}: {have} {key[0]} audited, {want} acknowledged")
    return lost, phantom, problems
