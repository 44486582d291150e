"""`remind` on the command line deactivates an account unused for more than 90 days and moves its
open task on; the administrators are told, and `users reactivate` brings the account back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_office.store import db as store_db

from tests.cli.os_accounts import Cli


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


def test_remind_deactivates_a_user_last_seen_91_days_ago(tmp_path: Path, capsys, monkeypatch) -> None:
    cli = Cli(tmp_path / "demo.db", capsys, monkeypatch)
    assert cli("init", "--demo", now="2026-11-23T09:00")[0] == 0
    code, number, err = cli("submit", "general_request", "--set", "subject=Site visit", "--set", "details=Two days",
                            "--user", "luoping", now="2026-11-23T09:00")
    assert code == 0, err
    assert cli("inbox", "--user", "xuhao", now="2026-11-23T09:30")[0] == 0  # xuhao last seen now
    assert cli("inbox", "--user", "luoping", now="2027-02-20T09:00")[0] == 0  # luoping seen since
    code, out, err = cli("remind", "--user", "admin", now="2027-02-22T10:00")  # 91 days on
    assert code == 0, err
    assert "deactivated xuhao: not seen since 2026-11-23 (over 90 days), 1 open task(s) moved on" in out
    assert "deactivated luoping" not in out and "deactivated admin" not in out
    code, out, _ = cli("show", number.strip(), "--json", "--user", "admin", now="2027-02-22T10:00")
    assert json.loads(out)["current_steps"][0]["assignees"] == ["admin"]  # the step's on_nobody = admin
    code, out, _ = cli("users", "list", "--json")
    assert "xuhao" not in [user["login"] for user in json.loads(out)]
    assert cli("users", "reactivate", "xuhao", "--user", "admin", now="2027-02-22T10:00")[0] == 0
