"""Identity, administration, office settings and the clock override as a user meets them on the
command line (`tui_office.cli.main.main`), with the OS account chosen by the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_office.store import db as store_db

from tests.cli.os_accounts import Cli


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


@pytest.fixture
def real(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A real office started with `init --admin`; clara is a clerk on OS account `clara`."""
    cli = Cli(tmp_path / "office.db", capsys, monkeypatch)
    code, out, err = cli("init", "--admin", "boss", "The Boss")
    assert code == 0, err
    assert out.strip() == str(cli.db)
    assert cli("users", "add", "clara", "Clara")[0] == 0
    return cli


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    cli = Cli(tmp_path / "demo.db", capsys, monkeypatch)
    code, _, err = cli("init", "--demo", now="2026-11-23T09:00")
    assert code == 0, err
    return cli


def test_init_admin_makes_the_first_user_an_admin_bound_to_my_account(real: Cli) -> None:
    code, out, _ = real("users", "list", "--json")
    users = {u["login"]: u for u in json.loads(out)}
    assert users["boss"]["roles"] == ["admin"]
    code, _, err = real("init", "--admin", "another", "Another")
    assert code == 1 and "already has users" in err


def test_the_first_users_add_on_an_empty_office_makes_an_admin(tmp_path: Path, capsys, monkeypatch) -> None:
    cli = Cli(tmp_path / "empty.db", capsys, monkeypatch)
    code, _, err = cli("init")
    assert code == 0, err
    code, out, err = cli("users", "add", "first", "First", account="first-os")
    assert code == 0, err
    code, out, err = cli("settings", "set", "security.allow_user_switch", "true", account="first-os")
    assert (code, out.strip()) == (0, "security.allow_user_switch = true")


def test_a_clerk_passing_user_is_refused_in_one_line_and_recorded(real: Cli) -> None:
    code, _, err = real("--user", "boss", "inbox", account="clara")
    assert code == 1
    assert "may not act as 'boss'" in err and "allow_user_switch" in err
    assert [json.loads(c) for _, c in real.audit_rows("switch_refused")] == [{"os_account": "clara", "requested": "boss"}]
    assert real("inbox", account="clara")[0] == 0            # as herself: fine
    assert real("--user", "clara", "inbox", account="clara")[0] == 0
    assert real("--user", "clara", "inbox", account="boss-os")[0] == 0  # an admin may act as anyone


def test_a_clerk_cannot_administer(real: Cli) -> None:
    for args in (["users", "add", "eve", "Eve", "--role", "admin"], ["users", "deactivate", "boss"],
                 ["users", "reactivate", "boss"], ["users", "set-os-login", "clara", "boss-os"],
                 ["settings", "set", "security.allow_user_switch", "true"]):
        code, _, err = real(*args, account="clara")
        assert code == 1 and "Only an administrator" in err, args
    code, out, _ = real("settings", "get", "security.allow_user_switch", account="clara")
    assert (code, out.strip()) == (0, "false")


def test_admin_deactivates_and_reactivates_but_keeps_the_last_admin(real: Cli) -> None:
    code, _, err = real("users", "deactivate", "boss")
    assert code == 1 and "last active administrator" in err
    assert real("users", "deactivate", "clara") == (0, "clara\n", "")
    assert real("inbox", account="clara")[0] == 1
    assert real("users", "reactivate", "clara") == (0, "clara\n", "")
    assert real("inbox", account="clara")[0] == 0
    assert real("users", "set-os-login", "clara", "c.jones") == (0, "clara\n", "")
    assert real("inbox", account="c.jones")[0] == 0


def test_settings_list_json_and_a_switch_the_office_turns_on(real: Cli) -> None:
    code, out, _ = real("settings", "list", "--json")
    listed = json.loads(out)
    assert [s["key"] for s in listed[:10]] == ["files.store", "office.demo", "security.allow_user_switch",
                                               "security.inactive_days", "security.pin_lock_minutes",
                                               "security.pin_max_tries", "security.pin_min_length",
                                               "security.require_pin", "workday.afternoon_start",
                                               "workday.morning_start"]
    assert [(s["value"], s["type"]) for s in listed[8:10]] == [("13:00", "time"), ("09:00", "time")]
    assert all(s["key"].startswith("forms.") and s["type"] == "form parameter" for s in listed[10:])
    assert set(listed[0]) == {"key", "value", "default", "type", "settable", "help"}
    assert [(s["value"], s["settable"]) for s in listed[:3]] == [(False, True), (False, False), (False, True)]
    assert real("settings", "set", "security.allow_user_switch", "on")[0] == 0
    assert real("--user", "boss", "inbox", account="clara")[0] == 0
    code, _, err = real("settings", "set", "office.demo", "true")
    assert code == 1 and "cannot be set" in err
    code, _, err = real("settings", "get", "nothing.here")
    assert code == 1 and "security.allow_user_switch" in err


def test_the_start_of_the_working_day_is_set_by_an_admin_only_and_checked(real: Cli) -> None:
    def starts() -> tuple[str, str]:
        return tuple(real("settings", "get", f"workday.{k}_start")[1].strip() for k in ("morning", "afternoon"))

    assert starts() == ("09:00", "13:00")
    code, _, err = real("settings", "set", "workday.morning_start", "08:30", account="clara")
    assert code == 1 and "Only an administrator" in err
    for key, value, said in (("morning", "8:30", "HH:MM"), ("morning", "24:00", "HH:MM"),
                             ("morning", "08:30\x1b[2J", "HH:MM"), ("afternoon", "1" * 100_000, "HH:MM"),
                             ("morning", "13:00", "earlier than workday.afternoon_start (13:00)"),
                             ("afternoon", "08:59", "later than workday.morning_start (09:00)")):
        code, _, err = real("settings", "set", f"workday.{key}_start", value)
        assert code == 1 and said in err and "\x1b" not in err and len(err) < 300, err
    assert starts() == ("09:00", "13:00") and real.audit_rows("setting_set") == []
    assert real("settings", "set", "workday.morning_start", "08:30") == (0, "workday.morning_start = 08:30\n", "")
    assert real("settings", "set", "workday.afternoon_start", "12:30")[0] == 0
    assert starts() == ("08:30", "12:30") and len(real.audit_rows("setting_set")) == 2


def test_the_demo_office_lets_anyone_switch(demo: Cli) -> None:
    code, out, _ = demo("settings", "get", "office.demo")
    assert out.strip() == "true"
    assert demo("--user", "zhaolei", "inbox", account="nobody-in-particular")[0] == 0


def test_the_clock_override_is_refused_on_a_real_office(real: Cli) -> None:
    code, _, err = real("submit", "general_request", "--set", "subject=S", "--set", "details=D",
                        account="clara", now="2020-01-01T09:00")
    assert code == 1 and "only honoured on a demo office" in err
    assert real.audit_rows("submit") == []


def test_the_clock_override_never_goes_behind_the_last_audit_row(demo: Cli) -> None:
    code, out, err = demo("--user", "emily", "submit", "general_request", "--set", "subject=S",
                          "--set", "details=D", now="2026-11-23T10:00")
    assert code == 0, err
    number = out.strip()
    code, _, err = demo("--user", "zhaolei", "act", "approve", number, now="2020-01-01T09:00")
    assert code == 1 and "earlier than the last recorded action (2026-11-23 10:00:00)" in err
    assert demo.audit_rows("approve") == []
    code, _, err = demo("--user", "zhaolei", "act", "approve", number, now="2026-11-23T10:00")
    assert code == 0, err
