"""Encrypted fields through the command line on a SQLite office: `init` makes the office key file
(mode 0600) beside the database; the clear value is nowhere in the database file, nor found by
`search`; `show --json` masks it for whoever is no reader; a backup restored with the same key file
reads again; a missing or foreign key file is one line, never a traceback."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tui_office.cli.main import main
from tui_office.store import db as store_db

ACCOUNT = "6222 0210 0112 3456 789"
CLAIM = ["submit", "expense_claim", "--set", "purpose=Taxi to the client", "--set", "expense_type=transport",
         "--set", "spent_on=2026-11-20", "--set", "amount=120", "--set", "receipts=invoice",
         "--set", f"payee_account={ACCOUNT}"]


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`tui-office --db DB ARGS` in this process on a demo office with one claim, EC-2026-0001."""
    db = tmp_path / "office.db"

    def run(*args: str, user: str = "emily", db: Path = db) -> tuple[int, str, str]:
        code = main(["--db", str(db), "--user", user, *args])
        out, err = capsys.readouterr()
        if code:
            assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        return code, out.strip(), err.strip()

    assert run("init", "--demo")[0] == 0
    assert run(*CLAIM)[1] == "EC-2026-0001"
    run.db = db
    return run


def _account(cli, user: str) -> str:
    code, out, err = cli("show", "EC-2026-0001", "--json", user=user)
    assert code == 0, err
    return json.loads(out)["fields"]["payee_account"]


def test_the_account_is_not_in_the_database_file_and_is_masked_for_the_manager(cli):
    key = cli.db.with_name("office.db.key")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    store_db.close_database()  # everything written back into the file
    raw = b"".join(p.read_bytes() for p in cli.db.parent.glob("office.db*") if p != key)
    assert ACCOUNT.encode() not in raw and b"0112 3456" not in raw
    assert _account(cli, "zhaolei") == "****6789"
    assert _account(cli, "emily") == ACCOUNT
    code, out, _ = cli("show", "EC-2026-0001", user="zhaolei")
    assert "Refund bank account: ****6789" in out and "3456" not in out


def test_search_never_finds_the_clear_account(cli):
    assert cli("search", "Taxi", "--json", user="emily")[1].count("EC-2026-0001") == 1
    for word in ("3456", "0112", "6222 0210"):
        code, out, _ = cli("search", word, "--json", user="emily")
        assert json.loads(out)["results"] == [], word


def test_a_backup_restored_with_the_same_key_file_reads_again(cli, tmp_path: Path):
    assert cli("backup", str(tmp_path / "copy.db"), user="admin")[0] == 0
    assert cli("act", "reject", "EC-2026-0001", "--comment", "No receipt", user="zhaolei")[0] == 0
    code, _, err = cli("restore", str(tmp_path / "copy.db"), "--force", user="admin")
    assert code == 0, err
    assert _account(cli, "emily") == ACCOUNT
    assert _account(cli, "zhaolei") == "****6789"


def test_a_missing_key_file_is_one_clear_line(cli):
    key = cli.db.with_name("office.db.key")
    key.rename(key.with_name("moved.key"))
    code, out, err = cli(*CLAIM)
    assert code == 1 and out == ""
    assert err == (f"tui-office: The office key file {key} is missing, so encrypted fields cannot be read or written."
                   " Put back its backup copy, or point config 'key_file' at it; an administrator who lost it for"
                   " good runs `tui-office init --new-key` (values encrypted under the old key stay unreadable).")
    code, out, err = cli("show", "EC-2026-0001")  # the claim still opens, the account marked, the reason told
    assert code == 0 and "Refund bank account: [cannot be read]" in out
    assert err.startswith(f"tui-office: warning: The office key file {key} is missing")
    assert cli("init", "--new-key", user="admin")[0] == 0  # lost for good: a new key for new values
    assert cli(*CLAIM)[1] == "EC-2026-0002"
    assert "of EC-2026-0001 was encrypted under another office key" in cli("show", "EC-2026-0001")[2]


def test_another_offices_key_file_or_garbage_in_its_place_is_one_line(cli, tmp_path: Path):
    other = tmp_path / "other" / "office.db"
    assert cli("init", db=other)[0] == 0
    key = cli.db.with_name("office.db.key")
    key.write_bytes(other.with_name("office.db.key").read_bytes())
    code, _, err = cli(*CLAIM)
    assert code == 1 and "is not this office's key" in err
    key.write_bytes(bytes(range(256)) * 400)  # 100 KB of binary: not read whole, not a key
    code, _, err = cli(*CLAIM)
    assert code == 1 and err == f"tui-office: {key} is not a tui-office key file (one line 'tui-office-key-v1' and" \
                                " the key); encrypted fields cannot be read or written with it."
