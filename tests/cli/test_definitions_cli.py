"""`tui-office definitions check` and `tui-office forms list` as a user runs them (real processes)."""

from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]

GOOD = textwrap.dedent('''\
    id = "small"
    version = 1
    title = { en = "Small", zh = "小" }
    prefix = "SM"
    [[fields]]
    id = "amount"
    type = "money"
    [[steps]]
    id = "first"
    assignee = { dept_manager = true }
    next = [
      { if = "amount > 1000", to = "second" },
      { to = "end" },
    ]
    [[steps]]
    id = "second"
    assignee = { role = "gm" }
''')


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(args, cwd=REPO)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_definitions_pass():
    result = run("definitions", "check")
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(list((REPO / "data" / "forms").glob("*.toml")))
    assert result.stdout.strip() == f"ok: {count} definitions"
    assert result.stderr == ""


def test_shipped_definitions_pass_with_demo_roles():
    result = run("definitions", "check", "--roles", "gm,vp,finance,purchasing,hr,warehouse")
    assert result.returncode == 0, result.stdout


def test_bad_toml_reports_file_line(tmp_path):
    path = write(tmp_path, "bad.toml", GOOD.replace('type = "money"', 'type = "money'))
    result = run("definitions", "check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{path}:7: TOML syntax error: " + result.stdout.split("TOML syntax error: ", 1)[1].strip()]
    assert "Traceback" not in result.stderr


def test_unknown_field_in_condition(tmp_path):
    path = write(tmp_path, "cond.toml", GOOD.replace("amount > 1000", "budget > 1000"))
    result = run("definitions", "check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:12: step 'first' condition: unknown field or parameter 'budget'"
    ]


def test_unreachable_step(tmp_path):
    path = write(tmp_path, "unreach.toml", GOOD.replace('  { if = "amount > 1000", to = "second" },\n', ""))
    result = run("definitions", "check", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{path}:14: step 'second' is unreachable from the first step 'first'"]


def test_folder_with_good_and_bad_files(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    bad = write(tmp_path, "b.toml", GOOD.replace('id = "small"', 'id = "other"').replace('to = "second"', 'to = "third"'))
    result = run("definitions", "check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{bad}:12: step 'first': next goes to unknown step 'third'",
                                          f"{bad}:15: step 'second' is unreachable from the first step 'first'"]
    ok = run("definitions", "check", str(tmp_path / "a.toml"))
    assert ok.returncode == 0 and ok.stdout.strip() == "ok: 1 definitions"


def test_forms_list_json():
    assert run("init").returncode == 0  # forms list reads the database, which only init creates
    result = run("forms", "list", "--json")
    assert result.returncode == 0, result.stderr
    forms = {f["id"]: f for f in json.loads(result.stdout)}
    pr = forms["purchase_request"]
    assert pr["version"] == 1 and pr["title"] == "Purchase request"
    fields = {f["id"]: f for f in pr["fields"]}
    assert fields["amount"] == {"id": "amount", "type": "money", "required": True}
    assert {"item", "quantity", "amount", "reason"} <= set(fields)
    assert forms["general_request"]["fields"] == [
        {"id": "subject", "type": "text", "required": True},
        {"id": "details", "type": "multiline", "required": True},
    ]


def test_forms_list_in_chinese():
    assert run("init").returncode == 0
    result = run("--lang", "zh-CN", "forms", "list", "--json")
    assert {f["id"]: f["title"] for f in json.loads(result.stdout)}["purchase_request"] == "采购申请"
    table = run("forms", "list")
    assert table.returncode == 0 and "purchase_request" in table.stdout
