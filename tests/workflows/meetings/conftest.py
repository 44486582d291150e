"""Provides `cli`: the meetings commands run as a user runs them — real processes on a demo office,
the clock set with TUI_OFFICE_NOW."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.inprocess import run_cli


REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli(tmp_path: Path):
    """`run(*args, now=…, user=…)` on a fresh demo office (`init --demo`)."""
    db = tmp_path / "office.db"

    def run(*args: str, now: str = "2026-11-23T09:00", user: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "TUI_OFFICE_NOW": now}
        who = ("--user", user) if user else ()
        command = ("--db", str(db), *who, *args)
        return run_cli(command,
                              cwd=REPO, env=env)

    assert run("init", "--demo").returncode == 0
    return run
