"""Provides a demo office (through the CLI) whose administrator loaded one folder of test-only forms."""

from __future__ import annotations

from pathlib import Path

from tests.backend import office_db
from tests.cli.test_workflow_cli import run

FORMS = Path(__file__).resolve().parents[1] / "forms"


def office_with_forms(tmp_path: Path, folder: str, now: str = "2026-11-23T09:00:00") -> Path:
    """The database of a demo office made at `now` with `tests/forms/<folder>` loaded by `admin`."""
    path = office_db(tmp_path)
    run(path, "init", "--demo", env_now=now)
    run(path, "--user", "admin", "definitions", "load", str(FORMS / folder), env_now=now)
    return path
