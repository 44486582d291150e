"""Eight processes race to approve the same task: one wins, seven are told who beat them.

Each racer is a real `tui-office act approve` process, so the test covers the whole path a user
takes: opening the database, the IMMEDIATE transaction, the optimistic check and the one-line error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.backend import office_db

RACERS = 8


def _cli(db: Path, *args: str, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "tui_office", "--db", str(db)]
    if user:
        cmd += ["--user", user]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=60)


def _race(db: Path, number: str, users: list[str]) -> list[tuple[int, str, str]]:
    """Start one `act approve` process per user, back to back; (exit code, stdout, stderr) of each."""
    racers = [subprocess.Popen([sys.executable, "-m", "tui_office", "--db", str(db), "--user", user, "act", "approve",
                                number], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
              for user in users]
    outputs = [p.communicate(timeout=60) for p in racers]
    return [(p.returncode, out, err) for p, (out, err) in zip(racers, outputs)]


def _one_winner(results: list[tuple[int, str, str]]) -> None:
    winners = [r for r in results if r[0] == 0]
    losers = [r for r in results if r[0] != 0]
    assert len(winners) == 1, results
    assert winners[0][2] == ""
    assert len(losers) == len(results) - 1, results
    for code, out, err in losers:
        assert code == 1, (code, err)
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert "already handled" in lines[0].lower(), err
        assert "locked" not in err.lower() and "traceback" not in err.lower()


def _history(db: Path, number: str) -> dict:
    shown = _cli(db, "show", number, "--json", user="emily")
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_eight_racing_approvals_one_wins_the_others_are_told_already_handled(tmp_path: Path) -> None:
    db = office_db(tmp_path)
    assert _cli(db, "init", "--demo").returncode == 0
    submitted = _cli(db, "submit", "general_request", "--set", "subject=Race", "--set", "details=D", user="emily")
    assert submitted.returncode == 0, submitted.stderr
    number = submitted.stdout.strip()

    _one_winner(_race(db, number, ["zhaolei"] * RACERS))

    verified = _cli(db, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    view = _history(db, number)
    assert [h["action"] for h in view["history"]].count("approve") == 1
    assert view["status"] == "approved"


def test_losers_are_told_already_handled_after_the_document_moved_on(tmp_path: Path) -> None:
    """A two-step form (the losers find it at the next step), then a one-of step raced by both
    finance clerks (the losers' own tasks were skipped): the message names who decided."""
    db = office_db(tmp_path)
    assert _cli(db, "init", "--demo").returncode == 0
    submitted = _cli(db, "submit", "expense_claim", "--set", "purpose=Taxi", "--set", "expense_type=transport",
                     "--set", "spent_on=2026-11-20", "--set", "amount=120", "--set", "receipts=invoice", user="emily")
    assert submitted.returncode == 0, submitted.stderr
    number = submitted.stdout.strip()

    _one_winner(_race(db, number, ["zhaolei"] * RACERS))
    assert _history(db, number)["status"] == "in_progress"
    _one_winner(_race(db, number, ["wuhong", "zhengxin"] * (RACERS // 2)))

    assert _cli(db, "audit", "verify").returncode == 0
    view = _history(db, number)
    assert [h["action"] for h in view["history"]].count("approve") == 2
    assert view["status"] == "approved"
