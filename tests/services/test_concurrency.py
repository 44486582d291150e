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

RACERS = 8


def _cli(db: Path, *args: str, user: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "tui_office", "--db", str(db)]
    if user:
        cmd += ["--user", user]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, timeout=60)


def test_eight_racing_approvals_one_wins_the_others_are_told_already_handled(tmp_path: Path) -> None:
    db = tmp_path / "office.db"
    assert _cli(db, "init", "--demo").returncode == 0
    submitted = _cli(db, "submit", "general_request", "--set", "subject=Race", "--set", "details=D", user="emily")
    assert submitted.returncode == 0, submitted.stderr
    number = submitted.stdout.strip()

    cmd = [sys.executable, "-m", "tui_office", "--db", str(db), "--user", "zhaolei", "act", "approve", number]
    racers = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
              for _ in range(RACERS)]
    results = [(p.wait(timeout=60), *p.communicate()) for p in racers]

    winners = [r for r in results if r[0] == 0]
    losers = [r for r in results if r[0] != 0]
    assert len(winners) == 1, results
    assert len(losers) == RACERS - 1, results
    for code, out, err in losers:
        assert code == 1, (code, err)
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert "already handled" in lines[0].lower(), err
        assert "locked" not in err.lower() and "traceback" not in err.lower()
    assert winners[0][2] == ""

    verified = _cli(db, "audit", "verify")
    assert verified.returncode == 0, verified.stderr

    shown = _cli(db, "show", number, "--json", user="emily")
    assert shown.returncode == 0, shown.stderr
    view = json.loads(shown.stdout)
    assert [h["action"] for h in view["history"]].count("approve") == 1
    assert view["status"] == "approved"
