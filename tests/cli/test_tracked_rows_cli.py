"""Line items that become tracked follow-up tasks (`track` on a table), run through the CLI in
separate processes on the test-only form in tests/forms/tracked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.forms_office import FORMS as FORMS_ROOT
from tests.cli.forms_office import office_with_forms
from tests.cli.test_workflow_cli import run

FORMS = FORMS_ROOT / "tracked"
ROWS = [{"what": "Book the hall", "who": "zhouqiang", "by": "2026-11-25"},
        {"what": "Order posters", "who": "emily", "by": "2026-11-30"}]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return office_with_forms(tmp_path, "tracked")


def todo(db: Path, login: str, now: str = "2026-11-23T09:00:00") -> list[tuple[str, str, str]]:
    rows = json.loads(run(db, "--user", login, "inbox", "--json", env_now=now).stdout)
    return [(row["number"], row["step"], row["due"]) for row in rows]


def test_the_test_form_passes_definitions_check():
    assert run(Path("unused.db"), "definitions", "check", str(FORMS)).stdout.startswith("ok: 1 ")


def test_each_row_becomes_a_task_for_its_owner_done_overdue_and_flagged_once(db, tmp_path):
    items = tmp_path / "items.json"
    items.write_text(json.dumps(ROWS), encoding="utf-8")
    number = run(db, "--user", "emily", "submit", "action_items", "--set", "meeting=Kickoff",
                 "--items", str(items)).stdout.strip()
    assert todo(db, "zhouqiang") == []                       # not before the review

    run(db, "--user", "zhaolei", "act", "approve", number, "--comment", "ok")
    assert todo(db, "zhouqiang") == [(number, "actions-1", "2026-11-25T23:59:59")]
    assert todo(db, "emily") == [(number, "actions-2", "2026-11-30T23:59:59")]

    done = run(db, "--user", "zhouqiang", "act", "actions-1", number, "--comment", "booked", env_now="2026-11-24T10:00:00")
    assert done.stdout.strip() == f"Book the hall: done for {number}."
    again = run(db, "--user", "zhouqiang", "act", "actions-1", number, env_now="2026-11-24T10:00:00", check=False)
    assert again.returncode == 1 and again.stderr.strip() == f"tui-office: Book the hall of {number} is already done."
    theirs = run(db, "--user", "zhouqiang", "act", "actions-2", number, env_now="2026-11-24T10:00:00", check=False)
    assert theirs.returncode == 1 and theirs.stderr.strip() == "tui-office: You may not do that."
    unknown = run(db, "--user", "zhouqiang", "act", "actions-3", number, env_now="2026-11-24T10:00:00", check=False)
    assert unknown.returncode == 1 and "actions-3" in unknown.stderr
    assert todo(db, "zhouqiang", "2026-11-24T10:00:00") == []

    run(db, "--user", "zhangli", "act", "approve", number, "--comment", "filed", env_now="2026-11-24T11:00:00")
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now="2026-11-24T11:00:00").stdout)
    assert shown["status"] == "approved"
    assert todo(db, "emily", "2026-11-24T11:00:00") == [(number, "actions-2", "2026-11-30T23:59:59")]  # goes on

    first = run(db, "--user", "admin", "remind", env_now="2026-12-01T09:00:00").stdout
    assert f"{number}: action_overdue (due 2026-11-30)" in first
    second = run(db, "--user", "admin", "remind", env_now="2026-12-01T10:00:00").stdout
    assert "action_overdue" not in second
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now="2026-12-01T10:00:00").stdout)
    assert shown["flags"] == [{"flag": "action_overdue", "due": "2026-11-30"}]
    assert todo(db, "emily", "2026-12-01T10:00:00")[0][1] == "actions-2"

    late = run(db, "--user", "emily", "act", "actions-2", number, env_now="2026-12-01T11:00:00")
    assert late.stdout.strip() == f"Order posters: done for {number}."
    assert todo(db, "emily", "2026-12-01T11:00:00") == []
    history = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now="2026-12-01T11:00:00").stdout)["history"]
    assert [(h["actor"], h["action"]) for h in history if h["action"].startswith("actions")] == [
        ("zhouqiang", "actions-1"), ("emily", "actions-2")]
    assert run(db, "audit", "verify", env_now="2026-12-01T11:00:00").returncode == 0
