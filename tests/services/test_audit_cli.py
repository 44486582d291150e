"""`tui-office audit verify`: an intact trail passes; one changed byte in a stored row names that row."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.inprocess import run_cli


def _cli(db: Path, *args: str, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = ["--db", str(db)]
    if user:
        cmd += ["--user", user]
    return run_cli(cmd + list(args))


@pytest.fixture(scope="module")
def trail(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a few audit rows: two submissions, a comment and an approval."""
    db = tmp_path_factory.mktemp("audit") / "office.db"
    assert _cli(db, "init", "--demo").returncode == 0
    first = _cli(db, "submit", "general_request", "--set", "subject=One", "--set", "details=D", user="emily")
    assert first.returncode == 0, first.stderr
    number = first.stdout.strip()
    assert _cli(db, "act", "comment", number, "--comment", "looks fine", user="zhaolei").returncode == 0
    assert _cli(db, "act", "approve", number, "--comment", "ok", user="zhaolei").returncode == 0
    assert _cli(db, "submit", "general_request", "--set", "subject=Two", "--set", "details=D", user="emily").returncode == 0
    return db


def test_intact_trail_passes(trail: Path) -> None:
    result = _cli(trail, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "chain intact" in result.stdout


def _comment_row(db: Path) -> int:
    with sqlite3.connect(db) as con:
        (row_id,) = con.execute("SELECT id FROM action WHERE comment = 'looks fine'").fetchone()
        (last,) = con.execute("SELECT max(id) FROM action").fetchone()
    assert row_id < last  # a row in the middle of the chain, not the newest
    return row_id


@pytest.mark.parametrize(("column", "value"), [
    ("comment", "looks fins"),        # one byte of the opinion
    ("step", "managex"),              # one byte of the step id (the stored one is "manager")
    ("hash", None),                   # one byte of the stored hash itself
])
def test_one_changed_byte_names_that_row(trail: Path, tmp_path: Path, column: str, value: str | None) -> None:
    db = tmp_path / "tampered.db"
    with sqlite3.connect(trail) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    row_id = _comment_row(db)
    with sqlite3.connect(db) as con:
        (old,) = con.execute(f"SELECT {column} FROM action WHERE id = ?", (row_id,)).fetchone()
        if value is None:
            value = old[:-1] + ("0" if old[-1] != "0" else "1")
        assert len(value) == len(old) and sum(a != b for a, b in zip(old, value)) == 1
        con.execute(f"UPDATE action SET {column} = ? WHERE id = ?", (value, row_id))
    result = _cli(db, "audit", "verify")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f"audit row {row_id}:" in lines[0]
