"""`backup` and `restore` keep an office's records safe, even when pointed at the wrong file.

Backup never writes onto the database or its `-wal`/`-shm` (however the path is spelled), never
replaces an existing file without `--force`, and checks the copy before saying done. Restore
checks the backup first, keeps the current database aside, and leaves a verified trail. Both are
for administrators only.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]


def run(db: Path, *args: str, user: str | None = "admin") -> subprocess.CompletedProcess[str]:
    cmd = ["--db", str(db)]
    if user:
        cmd += ["--user", user]
    return run_cli(cmd + list(args), cwd=REPO)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """The demo office with one general request that 赵磊 has approved (it is finished)."""
    db = tmp_path / "office" / "office.db"
    assert run(db, "init", "--demo").returncode == 0
    number = run(db, "submit", "general_request", "--set", "subject=Keys", "--set", "details=D", user="emily")
    assert number.stdout.strip() == "GR-2026-0001", number.stderr
    assert run(db, "act", "approve", "GR-2026-0001", user="zhaolei").returncode == 0
    return db


def _status(db: Path) -> str:
    result = run(db, "show", "GR-2026-0001", "--json", user="emily")
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout)["status"]


def test_backup_onto_the_database_or_its_wal_or_shm_is_refused_while_it_is_open(office: Path, tmp_path: Path) -> None:
    holder = sqlite3.connect(office)  # someone has the office open: the -wal and -shm exist
    try:
        holder.execute("SELECT count(*) FROM document").fetchone()
        link = tmp_path / "innocent.db"
        link.symlink_to(Path(f"{office}-wal"))
        spellings = [f"{office}-wal", f"{office}-shm", str(office),
                     str(office.parent / ".." / office.parent.name / office.name) + "-wal", str(link)]
        for target in spellings:
            assert "working files" in one_error_line(run(office, "backup", target, "--force")), target
        assert _status(office) == "approved"
        verify = run(office, "audit", "verify")
        assert verify.returncode == 0 and "1 documents" in verify.stdout, verify.stderr
    finally:
        holder.close()


def test_an_existing_file_is_not_replaced_without_force(office: Path, tmp_path: Path) -> None:
    other = tmp_path / "other-office.db"
    other.write_bytes(b"another office's records")
    assert "--force" in one_error_line(run(office, "backup", str(other)))
    assert other.read_bytes() == b"another office's records"
    assert run(office, "backup", str(other), "--force").returncode == 0
    with sqlite3.connect(other) as con:
        assert con.execute("SELECT status FROM document").fetchall() == [("approved",)]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_the_copy_checks_out_before_backup_says_done(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    result = run(office, "backup", str(copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(copy)
    with sqlite3.connect(copy) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    verify = run(copy, "audit", "verify")
    assert verify.returncode == 0, verify.stderr


def test_a_database_whose_trail_does_not_verify_is_not_backed_up(office: Path, tmp_path: Path) -> None:
    with sqlite3.connect(office) as con:
        con.execute("UPDATE document SET status = 'rejected'")
    copy = tmp_path / "copy.db"
    assert "GR-2026-0001" in one_error_line(run(office, "backup", str(copy)))
    assert not copy.exists() and [p for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_backup_and_restore_need_the_admin_role(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert "administrator" in one_error_line(run(office, "backup", str(copy), user="zhaolei"))
    assert not copy.exists()
    assert run(office, "backup", str(copy)).returncode == 0
    assert "administrator" in one_error_line(run(office, "restore", str(copy), user="wangfang"))


def test_restore_round_trip_keeps_the_current_database_aside(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert run(office, "backup", str(copy)).returncode == 0
    later = run(office, "submit", "general_request", "--set", "subject=Later", "--set", "details=D", user="emily")
    assert later.returncode == 0

    # The backup lacks work done since: refused unless forced.
    assert "--force" in one_error_line(run(office, "restore", str(copy)))
    assert run(office, "show", "GR-2026-0002", user="emily").returncode == 0

    holder = sqlite3.connect(office)  # another session keeps the office open during the restore
    try:
        result = run(office, "restore", str(copy), "--force")
        assert result.returncode == 0, result.stderr
        assert "kept in" in result.stdout
        assert holder.execute("SELECT number FROM document ORDER BY id").fetchall() == [("GR-2026-0001",)]
    finally:
        holder.close()
    assert _status(office) == "approved"
    assert "GR-2026-0002" in one_error_line(run(office, "show", "GR-2026-0002", user="emily"))
    verify = run(office, "audit", "verify")
    assert verify.returncode == 0, verify.stderr
    with sqlite3.connect(office) as con:
        assert con.execute("SELECT action FROM action ORDER BY id DESC LIMIT 1").fetchone() == ("restore",)
    kept = [p for p in office.parent.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as con:
        assert con.execute("SELECT count(*) FROM document").fetchone()[0] == 2


def test_restore_refuses_a_damaged_or_unverified_backup_and_changes_nothing(office: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    assert run(office, "backup", str(copy)).returncode == 0
    with sqlite3.connect(copy) as con:
        con.execute("UPDATE task SET decision = 'reject' WHERE decision = 'approve'")
    assert "does not check out" in one_error_line(run(office, "restore", str(copy), "--force"))
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(os.urandom(4096))
    assert "does not check out" in one_error_line(run(office, "restore", str(garbage), "--force"))
    assert "no backup file" in one_error_line(run(office, "restore", str(tmp_path / "missing.db")))
    assert "working files" in one_error_line(run(office, "restore", f"{office}-wal", "--force"))
    assert _status(office) == "approved"
    assert [p for p in office.parent.iterdir() if ".before-restore-" in p.name] == []
