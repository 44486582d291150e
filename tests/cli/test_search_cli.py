"""`tui-office search`: JSON for scripts, one line for a refused query, the index rebuilt by an administrator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_workflow_cli import run


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "office.db"
    run(path, "init", "--demo")
    run(path, "--user", "zhouqiang", "submit", "general_request", "--set", "subject=合同盖章",
        "--set", "details=Two copies for the customer")
    run(path, "--user", "emily", "submit", "general_request", "--set", "subject=Printer paper",
        "--set", "details=10 boxes")
    return path


def test_search_json_lists_what_the_user_may_see(db):
    found = json.loads(run(db, "--user", "admin", "search", "合同", "--json").stdout)
    assert found == {"more": False, "results": [{
        "number": "GR-2026-0001", "form_id": "general_request", "form_title": "General request",
        "title": "合同盖章", "status": "in_progress", "initiator_name": "周强", "submitted_at": "2026-11-23 09:00:00",
        "archived": False, "excerpt": "合同盖章", "spans": [[0, 2]]}]}
    assert json.loads(run(db, "--user", "emily", "search", "合同", "--json").stdout)["results"] == []
    mine = json.loads(run(db, "--user", "emily", "search", "paper by:emily", "--json", "--limit", "1").stdout)
    assert [r["number"] for r in mine["results"]] == ["GR-2026-0002"]
    unquoted = json.loads(run(db, "--user", "admin", "search", "paper", "status:in_progress", "by:emily", "--json").stdout)
    assert [r["number"] for r in unquoted["results"]] == ["GR-2026-0002"]


def test_a_refused_query_is_one_line_and_exit_1(db):
    proc = run(db, "--user", "admin", "search", "合同\x1b[2J", check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "\\x1b" in proc.stderr and "Traceback" not in proc.stderr
    proc = run(db, "--user", "admin", "search", "x", "--limit", "0", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def test_only_an_administrator_rebuilds_the_index(db):
    proc = run(db, "--user", "emily", "search", "--rebuild", check=False)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert run(db, "--user", "admin", "search", "--rebuild").stdout == "Search index rebuilt: 2 documents.\n"


def test_archive_list_and_log(db):
    run(db, "--user", "zhaolei", "act", "approve", "GR-2026-0002", "--comment", "同意")
    listed = json.loads(run(db, "--user", "admin", "archive", "list", "--year", "2026", "--json").stdout)
    assert listed == [{"number": "GR-2026-0002", "form_id": "general_request", "form_title": "General request",
                       "title": "Printer paper", "status": "approved", "initiator_name": "Emily Carter",
                       "department": "Sales", "finished_at": "2026-11-23 09:00:00"}]
    run(f"sqlite:///{db}?mode=ro", "--user", "zhangli", "show", "GR-2026-0002")  # a read-only copy: shown, no log
    assert json.loads(run(db, "--user", "zhangli", "archive", "log", "--json").stdout) == []
    run(db, "--user", "zhangli", "show", "GR-2026-0002")
    log = json.loads(run(db, "--user", "zhangli", "archive", "log", "--json").stdout)
    assert log == [{"at": "2026-11-23 09:00:00", "login": "zhangli", "name": "张丽", "number": "GR-2026-0002",
                    "title": "Printer paper", "grant": None}]
    proc = run(db, "--user", "emily", "archive", "log", check=False)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    proc = run(db, "--user", "admin", "archive", "list", "--year", "20x6", check=False)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
