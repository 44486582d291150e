"""`migrate-db`: a whole office copied into an empty database (PostgreSQL in that leg of CI, another
SQLite file otherwise) and back, verified there, and nothing copied into a database that has tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.backend import office_db
from tests.cli.test_workflow_cli import run


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo office file with documents approved, returned and waiting (no test changes it)."""
    db = tmp_path_factory.mktemp("source") / "office.db"
    run(db, "init", "--demo")
    for subject in ("Trip to Suzhou", "Printer paper"):
        number = run(db, "--user", "emily", "submit", "general_request", "--set", f"subject={subject}",
                     "--set", "details=D").stdout.strip()
        run(db, "--user", "zhaolei", "act", "approve", number, "--comment", "同意")
    claim = run(db, "--user", "emily", "submit", "expense_claim", "--set", "purpose=Taxi", "--set",
                "expense_type=transport", "--set", "spent_on=2026-11-20", "--set", "amount=120",
                "--set", "receipts=invoice").stdout.strip()
    run(db, "--user", "zhaolei", "act", "return", claim, "--comment", "请补票据")
    run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Waiting", "--set", "details=D")
    return db


def _office_as_seen(db: Path | str) -> list:
    shown = [json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
             for number in ("GR-2026-0001", "GR-2026-0002", "EC-2026-0001", "GR-2026-0003")]
    inboxes = [json.loads(run(db, "--user", login, "inbox", "--json").stdout) for login in ("zhaolei", "emily")]
    return [shown, inboxes, json.loads(run(db, "users", "list", "--json", "--all").stdout)]


def test_an_office_copied_there_and_back_is_the_same_office_and_its_trail_verifies(source: Path,
                                                                                   tmp_path: Path) -> None:
    target = office_db(tmp_path, "target.db")
    copied = run(source, "--user", "admin", "migrate-db", "--to", str(target))
    lines = copied.stdout.splitlines()
    assert "document: 4/4 rows" in lines and "action: 26/26 rows" in lines
    assert lines[-2].startswith("copied ") and lines[-1].startswith(f"audit verify on {target}: ")
    assert "chain intact; 4 documents and 19 users match" in lines[-1]
    assert copied.stderr == ""
    assert _office_as_seen(target) == _office_as_seen(source)
    assert run(target, "audit", "verify").returncode == 0

    back = tmp_path / "back.db"
    run(target, "--user", "admin", "migrate-db", "--to", str(back), "--lang", "zh-CN")
    assert _office_as_seen(back) == _office_as_seen(source)

    # The copy goes on where the office left off: the next number, new ids, the lists kept.
    number = run(target, "--user", "emily", "submit", "general_request", "--set", "subject=After the move",
                 "--set", "details=D").stdout.strip()
    assert number == "GR-2026-0004"
    todo = json.loads(run(target, "--user", "zhaolei", "inbox", "--json").stdout)
    assert [row["number"] for row in todo] == ["GR-2026-0003", "GR-2026-0004"]
    assert run(target, "audit", "verify").returncode == 0


def test_nothing_is_copied_into_a_database_that_has_tables(source: Path, tmp_path: Path) -> None:
    other = office_db(tmp_path, "other.db")
    run(other, "init", "--demo")
    before = run(other, "audit", "checkpoint").stdout
    refused = run(source, "--user", "admin", "migrate-db", "--to", str(other), check=False)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "already holds tables" in refused.stderr
    assert run(other, "audit", "checkpoint").stdout == before
    itself = run(source, "--user", "admin", "migrate-db", "--from", str(source), "--to", str(source), check=False)
    assert itself.returncode == 1 and "already holds tables" in itself.stderr


@pytest.mark.parametrize("target, words", [
    ("office\x1b[2J.db", "control characters"),
    ("x" * 5000, "at most 2000 characters"),
    ("", "control characters"),
])
def test_a_bad_target_is_refused_in_one_line(source: Path, target: str, words: str) -> None:
    refused = run(source, "--user", "admin", "migrate-db", "--to", target, check=False)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and words in refused.stderr and "\x1b" not in refused.stderr


def test_only_an_administrator_may_copy_the_office_and_the_target_is_required(source: Path, tmp_path: Path) -> None:
    clerk = run(source, "--user", "emily", "migrate-db", "--to", str(tmp_path / "mine.db"), check=False)
    assert clerk.returncode == 1 and clerk.stderr.count("\n") == 1 and "administrator" in clerk.stderr
    assert not (tmp_path / "mine.db").exists()
    missing = run(source, "--user", "admin", "migrate-db", check=False)
    assert missing.returncode == 2 and "--to" in missing.stderr


def test_an_unreachable_server_is_one_line_that_hides_the_password(source: Path) -> None:
    refused = run(source, "--user", "admin", "migrate-db", "--to", "postgresql://clerk:s3cret@127.0.0.1:1/office",
                  check=False)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "clerk:***@127.0.0.1:1/office" in refused.stderr and "s3cret" not in refused.stderr
