"""`tui-office audit verify` notices changes made behind tui-office's back, and never crashes.

Each audit row seals the state it left (the document with its tasks, or the user with roles), so
editing a document, a task's decision or a user directly, cutting rows off the end or emptying the
trail all fail `verify` in one line; a trail re-hashed from start to finish fails against a
checkpoint taken before. A damaged database is reported in one line, exit 1.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.inprocess import run_cli
from tui_office.config import Settings
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.store.db import database
from tui_office.store.models import Action


def _cli(db: Path, *args: str, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = ["--db", str(db)]
    if user:
        cmd += ["--user", user]
    return run_cli(cmd + list(args))


def _error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def office_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo office with a purchase request approved by its director, a general request with a
    comment on it, and one user added by the command line."""
    db = tmp_path_factory.mktemp("coverage") / "office.db"
    assert _cli(db, "init", "--demo").returncode == 0
    pr = _cli(db, "submit", "purchase_request", "--set", "item=Laptop", "--set", "quantity=2", "--set", "amount=15000",
              "--set", "reason=New hires", user="emily")
    assert pr.stdout.strip() == "PR-2026-0001", pr.stderr
    assert _cli(db, "act", "approve", "PR-2026-0001", "--comment", "ok", user="zhaolei").returncode == 0
    assert _cli(db, "users", "add", "newbie", "New Bie", "--role", "sales", user="admin").returncode == 0
    gr = _cli(db, "submit", "general_request", "--set", "subject=Room", "--set", "details=B", user="emily")
    assert gr.stdout.strip() == "GR-2026-0001", gr.stderr
    assert _cli(db, "act", "comment", "GR-2026-0001", "--comment", "see me", user="zhaolei").returncode == 0
    return db


@pytest.fixture
def copy(office_db: Path, tmp_path: Path) -> Path:
    db = tmp_path / "copy.db"
    with sqlite3.connect(office_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return db


def _sql(db: Path, *statements: str) -> None:
    con = sqlite3.connect(db)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def test_an_untouched_office_verifies_with_documents_and_users_covered(copy: Path) -> None:
    result = _cli(copy, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert re.match(r"ok: \d+ audit rows, chain intact; 2 documents and 20 users match their last row", result.stdout)


@pytest.mark.parametrize(("statements", "named"), [
    (["UPDATE document SET fields = replace(fields, '15000.00', '150.00') WHERE number = 'PR-2026-0001'"], "PR-2026-0001"),
    (["UPDATE document SET status = 'approved' WHERE number = 'PR-2026-0001'"], "PR-2026-0001"),
    (["UPDATE task SET decision = 'reject' WHERE decision = 'approve'"], "PR-2026-0001"),
    (["UPDATE task SET assignee_id = (SELECT id FROM user WHERE login = 'emily') WHERE status = 'open' "
      "AND document_id = (SELECT id FROM document WHERE number = 'GR-2026-0001')"], "GR-2026-0001"),
    (["UPDATE user SET active = 0 WHERE login = 'liuwei'"], "liuwei"),
    (["INSERT INTO user_role (user_id, role_id) SELECT u.id, r.id FROM user u, role r "
      "WHERE u.login = 'newbie' AND r.code = 'gm'"], "newbie"),
    (["DELETE FROM action WHERE id >= (SELECT id FROM action WHERE action = 'approve')"], "PR-2026-0001"),
    (["DELETE FROM action"], "has no audit row"),
], ids=["amount", "status", "decision", "reassigned-task", "user-deactivated", "role-granted",
        "last-rows-removed", "trail-emptied"])
def test_changes_made_outside_tui_office_fail_verify(copy: Path, statements: list[str], named: str) -> None:
    _sql(copy, *statements)
    assert named in _error(_cli(copy, "audit", "verify"))


def test_rows_cut_off_the_end_fail_against_an_earlier_checkpoint(copy: Path) -> None:
    head = _cli(copy, "audit", "checkpoint")
    assert head.returncode == 0, head.stderr
    checkpoint = head.stdout.strip()
    assert re.fullmatch(r"\d+:[0-9a-f]{20}", checkpoint)
    ok = _cli(copy, "audit", "verify", "--checkpoint", checkpoint)
    assert ok.returncode == 0 and f"checkpoint {checkpoint} matches" in ok.stdout
    # The last row is a comment: it changed no state, so only the checkpoint can miss it.
    _sql(copy, "DELETE FROM action WHERE id = (SELECT max(id) FROM action)")
    assert _cli(copy, "audit", "verify").returncode == 0
    assert "fewer than" in _error(_cli(copy, "audit", "verify", "--checkpoint", checkpoint))


def test_a_trail_rehashed_after_an_edit_fails_against_an_earlier_checkpoint(copy: Path) -> None:
    checkpoint = _cli(copy, "audit", "checkpoint").stdout.strip()
    _sql(copy, "UPDATE document SET fields = replace(fields, '15000.00', '150.00') WHERE number = 'PR-2026-0001'")
    # Someone who knows the algorithm seals every row again with the edited state and re-hashes the chain.
    office = Office.open(Settings(), copy, create=False)
    try:
        with database.atomic():
            Action.update(state_hash=audit.PENDING).execute()
            audit._seal()
    finally:
        office.close()
    assert _cli(copy, "audit", "verify").returncode == 0  # the chain alone cannot tell
    line = _error(_cli(copy, "audit", "verify", "--checkpoint", checkpoint))
    assert "does not match the checkpoint" in line


def test_checkpoint_json_and_a_malformed_checkpoint(copy: Path) -> None:
    result = _cli(copy, "audit", "checkpoint", "--json")
    assert result.returncode == 0, result.stderr
    head = json.loads(result.stdout)
    assert set(head) == {"checkpoint", "rows", "hash"}
    assert head["checkpoint"] == f"{head['rows']}:{head['hash'][:20]}" and len(head["hash"]) == 64
    bad = _cli(copy, "audit", "verify", "--checkpoint", "yesterday")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("statements", "named"), [
    (["DROP TABLE action"], "action"),
    (["UPDATE document SET fields = '{not json' WHERE number = 'PR-2026-0001'"], "PR-2026-0001"),
    (["UPDATE task SET due_at = 'whenever' WHERE status = 'open'"], "document"),
    (["UPDATE action SET changes = '{broken' WHERE id = 2"], "cannot be read"),
    (["UPDATE action SET at = 'soon' WHERE id = 2"], "audit row 2"),
], ids=["action-table-missing", "fields-unreadable", "garbage-due-at", "changes-unreadable", "garbage-at"])
def test_a_damaged_database_is_reported_not_crashed_on(copy: Path, statements: list[str], named: str) -> None:
    _sql(copy, "PRAGMA foreign_keys = OFF", *statements)
    assert named in _error(_cli(copy, "audit", "verify"))
