"""PINs and electronic signatures on the command line: a PIN comes from TUI_OFFICE_PIN (or a prompt),
never from an argument and never written anywhere in clear; decisions are signed and `audit
verify` checks the signatures, naming the row whose signature or content was changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tui_office.services import signing
from tui_office.store import db as store_db

from tests.cli.os_accounts import Cli

PINS = {"luoping": "luo-12345", "xuhao": "xu-12345", "admin": "admin-9876"}
NOW = "2026-11-23T09:00"


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()
    signing.forget()


@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A copy of the demo office requiring PINs; luoping, xuhao (her manager) and admin set theirs."""
    cli = Cli(tmp_path / "demo.db", capsys, monkeypatch)
    assert cli("init", "--demo", now=NOW)[0] == 0
    assert cli("settings", "set", "security.require_pin", "true", "--user", "admin", now=NOW)[0] == 0
    for login, pin in PINS.items():
        monkeypatch.setenv("TUI_OFFICE_NEW_PIN", pin)
        code, out, err = cli("pin", "set", "--user", login, now=NOW)
        assert (code, out.strip()) == (0, login), err
    monkeypatch.delenv("TUI_OFFICE_NEW_PIN")
    return cli


def as_user(cli: Cli, monkeypatch: pytest.MonkeyPatch, login: str, *args: str, pin: str | None = None,
            now: str = NOW) -> tuple[int, str, str]:
    monkeypatch.setenv("TUI_OFFICE_PIN", pin if pin is not None else PINS[login])
    try:
        return cli(*args, "--user", login, now=now)
    finally:
        monkeypatch.delenv("TUI_OFFICE_PIN")


def approved_leave(cli: Cli, monkeypatch: pytest.MonkeyPatch, day: int = 14) -> str:
    code, out, err = as_user(cli, monkeypatch, "luoping", "submit", "leave", "--set", "type=annual",
                             "--set", f"start=2026-12-{day}", "--set", f"end=2026-12-{day}", "--set", "reason=家里有事",
                             "--set", "handover=xuhao")
    assert code == 0, err
    number = out.strip()
    code, out, err = as_user(cli, monkeypatch, "xuhao", "act", "approve", number, "--comment", "同意")
    assert code == 0, err
    return number


def signed_rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT id, action, signature_key FROM action WHERE signature != '' ORDER BY id").fetchall()


def test_a_leave_approved_with_signatures_verifies(office: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    approved_leave(office, monkeypatch)
    assert [action for _, action, _ in signed_rows(office.db)] == ["approve"]
    code, out, err = office("audit", "verify", now=NOW)
    assert code == 0, err
    assert "1 signed decisions verified" in out


def test_an_office_without_pins_says_it_has_no_signatures(tmp_path: Path, capsys, monkeypatch) -> None:
    cli = Cli(tmp_path / "plain.db", capsys, monkeypatch)
    cli("init", "--demo", now="2026-11-23T09:00")
    code, out, _ = cli("audit", "verify", now=NOW)
    assert code == 0 and "no signed decisions (the office does not require PINs)" in out


def test_a_changed_signature_or_signed_content_fails_audit_verify_naming_the_row(
        office: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    approved_leave(office, monkeypatch)
    [(row, _, _)] = signed_rows(office.db)
    with sqlite3.connect(office.db) as con:
        original = con.execute("SELECT signature FROM action WHERE id = ?", (row,)).fetchone()[0]
        forged = ("0" if original[0] != "0" else "1") + original[1:]
        con.execute("UPDATE action SET signature = ? WHERE id = ?", (forged, row))
    code, _, err = office("audit", "verify", now=NOW)
    assert code == 1 and err.startswith(f"audit row {row}: the signature does not match the row")
    with sqlite3.connect(office.db) as con:
        con.execute("UPDATE action SET signature = ?, comment = '不同意' WHERE id = ?", (original, row))
    code, _, err = office("audit", "verify", now=NOW)
    assert code == 1 and err.startswith(f"audit row {row}: ")
    with sqlite3.connect(office.db) as con:
        con.execute("UPDATE action SET comment = '同意', signature = '', signature_key = NULL WHERE id = ?", (row,))
    code, _, err = office("audit", "verify", now=NOW)
    assert code == 1 and err.startswith(f"audit row {row}: "), "an unsigned copy of a signed row is found out"


def test_a_new_key_keeps_earlier_signatures_verifiable(office: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    approved_leave(office, monkeypatch)
    monkeypatch.setenv("TUI_OFFICE_NEW_PIN", "xu-67890")
    code, _, err = as_user(office, monkeypatch, "xuhao", "pin", "set", "--new-key")
    assert code == 0, err
    PINS["xuhao"] = "xu-67890"
    try:
        approved_leave(office, monkeypatch, day=16)
    finally:
        PINS["xuhao"] = "xu-12345"
    keys = [key for _, _, key in signed_rows(office.db)]
    assert len(keys) == 2 and keys[0] != keys[1]
    code, out, err = office("audit", "verify", now=NOW)
    assert code == 0 and "2 signed decisions verified" in out, err


def test_a_pin_is_never_stored_shown_or_taken_as_an_argument(office: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    approved_leave(office, monkeypatch)
    code, out, err = as_user(office, monkeypatch, "xuhao", "inbox", pin="wrong-pin")
    assert code == 1 and "Wrong PIN for 'xuhao'; 4 more wrong tries" in err
    said = out + err
    with pytest.raises(SystemExit) as usage:
        office("inbox", "--user", "xuhao", "--pin", "xu-12345")
    assert usage.value.code == 2
    office.capsys.readouterr()
    office("audit", "verify", now=NOW)
    store_db.close_database()
    files = [path for path in office.db.parent.rglob("*") if path.is_file()]  # the database, its journal, the home
    assert office.db in files
    for path in files:
        content = path.read_bytes()
        for pin in PINS.values():
            assert pin.encode() not in content, path
    assert not any(pin in said for pin in PINS.values())


def test_five_wrong_pins_lock_the_account_until_the_lock_runs_out(office: Cli, monkeypatch) -> None:
    for left in (4, 3, 2, 1):
        code, _, err = as_user(office, monkeypatch, "xuhao", "inbox", pin="not-it")
        assert code == 1 and f"{left} more wrong tries" in err
    code, _, err = as_user(office, monkeypatch, "xuhao", "inbox", pin="not-it")
    assert code == 1 and "locked after too many wrong PINs until 2026-11-23 09:15" in err
    code, _, err = as_user(office, monkeypatch, "xuhao", "inbox", now="2026-11-23T09:14")
    assert code == 1 and "locked" in err, "the right PIN does not open a locked account"
    code, _, err = as_user(office, monkeypatch, "xuhao", "inbox", now="2026-11-23T09:16")
    assert code == 0, err
    assert [changes for _, changes in office.audit_rows("pin_locked")] == [
        '{"tries": 5, "until": "2026-11-23 09:15:00"}']


def test_a_clerk_with_a_pin_still_cannot_act_as_someone_else(tmp_path: Path, capsys, monkeypatch) -> None:
    cli = Cli(tmp_path / "office.db", capsys, monkeypatch)
    cli("init", "--admin", "boss", "The Boss")
    cli("users", "add", "clara", "Clara")
    monkeypatch.setenv("TUI_OFFICE_NEW_PIN", "boss-pin-1")
    cli("pin", "set")
    monkeypatch.setenv("TUI_OFFICE_NEW_PIN", "clara-pin-1")
    assert cli("pin", "set", account="clara")[0] == 0
    monkeypatch.setenv("TUI_OFFICE_PIN", "boss-pin-1")
    assert cli("settings", "set", "security.require_pin", "true")[0] == 0
    monkeypatch.setenv("TUI_OFFICE_PIN", "clara-pin-1")
    code, _, err = cli("inbox", "--user", "boss", account="clara")
    assert code == 1 and "may not act as 'boss'" in err
    code, _, err = cli("pin", "set", "--user", "boss", account="clara")
    assert code == 1 and "may not act as 'boss'" in err
    monkeypatch.setenv("TUI_OFFICE_PIN", "boss-pin-1")
    code, _, err = cli("pin", "set", "--user", "clara")
    assert code == 1 and "Only 'clara' can set their own PIN" in err
