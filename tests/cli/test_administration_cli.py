"""The administration commands as an administrator types them: the department tree, roles and
everyone's deputies, with their JSON; a clerk is refused in one line and nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui_office.cli.main import main
from tui_office.store import db as store_db


@pytest.fixture
def cli(tmp_path: Path, capsys, monkeypatch):
    db = tmp_path / "office.db"

    def run(*args: str, user: str = "admin") -> tuple[int, str, str]:
        monkeypatch.setenv("TUI_OFFICE_NOW", "2026-11-23T09:00")
        try:
            code = main(["--db", str(db), "--user", user, *args])
        finally:
            store_db.close_database()
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    assert run("init", "--demo")[0] == 0
    return run


def test_an_admin_builds_the_department_tree(cli):
    assert cli("departments", "add", "key_accounts", "Key accounts", "--zh", "大客户组", "--parent", "sales",
               "--manager", "emily")[:2] == (0, "key_accounts\n")
    assert cli("users", "edit", "zhouqiang", "--department", "key_accounts", "--title-zh", "大客户专员")[0] == 0
    code, out, _ = cli("departments", "list", "--json")
    rows = {d["code"]: d for d in json.loads(out)}
    assert rows["key_accounts"] == {"code": "key_accounts", "name_en": "Key accounts", "name_zh": "大客户组",
                                    "parent": "sales", "manager": "emily", "active": True, "members": 1}
    code, out, _ = cli("departments", "list")
    assert "    key_accounts  Key accounts" in out, "indented twice: under sales, under the GM's office"
    code, _, err = cli("departments", "deactivate", "key_accounts")
    assert (code, err) == (1, "tui-office: 'key_accounts' still has 1 active member(s): zhouqiang. "
                              "Move them to another department or deactivate them first.\n")
    code, _, err = cli("departments", "move", "management", "key_accounts")
    assert code == 1 and "cannot go under itself" in err
    code, out, _ = cli("audit", "verify")
    assert code == 0 and out.startswith("ok:")


def test_an_admin_gives_roles_and_sets_a_colleague_s_deputy(cli):
    assert cli("roles", "add", "auditor", "Internal auditor", "--zh", "内审")[0] == 0
    assert cli("roles", "grant", "auditor", "emily")[:2] == (0, "emily now has the role auditor.\n")
    code, out, _ = cli("roles", "list", "--json")
    auditor = next(r for r in json.loads(out) if r["code"] == "auditor")
    assert auditor == {"code": "auditor", "name_en": "Internal auditor", "name_zh": "内审", "members": ["emily"],
                       "starts": [], "submit_for": [], "steps": []}
    code, _, err = cli("roles", "revoke", "admin", "admin")
    assert code == 1 and "last active administrator" in err
    assert cli("deputies", "set", "zhaolei", "--to", "chenjing", "--from", "2026-12-01", "--until", "2026-12-04")[0] == 0
    code, out, _ = cli("deputies", "list", "--json")
    (record,) = json.loads(out)
    assert (record["principal"], record["deputy"], record["start"], record["end"]) == ("zhaolei", "chenjing", "2026-12-01", "2026-12-04")
    assert cli("deputies", "clear", str(record["id"]))[0] == 0
    assert json.loads(cli("deputies", "list", "--json")[1]) == []


@pytest.mark.parametrize("args", [
    ["departments", "add", "x", "X"], ["departments", "set-manager", "sales", "emily"], ["roles", "grant", "hr", "emily"],
    ["deputies", "list"], ["users", "edit", "emily", "--name", "Em"],
])
def test_a_clerk_is_refused_in_one_line(cli, args):
    before = cli("departments", "list", "--json")[1], cli("roles", "list", "--json")[1], cli("users", "list", "--json")[1]
    code, out, err = cli(*args, user="zhaolei")
    assert (code, out) == (1, "")
    assert err == "tui-office: Only an administrator (role 'admin') may do that; 'zhaolei' is not one.\n"
    assert (cli("departments", "list", "--json")[1], cli("roles", "list", "--json")[1], cli("users", "list", "--json")[1]) == before
