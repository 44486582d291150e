"""Provides `Cli`: runs the command line in this process as an OS account the test chooses."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_office.cli.main import main
from tui_office.services import permissions


class Cli:
    """Runs `tui-office --db DB ARGS` in this process as OS account `account`."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.db, self.capsys, self.monkeypatch = db, capsys, monkeypatch

    def __call__(self, *args: str, account: str = "boss-os", now: str | None = None) -> tuple[int, str, str]:
        self.monkeypatch.setattr(permissions, "os_account", lambda: account)
        if now:
            self.monkeypatch.setenv("TUI_OFFICE_NOW", now)
        else:
            self.monkeypatch.delenv("TUI_OFFICE_NOW", raising=False)
        code = main(["--db", str(self.db), *args])
        out, err = self.capsys.readouterr()
        if code:
            assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        return code, out, err.strip()

    def audit_rows(self, action: str) -> list[tuple]:
        with sqlite3.connect(self.db) as con:
            return con.execute("SELECT actor_id, changes FROM action WHERE action = ? ORDER BY id", (action,)).fetchall()
