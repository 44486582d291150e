"""Which commands may create a database, and a database that may only be read.

Only `init` and `demo` create a database (or its folder); every other command on a missing path
says so in one line and leaves nothing behind. A database opened read-only (`sqlite:///…?mode=ro`,
or a file this account cannot write) still answers `inbox`, `show` and `audit verify`, and refuses
every change in one line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest

from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]


def run(db: str | Path, *args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
    cmd = ["--db", str(db)]
    if user:
        cmd += ["--user", user]
    return run_cli(cmd + list(args), cwd=REPO)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo office with one general request waiting for 赵磊 (zhaolei)."""
    db = tmp_path_factory.mktemp("files") / "office.db"
    assert run(db, "init", "--demo").returncode == 0
    result = run(db, "submit", "general_request", "--set", "subject=Projector", "--set", "details=Room B", user="emily")
    assert result.returncode == 0, result.stderr
    return db, result.stdout.strip()


@pytest.mark.parametrize("args", [
    ["inbox"], ["show", "GR-2026-0001"], ["users", "list"], ["audit", "verify"], ["remind"],
    ["users", "add", "x", "X"], ["forms", "list"], ["backup", "/tmp/never-written.db"],
])
def test_commands_other_than_init_never_create_a_database(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "no-such-folder" / "office.db"
    result = run(missing, *args, user="zhaolei")
    assert result.returncode == 1
    line = one_error_line(result)
    assert str(missing) in line and "init" in line
    assert not missing.parent.exists()


def test_init_creates_the_folder_and_the_database(tmp_path: Path) -> None:
    target = tmp_path / "new" / "office.db"
    result = run(target, "init")
    assert result.returncode == 0, result.stderr
    assert target.is_file()


def _copy(office: tuple[Path, str], tmp_path: Path) -> Path:
    db = tmp_path / "copy.db"
    with sqlite3.connect(office[0]) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return db


def _digest(db: Path) -> list:
    with sqlite3.connect(db) as con:
        return [con.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("document", "task", "action", "user")]


def test_a_read_only_database_can_be_read_and_refuses_changes(office: tuple[Path, str], tmp_path: Path) -> None:
    db = _copy(office, tmp_path)
    number = office[1]
    before = _digest(db)
    ro = f"sqlite:///{db}?mode=ro"
    inbox = run(ro, "inbox", "--json", user="zhaolei")
    assert inbox.returncode == 0, inbox.stderr
    assert number in inbox.stdout
    shown = run(ro, "show", number, user="zhaolei")
    assert shown.returncode == 0, shown.stderr
    assert "Projector" in shown.stdout
    verified = run(ro, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    for args, user in [(["act", "approve", number], "zhaolei"), (["users", "add", "x", "X"], "admin"),
                       (["submit", "general_request", "--set", "subject=S", "--set", "details=D"], "emily")]:
        result = run(ro, *args, user=user)
        assert result.returncode == 1, result.stdout
        assert "read-only" in one_error_line(result)
    assert _digest(db) == before


def test_a_database_in_a_read_only_folder_can_still_be_read(office: tuple[Path, str], tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    db = _copy(office, folder)
    db.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        for args in (["inbox"], ["show", office[1]], ["audit", "verify"]):
            result = run(db, *args, user="zhaolei")
            assert result.returncode == 0, result.stderr
        refused = run(db, "act", "approve", office[1], user="zhaolei")
        if os.access(db, os.W_OK):  # the superuser may write anyway: then it is an ordinary database
            assert refused.returncode == 0, refused.stderr
        else:
            assert refused.returncode == 1 and "read-only" in one_error_line(refused)
    finally:
        folder.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)
