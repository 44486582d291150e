"""The scriptable workflow interface, run as offices run it: separate processes, JSON out."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.backend import office_db
from tests.inprocess import run_cli


def run(db: Path, *args: str, env_now: str = "2026-11-23T09:00:00", check: bool = True) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, TUI_OFFICE_NOW=env_now)
    proc = run_cli(["--db", str(db), *args], env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = office_db(tmp_path)
    run(path, "init", "--demo")
    return path


def test_purchase_request_end_to_end_with_leadership_step(db, tmp_path):
    items = tmp_path / "items.json"
    items.write_text(json.dumps([{"name": "Spectrometer", "qty": 1, "price": "150000"}]), encoding="utf-8")
    number = run(db, "--user", "emily", "submit", "purchase_request", "--set", "item=Spectrometer",
                 "--set", "quantity=1", "--set", "amount=150000", "--set", "reason=Lab upgrade",
                 "--items", str(items)).stdout.strip()
    assert number == "PR-2026-0001"
    inbox = json.loads(run(db, "--user", "zhaolei", "inbox", "--json").stdout)
    assert inbox == [{"number": number, "form": "purchase_request", "title": inbox[0]["title"],
                      "step": "director", "from": "Emily Carter", "due": inbox[0]["due"], "overdue": False}]
    for user in ("zhaolei", "chenjing", "liuwei", "chenjing", "liuwei"):
        run(db, "--user", user, "act", "approve", number, "--comment", "同意")
    run(db, "--user", "hejun", "act", "approve", number, "--comment", "同意",
        "--set", "supplier=Optics Co", "--set", "contract_amount=148000")
    run(db, "--user", "hejun", "act", "approve", number, "--comment", "到货", "--set", "received_on=2026-11-30",
        "--set", 'received=[{"name": "Spectrometer", "qty": 1}]')
    run(db, "--user", "emily", "act", "approve", number, "--comment", "验收合格")
    run(db, "--user", "wuhong", "act", "approve", number, "--comment", "已付", "--set", "paid_on=2026-12-01",
        "--set", "paid_amount=148000", "--set", "payment_ref=BK-1201")
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert set(shown) == {"number", "form", "version", "status", "archived", "initiator", "fields", "flags",
                          "current_steps", "history", "links", "earlier_numbers", "files"}
    assert shown["links"] == {"to": [], "from": []}
    assert shown["earlier_numbers"] == [] and shown["files"] == []
    assert shown["status"] == "approved" and shown["archived"] is True
    steps = [(h["actor"], h["action"], h["step"]) for h in shown["history"]]
    assert steps == [
        ("emily", "submit", ""),
        ("zhaolei", "approve", "director"),
        ("chenjing", "approve", "vp"),
        ("liuwei", "approve", "leadership"),
        ("chenjing", "approve", "leadership"),
        ("liuwei", "approve", "gm"),
        ("hejun", "approve", "purchasing"),
        ("hejun", "approve", "receipt"),
        ("emily", "approve", "check"),
        ("wuhong", "approve", "payment"),
    ]
    assert set(shown["history"][0]) == {"actor", "on_behalf_of", "action", "step", "comment", "at", "signed"}
    assert run(db, "audit", "verify").returncode == 0


def test_validation_failure_prints_field_code_message(db):
    proc = run(db, "--user", "emily", "submit", "purchase_request", "--set", "item=Desk", "--set", "quantity=lots",
               check=False)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert "quantity: invalid_number: " in proc.stderr
    assert "amount: required: " in proc.stderr and "reason: required: " in proc.stderr  # all at once
    assert all(line.count(": ") >= 2 for line in lines)
    assert proc.stdout == ""


def test_refusals_are_one_line(db):
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=S", "--set", "details=D").stdout.strip()
    proc = run(db, "--user", "emily", "act", "approve", number, check=False)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1
    proc = run(db, "--user", "zhaolei", "act", "reject", number, check=False)
    assert proc.returncode == 1 and "opinion" in proc.stderr
    assert run(db, "--user", "zhaolei", "act", "reject", number, "--comment", "No").returncode == 0


def test_away_then_delegated_task_and_remind(db):
    run(db, "--user", "zhaolei", "away", "--to", "sunyan", "--from", "2026-11-20", "--until", "2026-11-30")
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=S", "--set", "details=D").stdout.strip()
    assert json.loads(run(db, "--user", "sunyan", "inbox", "--json").stdout)[0]["number"] == number
    out = run(db, "remind", env_now="2026-11-30T09:00:00").stdout
    assert number in out
    assert json.loads(run(db, "--user", "sunyan", "inbox", "--json", env_now="2026-11-30T09:00:00").stdout)[0]["overdue"]


def test_away_hand_over_moves_the_waiting_tasks_and_says_to_whom(db):
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=S", "--set", "details=D").stdout.strip()
    run(db, "--user", "zhaolei", "away", "--to", "sunyan", "--from", "2026-11-23", "--until", "2026-11-27")
    done = json.loads(run(db, "--user", "zhaolei", "away", "hand-over", "--json").stdout)
    assert (done["principal"], done["deputy"], done["start"], done["end"]) == ("zhaolei", "sunyan", "2026-11-23", "2026-11-27")
    assert number in done["numbers"] and done["count"] == len(done["numbers"]) == len(done["tasks"])
    assert number in {row["number"] for row in json.loads(run(db, "--user", "sunyan", "inbox", "--json").stdout)}
    assert run(db, "--user", "admin", "away", "hand-over", "--for", "zhaolei").stdout.startswith(
        "No waiting task of 赵磊 is for 孙燕 to take over.")
    for args, code in ((["--user", "emily", "away", "hand-over"], 1),  # nobody stands in for her
                       (["--user", "emily", "away", "hand-over", "--for", "zhaolei"], 1),
                       (["--user", "emily", "away", "hand-over", "--for", "zhao\x1blei"], 1),
                       (["--user", "emily", "away"], 2),
                       (["--user", "zhaolei", "away", "--to", "sunyan", "hand-over"], 2)):
        proc = run(db, *args, check=False)
        assert proc.returncode == code and len(proc.stderr.strip().splitlines()) == 1 and proc.stdout == "", args
    assert "\x1b" not in run(db, "--user", "emily", "away", "hand-over", "--for", "zhao\x1blei", check=False).stderr


def run_bare(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run with the arguments exactly as given (no --db put in front)."""
    import os

    env = dict(os.environ, TUI_OFFICE_NOW="2026-11-23T09:00:00")
    proc = run_cli(args, env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_global_options_before_or_after_the_command(db):
    after = run_bare("submit", "general_request", "--set", "subject=Chairs", "--set", "details=Two",
                     "--db", str(db), "--user", "luoping").stdout.strip()
    before = run_bare("--db", str(db), "--user", "luoping", "submit", "general_request",
                      "--set", "subject=Desks", "--set", "details=One").stdout.strip()
    mixed = run_bare("--db", str(db), "show", after, "--user", "luoping", "--json").stdout
    assert json.loads(mixed)["initiator"] == "luoping"
    submitted = json.loads(run(db, "inbox", "--tab", "submitted", "--json", "--user", "luoping").stdout)
    assert {row["number"] for row in submitted} == {after, before}
    # Nested commands take them too, and a value before the command is kept when none follows it.
    users = json.loads(run_bare("--db", str(db), "users", "list", "--json").stdout)
    assert "luoping" in {u["login"] for u in users}
    assert "luoping" in {u["login"] for u in json.loads(run_bare("users", "list", "--json", "--db", str(db)).stdout)}


def test_drafts_are_listed_and_deleted_by_their_owner(db):
    number = run(db, "--user", "emily", "submit", "general_request", "--draft", "--set", "subject=Maybe").stdout.strip()
    listed = json.loads(run(db, "--user", "emily", "drafts", "list", "--json").stdout)
    assert [d["number"] for d in listed] == [number]
    refused = run(db, "--user", "zhaolei", "drafts", "delete", number, check=False)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    assert run(db, "--user", "emily", "drafts", "delete", number).stdout.strip() == f"Draft {number} deleted."
    assert json.loads(run(db, "--user", "emily", "drafts", "list", "--json").stdout) == []


def test_purchasing_fills_supplier_and_contract_amount_when_approving(db):
    number = run(db, "--user", "emily", "submit", "purchase_request", "--set", "item=Desk", "--set", "quantity=2",
                 "--set", "amount=3000", "--set", "reason=New hires").stdout.strip()
    for user in ("zhaolei", "chenjing", "liuwei"):
        run(db, "--user", user, "act", "approve", number)
    refused = run(db, "--user", "hejun", "act", "approve", number, check=False)
    assert refused.returncode == 1 and refused.stdout == ""
    lines = refused.stderr.strip().splitlines()
    assert [line.split(": ")[:2] for line in lines] == [["supplier", "required"], ["contract_amount", "required"]]
    bad = run(db, "--user", "hejun", "act", "approve", number, "--set", "contract_amount=lots",
              "--set", "item=Chair", check=False)
    assert bad.returncode == 1
    assert [line.split(": ")[:2] for line in bad.stderr.strip().splitlines()] == [
        ["item", "not_step_field"], ["supplier", "required"], ["contract_amount", "invalid_number"]]
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["status"] == "in_progress" and "supplier" not in shown["fields"]
    run(db, "--user", "hejun", "act", "approve", number, "--set", "supplier=Acme Office Ltd",
        "--set", "contract_amount=2880.50", "--comment", "Ordered")
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["status"] == "in_progress" and shown["current_steps"][0]["step"] == "receipt"
    assert shown["fields"]["supplier"] == "Acme Office Ltd"
    assert shown["fields"]["contract_amount"] == "2880.50"
    approval = shown["history"][-1]
    assert (approval["actor"], approval["action"], approval["step"]) == ("hejun", "approve", "purchasing")
    assert run(db, "audit", "verify").returncode == 0
    text = run(db, "--user", "emily", "show", number).stdout
    assert "Acme Office Ltd" in text and "2,880.50" in text


def test_an_amount_that_differs_from_its_line_items_is_submitted_with_a_warning(db, tmp_path):
    items = tmp_path / "items.json"
    items.write_text(json.dumps([{"name": "Paper", "qty": 2, "price": "100"}]), encoding="utf-8")
    args = ["--user", "emily", "submit", "purchase_request", "--set", "item=Paper", "--set", "quantity=2",
            "--set", "reason=Office", "--items", str(items)]
    done = run(db, *args, "--set", "amount=500")
    assert done.stdout.strip() == "PR-2026-0001"
    assert done.stderr.strip() == ("tui-office: warning: amount: total_differs: Amount (CNY) 500.00 differs from "
                                   "the Line items total, 200.00; check both (it can still be submitted).")
    done = run(db, *args, "--set", "amount=200")
    assert done.stderr == ""
