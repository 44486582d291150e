"""Hostile command-line input ends in one clear line on stderr (exit 1 or 2), never a traceback."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.hostile.conftest import Result


def one_line(result: Result, code: int = 1) -> str:
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    return lines[0]


def test_line_items_nested_100000_deep(cli, tmp_path):
    items = tmp_path / "deep.json"
    items.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = cli("--user", "emily", "submit", "purchase_request", "--set", "item=x", "--items", str(items))
    assert "cannot read line items" in one_line(result)


@pytest.mark.parametrize("limit", [str(10**20), "0", "-5"])
def test_inbox_limit_out_of_range_is_a_usage_error(cli, limit):
    line = one_line(cli("--user", "zhaolei", "inbox", "--limit", limit), code=2)
    assert "--limit" in line


@pytest.mark.parametrize("month", ["0000-01", "10000-01", "2026-13", "x"])
def test_leave_calendar_month_out_of_range_is_a_usage_error(cli, month):
    line = one_line(cli("--user", "wangfang", "leave", "calendar", "--month", month), code=2)
    assert "YYYY-MM" in line


def test_leave_calendar_for_the_last_month_there_is(cli):
    result = cli("--user", "wangfang", "leave", "calendar", "--month", "9999-12")
    assert result.code == 0, result.err


@pytest.mark.parametrize("where", ["missing/leave.csv", "."])
def test_leave_export_to_a_missing_folder_or_a_folder(cli, tmp_path, where):
    target = tmp_path / where
    line = one_line(cli("--user", "wangfang", "leave", "export", "--year", "2026", str(target)))
    assert line.startswith(f"tui-office: Cannot write {target}: ")


def test_a_full_disk_while_writing_is_one_line_and_the_database_stays_intact(cli, db, monkeypatch):
    """The database is capped at its current size, so the next write cannot get a page."""
    from tui_office.store import db as store_db

    opened = store_db.open_database

    def capped(target, **kwargs):
        database = opened(target, **kwargs)
        pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
        database.execute_sql(f"PRAGMA max_page_count = {pages}")
        return database

    monkeypatch.setattr(store_db, "open_database", capped)
    big = "x" * 4000
    before = json.loads(cli("--user", "emily", "inbox", "--tab", "submitted", "--json").out)
    line = ""
    for attempt in range(40):  # until the capped file has no page left
        result = cli("--user", "emily", "submit", "general_request", "--set", f"subject=Big {attempt}",
                     "--set", f"details={big * 20}")
        if result.code != 0:
            line = one_line(result)
            break
    assert "full" in line
    monkeypatch.setattr(store_db, "open_database", opened)
    assert cli("audit", "verify").code == 0
    check = sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
    after = json.loads(cli("--user", "emily", "inbox", "--tab", "submitted", "--json").out)
    assert len(after) == len(before) + attempt  # every write that was accepted is there, nothing half-done


def _config(isolated_home: Path, text: str) -> Path:
    path = isolated_home / "config" / "tui-office" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text", [
    '[leave]\nstatutory_days = "three"\n',
    '[leave]\nstatutory_days = { marriage = "three" }\n',
    '[leave]\nstatutory_days = { marriage = -3 }\n',
])
def test_statutory_days_of_the_wrong_shape(cli, isolated_home, text):
    path = _config(isolated_home, text)
    line = one_line(cli("--user", "wangfang", "leave", "balance"))
    assert line.startswith(f"tui-office: {path}:2:") and "statutory_days" in line


def test_a_form_file_that_is_not_utf8_and_a_folder_named_like_a_form(cli, isolated_home, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "latin1.toml").write_bytes('id = "caf\xe9"\n'.encode("latin-1"))
    (forms / "x.toml").mkdir()
    _config(isolated_home, f'forms_dir = "{forms}"\n')
    line = one_line(cli("--user", "emily", "forms", "list"))
    assert "latin1.toml" in line and "UTF-8" in line
    (forms / "latin1.toml").unlink()
    line = one_line(cli("--user", "emily", "forms", "list"))
    assert "x.toml" in line and "not a file" in line


def test_definitions_check_reports_unreadable_files_as_problems(cli, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"id = \"\xff\xfe\"\n")
    folder = tmp_path / "dir.toml"
    folder.mkdir()
    (folder / "inner.toml").mkdir()
    result = cli("definitions", "check", str(bad), str(folder))
    assert result.code == 1 and "Traceback" not in result.err + result.out
    assert f"{bad}:0: cannot read" in result.out and f"{folder / 'inner.toml'}:0: cannot read" in result.out
