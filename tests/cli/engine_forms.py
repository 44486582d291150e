"""Provides running the CLI in its own process against a demo office that has loaded the test-only
forms of `tests/engine_forms/` (plain TOML: the engine alone must make them work)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.backend import office_db
from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]
FORMS = REPO / "tests" / "engine_forms"
NOW = "2026-11-23T09:00:00"
"""A Monday morning."""


class Cli:
    """`tui-office --db DB --user USER …` in a separate process, as an office's scripts run it."""

    def __init__(self, db: Path) -> None:
        self.db = db

    def __call__(self, *args: str, user: str = "emily", now: str = NOW, lang: str = "en",
                 ok: bool | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, TUI_OFFICE_NOW=now)
        proc = run_cli(["--db", str(self.db), "--lang", lang,
                               "--user", user, *args], cwd=REPO, env=env)
        if ok is True:
            assert proc.returncode == 0, proc.stderr
        if ok is False:
            assert proc.returncode == 1 and proc.stdout == "", (proc.returncode, proc.stdout, proc.stderr)
        return proc


def office_with_test_forms(folder: Path, *names: str) -> Cli:
    """A demo office in `folder` whose administrator has loaded the named test forms."""
    cli = Cli(office_db(folder))
    cli("init", "--demo", user="admin", ok=True)
    for name in names:
        cli("definitions", "load", str(FORMS / f"{name}.toml"), user="admin", ok=True)
    return cli
