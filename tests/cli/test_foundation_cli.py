"""The foundation commands as a user runs them: a real `python -m tui_office` process each time.

Covers --help/--version, init --demo, users list|add|deactivate, one-line errors (unknown user,
empty database, bad config, too-new schema, usage), and `backup` while another process writes.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.inprocess import run_cli
from tui_office import __version__

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `tui-office ARGS` with no terminal and no stdin."""
    return run_cli(args, cwd=REPO)


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (asserts there is exactly one, no traceback)."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A database initialised with the demo office through the CLI."""
    db = tmp_path / "office.db"
    result = run("--db", str(db), "init", "--demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(db)
    return db


def test_help_and_version() -> None:
    result = run("--help")
    assert result.returncode == 0, result.stderr
    for command in ("init", "demo", "users", "backup", "--db", "--user", "--lang"):
        assert command in result.stdout
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"tui-office {__version__}"


def test_init_demo_lists_demo_users_in_a_wal_database(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "users", "list")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["login", "name", "department", "roles", "manager"]
    assert len(rows) >= 12
    assert any(row.split()[:2] == ["wangfang", "王芳"] for row in rows)

    with sqlite3.connect(demo_db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_users_list_json_shape(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "users", "list", "--json")
    assert result.returncode == 0, result.stderr
    users = json.loads(result.stdout)
    assert len(users) >= 12
    for user in users:
        assert set(user) == {"login", "name", "department", "roles", "manager"}
        assert isinstance(user["login"], str) and user["login"]
        assert isinstance(user["roles"], list) and all(isinstance(r, str) for r in user["roles"])
        assert user["manager"] is None or isinstance(user["manager"], str)
    by_login = {u["login"]: u for u in users}
    assert by_login["wangfang"]["name"] == "王芳"
    assert "hr" in by_login["wangfang"]["roles"]
    managers = {u["manager"] for u in users if u["manager"]}
    assert managers <= set(by_login), "every manager is a listed user"


def test_output_into_a_closed_pipe_ends_quietly(demo_db: Path) -> None:
    """`tui-office users list | head -0`: the reader went away before anything was written; the
    command stops without a traceback."""
    proc = subprocess.Popen([sys.executable, "-m", "tui_office", "--db", str(demo_db), "users", "list"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, cwd=REPO)
    proc.stdout.close()  # no reader left: the first write fails with a broken pipe
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert err.decode() == ""


def test_init_twice_changes_nothing(demo_db: Path) -> None:
    before = run("--db", str(demo_db), "users", "list", "--json").stdout
    assert run("--db", str(demo_db), "init", "--demo").returncode == 0
    assert run("--db", str(demo_db), "users", "list", "--json").stdout == before


def test_unknown_user_is_one_line(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "--user", "nobody")
    assert result.returncode != 0
    line = one_error_line(result)
    assert "nobody" in line
    assert "users list" in line


def test_database_without_users_says_how_to_start(tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "empty.db"), "init").returncode == 0
    result = run("--db", str(tmp_path / "empty.db"))
    assert result.returncode == 1
    line = one_error_line(result)
    assert "tui-office init --demo" in line
    assert "tui-office users add" in line


def test_no_arguments_uses_the_default_database_and_never_creates_it(isolated_home: Path) -> None:
    default = isolated_home / "data" / "tui-office" / "office.db"
    result = run()
    assert result.returncode == 1
    line = one_error_line(result)
    assert str(default) in line and "tui-office init --demo" in line
    assert not default.parent.exists()
    assert run("init").stdout.strip() == str(default)
    assert "tui-office init --demo" in one_error_line(run())


def test_tui_office_db_environment_variable_picks_the_database(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_OFFICE_DB", str(demo_db))
    result = run("users", "list", "--json")
    assert result.returncode == 0, result.stderr
    assert "wangfang" in {u["login"] for u in json.loads(result.stdout)}


def test_config_syntax_error_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\ntheme = "light"\nuser = wangfang\ncalendar = "cn"\n', encoding="utf-8")
    monkeypatch.setenv("TUI_OFFICE_CONFIG", str(config))
    result = run("--db", str(tmp_path / "x.db"), "users", "list")
    assert result.returncode == 1
    line = one_error_line(result)
    assert f"{config}:3:" in line
    assert "TOML" in line


def test_config_wrong_type_names_file_line_and_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\nremind_interval_hours = "soon"\n', encoding="utf-8")
    monkeypatch.setenv("TUI_OFFICE_CONFIG", str(config))
    result = run("--db", str(tmp_path / "x.db"), "users", "list")
    assert result.returncode == 1
    line = one_error_line(result)
    assert f"{config}:2:" in line
    assert "remind_interval_hours" in line


def test_users_add_and_deactivate(demo_db: Path) -> None:
    db = str(demo_db)
    result = run("--db", db, "--user", "admin", "users", "add", "lihua", "李华", "--department", "sales", "--role", "sales", "--name-en", "Li Hua")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "lihua"
    users = {u["login"]: u for u in json.loads(run("--db", db, "users", "list", "--json").stdout)}
    assert users["lihua"] == {"login": "lihua", "name": "李华", "department": "sales", "roles": ["sales"], "manager": users["zhaolei"]["login"]}

    again = run("--db", db, "--user", "admin", "users", "add", "lihua", "Someone else")
    assert again.returncode == 1
    assert "lihua" in one_error_line(again)

    missing = run("--db", db, "--user", "admin", "users", "add", "newbie", "New", "--department", "nope")
    assert missing.returncode == 1
    assert "nope" in one_error_line(missing)

    result = run("--db", db, "--user", "admin", "users", "deactivate", "lihua")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "lihua"
    active = {u["login"] for u in json.loads(run("--db", db, "users", "list", "--json").stdout)}
    everyone = {u["login"] for u in json.loads(run("--db", db, "users", "list", "--json", "--all").stdout)}
    assert "lihua" not in active
    assert "lihua" in everyone

    gone = run("--db", db, "--user", "lihua")
    assert gone.returncode == 1
    assert "lihua" in one_error_line(gone)

    unknown = run("--db", db, "--user", "admin", "users", "deactivate", "ghost")
    assert unknown.returncode == 1
    assert "ghost" in one_error_line(unknown)


@pytest.mark.parametrize(
    "args",
    [["bogus"], ["users"], ["users", "add"], ["--lang", "fr", "users", "list"], ["backup"], ["--no-such-option"]],
)
def test_usage_errors_exit_2_with_one_line(args: list[str], tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "x.db"), *args)
    assert result.returncode == 2
    assert one_error_line(result).startswith("tui-office")


def test_database_from_a_newer_version_is_refused_in_one_line(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as con:
        con.execute("UPDATE schema_version SET version = 999")
    result = run("--db", str(demo_db), "users", "list")
    assert result.returncode == 1
    assert "999" in one_error_line(result)


def test_unusable_database_is_one_line(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    for target in (tmp_path, not_a_db):
        result = run("--db", str(target), "users", "list")
        assert result.returncode == 1
        assert str(target) in one_error_line(result)


def test_demo_opens_the_demo_database_as_wangfang(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tui-office demo` seeds `demo.db` in the data directory and starts the app as 王芳."""
    from tui_office.cli.main import main
    from tui_office.ui import app as ui_app

    started = []
    monkeypatch.setattr(ui_app, "run_app", lambda office, me: started.append((office.target, me.login)))
    assert main(["demo"]) == 0
    demo_db = isolated_home / "data" / "tui-office" / "demo.db"
    assert started == [(str(demo_db), "wangfang")]
    assert not (isolated_home / "data" / "tui-office" / "office.db").exists()


WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    db, ready, stop = sys.argv[1:4]
    con = sqlite3.connect(db, timeout=10)
    con.execute("PRAGMA busy_timeout = 10000")
    n = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        con.execute("INSERT INTO scratch (payload) VALUES (?)", ("during-" + str(n) + "-" + "y" * 500,))
        con.commit()
        n += 1
        if n == 20:
            open(ready, "w").close()
        try:
            open(stop).close()
            break
        except FileNotFoundError:
            pass
    print(n)
    """
)


def test_backup_while_another_process_writes(demo_db: Path, tmp_path: Path) -> None:
    with sqlite3.connect(demo_db) as con:
        con.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        con.executemany("INSERT INTO scratch (payload) VALUES (?)", [(f"before-{i}-" + "x" * 500,) for i in range(5000)])

    ready, stop = tmp_path / "writer.ready", tmp_path / "writer.stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(demo_db), str(ready), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(300):
            if ready.exists() or writer.poll() is not None:
                break
            time.sleep(0.05)
        assert ready.exists(), f"the writer did not start: {writer.stderr.read() if writer.poll() is not None else ''}"
        with sqlite3.connect(demo_db, timeout=10) as con:
            committed_before = con.execute("SELECT count(*) FROM scratch").fetchone()[0]

        backup = tmp_path / "backups" / "copy.db"
        result = run("--db", str(demo_db), "--user", "admin", "backup", str(backup))
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == str(backup)
        assert writer.poll() is None, "the writer kept writing during the whole backup"
    finally:
        stop.touch()
        out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert int(out) > 20

    assert not backup.with_name("copy.db.part").exists()
    con = sqlite3.connect(backup)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        total = con.execute("SELECT count(*) FROM scratch").fetchone()[0]
        before = con.execute("SELECT count(*) FROM scratch WHERE payload LIKE 'before-%'").fetchone()[0]
        assert before == 5000
        assert total >= committed_before
        assert con.execute("SELECT count(*) FROM user WHERE login = 'wangfang'").fetchone()[0] == 1
    finally:
        con.close()

    restored = run("--db", str(backup), "users", "list", "--json")
    assert restored.returncode == 0, restored.stderr
    assert "wangfang" in {u["login"] for u in json.loads(restored.stdout)}


def test_backup_refuses_to_overwrite_the_database(demo_db: Path) -> None:
    result = run("--db", str(demo_db), "--user", "admin", "backup", str(demo_db))
    assert result.returncode == 1
    one_error_line(result)


def test_backup_into_a_folder_keeps_the_file_name(demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    result = run("--db", str(demo_db), "--user", "admin", "backup", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder / demo_db.name)
    with sqlite3.connect(folder / demo_db.name) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_that_cannot_be_written_is_one_line(demo_db: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run("--db", str(demo_db), "--user", "admin", "backup", str(blocker / "copy.db"))
    assert result.returncode == 1
    assert "copy.db" in one_error_line(result)


def test_a_bad_fixed_clock_is_one_line(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUI_OFFICE_NOW", "next tuesday")
    result = run("--db", str(demo_db), "users", "list")
    assert result.returncode == 1
    assert "TUI_OFFICE_NOW" in one_error_line(result)
