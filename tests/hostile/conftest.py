"""Provides a demo office on a file database (made once, copied per test) and an in-process CLI runner.

`hostile_document` plants text full of terminal escapes straight into the database, as an older
version or a direct edit could have left it, so the tests prove output is inert whatever is stored.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui_office.cli.main import main

NOW = "2026-11-23T09:00:00"

ESCAPES = "Hi\x1b[2J\x1b[H\x1b]0;pwned\x07"
"""Clears the screen, homes the cursor and retitles the terminal."""
FORGED = "Lunch\nstatus: approved"
"""A newline that would print a second, forged line."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
"""Bytes that must never reach the terminal raw."""


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-template") / "office.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TUI_OFFICE_NOW", NOW)
        assert main(["--db", str(path), "init", "--demo"]) == 0
    from tui_office.store.db import close_database

    close_database()  # everything checkpointed into the one file that tests copy
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "office.db"
    shutil.copy(demo_template, path)
    monkeypatch.setenv("TUI_OFFICE_NOW", NOW)
    yield path
    from tui_office.store.db import close_database

    close_database()


@pytest.fixture
def cli(db: Path, capsys: pytest.CaptureFixture):
    """Run `tui-office --db DB ARGS…` in this process; returns exit code, stdout and stderr."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(["--db", str(db), *args])
        except SystemExit as exc:  # argparse usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def plant_hostile_document(db: Path) -> str:
    """Submit a harmless general request, then rewrite it in the store as hostile data would be."""
    from tui_office.config import Settings
    from tui_office.services import workflow
    from tui_office.services.office import Office
    from tui_office.store.models import Action, Document, User

    office = Office.open(Settings(), str(db))
    number = workflow.submit(office, "emily", "general_request", {"subject": "Harmless", "details": "ok"})
    doc = Document.get(Document.number == number)
    fields = dict(doc.fields)
    fields["subject"] = ESCAPES + FORGED
    fields["details"] = "line one\n\x1b[31mred\x1b[0m\tand tab"
    Document.update(title=ESCAPES + FORGED, fields=fields).where(Document.id == doc.id).execute()
    Action.update(comment="fine\x1b]0;pwned\x07\nstatus: approved").where(Action.document == doc.id).execute()
    User.update(name="Emily\x1b[2J\u202eCarter").where(User.login == "emily").execute()
    return number


@pytest.fixture
def hostile_number(db: Path) -> str:
    return plant_hostile_document(db)


def assert_inert(text: str) -> None:
    for raw in RAW:
        assert raw not in text, f"raw {raw!r} reached the terminal: {text!r}"


__all__ = ["ESCAPES", "FORGED", "assert_inert", "json"]
