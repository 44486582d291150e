"""Forms and office policy on a real office come from its database, never from the config file of
whoever runs a command: a clerk's own `forms_dir` and `[forms.X]` parameters change nothing there,
while an administrator's `definitions load` and `settings set forms.X.P` do (and are audited)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tui_office.cli.main import main
from tui_office.resources import bundled
from tui_office.services import permissions
from tui_office.store import db as store_db


@pytest.fixture(autouse=True)
def close_after() -> None:
    yield
    store_db.close_database()


class Cli:
    """Runs `tui-office --db DB ARGS` in this process as OS account `account`, reading the config
    file `config` (through `TUI_OFFICE_CONFIG`, as a clerk could point it anywhere)."""

    def __init__(self, db: Path, home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        self.db, self.home, self.capsys, self.monkeypatch = db, home, capsys, monkeypatch

    def __call__(self, *args: str, account: str = "boss-os", config: Path | None = None) -> tuple[int, str, str]:
        self.monkeypatch.setattr(permissions, "os_account", lambda: account)
        self.monkeypatch.setenv("TUI_OFFICE_CONFIG", str(config or self.home / "none.toml"))
        code = main(["--db", str(self.db), *args])
        out, err = self.capsys.readouterr()
        if code:
            assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        return code, out, err.strip()

    def ok(self, *args: str, account: str = "boss-os", config: Path | None = None) -> str:
        code, out, err = self(*args, account=account, config=config)
        assert code == 0, err
        return out.strip()

    def rows(self, sql: str, *params: object) -> list[tuple]:
        with sqlite3.connect(self.db) as con:
            return con.execute(sql, params).fetchall()


@pytest.fixture
def real(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A real office made by `init --admin boss`; clara is a clerk on OS account `clara`."""
    cli = Cli(tmp_path / "office.db", tmp_path, capsys, monkeypatch)
    cli.ok("init", "--admin", "boss", "The Boss")
    cli.ok("users", "add", "clara", "Clara")
    return cli


def self_approving_forms(folder: Path) -> Path:
    """A copy of the shipped general request that lets its initiator approve it herself."""
    folder.mkdir()
    text = bundled("data", "forms", "general_request.toml").read_text(encoding="utf-8")
    changed = (text.replace("allow_self_approval = false", "allow_self_approval = true")
               .replace("assignee = { dept_manager = true }", "assignee = { initiator = true }")
               .replace('on_initiator = "manager"', 'on_initiator = "allow"'))
    assert "assignee = { initiator = true }\nmode" in changed and "allow_self_approval = true" in changed
    (folder / "general_request.toml").write_text(changed, encoding="utf-8")
    return folder


def config_file(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stored_definitions(cli: Cli, form_id: str) -> list[tuple]:
    return cli.rows("SELECT version, origin, source LIKE '%allow_self_approval = true%' FROM definition "
                    "WHERE form_id = ? ORDER BY version", form_id)


def test_a_clerks_forms_dir_with_self_approval_is_ignored_on_a_real_office(real: Cli, tmp_path: Path) -> None:
    forms = self_approving_forms(tmp_path / "claras-forms")
    clara = config_file(tmp_path / "clara.toml", f'forms_dir = "{forms}"\n')
    real.ok("forms", "list")
    before = stored_definitions(real, "general_request")

    code, out, err = real("submit", "general_request", "--set", "subject=Bonus", "--set", "details=Mine",
                          account="clara", config=clara)
    assert code == 0, err
    number = out.strip()
    assert "warning" in err and "forms_dir ignored" in err and len(err.splitlines()) == 1

    assert stored_definitions(real, "general_request") == before == [(1, "program", 0)]
    code, _, err = real("act", "approve", number, "--comment", "fine by me", account="clara", config=clara)
    assert code == 1
    assert real.rows("SELECT count(*) FROM action WHERE action = 'approve'") == [(0,)]
    shown = json.loads(real.ok("show", number, "--json", account="clara"))
    assert shown["status"] == "in_progress" and [s["assignees"] for s in shown["current_steps"]] != [["clara"]]
    assert real.ok("audit", "verify").startswith("ok")


def test_an_admins_definitions_load_stores_the_forms_and_is_audited(real: Cli, tmp_path: Path) -> None:
    forms = self_approving_forms(tmp_path / "office-forms")
    real.ok("forms", "list")

    code, _, err = real("definitions", "load", str(forms), account="clara")
    assert code == 1 and "Only an administrator" in err
    assert stored_definitions(real, "general_request") == [(1, "program", 0)]

    out = real.ok("definitions", "load", str(forms))
    [line] = out.splitlines()
    assert line.startswith("general_request v2 sha256:") and line.endswith(" loaded")
    assert stored_definitions(real, "general_request") == [(1, "program", 0), (2, "office", 1)]
    [(changes,)] = real.rows("SELECT changes FROM action WHERE action = 'definition_load'")
    digest = real.rows("SELECT digest FROM definition WHERE form_id = 'general_request' AND version = 2")[0][0]
    assert json.loads(changes) | {"file": None} == {"form": "general_request", "version": 2, "digest": digest,
                                                    "file": None}

    assert real.ok("definitions", "load", str(forms)).endswith(" unchanged")   # again: nothing new
    assert len(real.rows("SELECT * FROM action WHERE action = 'definition_load'")) == 1
    listed = {f["id"]: f["version"] for f in json.loads(real.ok("forms", "list", "--json", account="clara"))}
    assert listed["general_request"] == 2                 # the shipped file does not take it back
    number = real.ok("submit", "general_request", "--set", "subject=S", "--set", "details=D", account="clara")
    real.ok("act", "approve", number, "--comment", "ok", account="clara")   # the office's form allows it
    assert json.loads(real.ok("show", number, "--json"))["status"] == "approved"
    assert real.ok("audit", "verify").startswith("ok")


def test_a_bad_folder_is_refused_whole(real: Cli, tmp_path: Path) -> None:
    forms = self_approving_forms(tmp_path / "office-forms")
    (forms / "broken.toml").write_text('id = "broken"\nversion = 1\n', encoding="utf-8")
    real.ok("forms", "list")
    code, _, err = real("definitions", "load", str(forms))
    assert code == 1 and "broken.toml" in err
    assert stored_definitions(real, "general_request") == [(1, "program", 0)]
    assert real.rows("SELECT count(*) FROM action WHERE action = 'definition_load'") == [(0,)]


def _purchase_goes_to(cli: Cli, config: Path | None = None) -> str:
    """Submit a purchase of 60,000 as clara and approve its first step as the admin (who gets
    every step of an office without roles); the step it reaches next."""
    number = cli.ok("submit", "purchase_request", "--set", "item=Server", "--set", "quantity=1",
                    "--set", "amount=60000", "--set", "reason=Old one died", account="clara", config=config)
    cli.ok("act", "approve", number, "--comment", "ok", config=config)
    shown = json.loads(cli.ok("show", number, "--json"))
    return shown["current_steps"][0]["step"]


def test_a_clerks_threshold_override_is_ignored_and_an_admins_setting_applies(real: Cli, tmp_path: Path) -> None:
    clara = config_file(tmp_path / "clara.toml", 'calendar = "plain"\n[forms.purchase_request]\n'
                        'leadership_threshold = 50000\n[leave]\nlong_single_days = 1\n')
    code, _, err = real("inbox", account="clara", config=clara)
    assert code == 0 and "[forms.purchase_request], [leave], calendar ignored" in err
    assert _purchase_goes_to(real, clara) == "gm"          # 60,000 is under the form's own 100,000

    code, _, err = real("settings", "set", "forms.purchase_request.leadership_threshold", "50000", account="clara")
    assert code == 1 and "Only an administrator" in err
    code, _, err = real("settings", "set", "forms.purchase_request.leadership_threshold", "lots")
    assert code == 1 and "must be a number" in err
    code, _, err = real("settings", "set", "forms.purchase_request.no_such_thing", "1")
    assert code == 1 and "leadership_threshold" in err
    assert real.rows("SELECT count(*) FROM action WHERE action = 'setting_set'") == [(0,)]

    assert real.ok("settings", "set", "forms.purchase_request.leadership_threshold", "50000") == \
        "forms.purchase_request.leadership_threshold = 50000"
    assert real.ok("settings", "get", "forms.purchase_request.leadership_threshold", account="clara") == "50000"
    [(changes,)] = real.rows("SELECT changes FROM action WHERE action = 'setting_set'")
    assert json.loads(changes) == {"key": "forms.purchase_request.leadership_threshold", "from": "100000", "to": "50000"}
    assert _purchase_goes_to(real) == "leadership"          # now the leaders countersign
    listed = {s["key"]: s for s in json.loads(real.ok("settings", "list", "--json"))}
    assert listed["forms.purchase_request.leadership_threshold"]["value"] == 50000


def test_a_demo_office_still_takes_the_config(tmp_path: Path, capsys, monkeypatch) -> None:
    cli = Cli(tmp_path / "demo.db", tmp_path, capsys, monkeypatch)
    monkeypatch.setenv("TUI_OFFICE_NOW", "2026-11-23T09:00")
    cli.ok("init", "--demo")
    forms = self_approving_forms(tmp_path / "demo-forms")
    mine = config_file(tmp_path / "mine.toml", f'forms_dir = "{forms}"\n')
    code, _, err = cli("--user", "emily", "forms", "list", config=mine)
    assert code == 0 and err == ""
    assert stored_definitions(cli, "general_request")[-1][1:] == ("config", 1)
