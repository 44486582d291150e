"""`intervene` from the command line: administrators only, a reason always, one line either way."""

from __future__ import annotations

import json

from tests.cli.test_workflow_cli import db, run  # noqa: F401  (db: the demo office fixture)


def _submitted(db):  # noqa: F811
    return run(db, "--user", "emily", "submit", "purchase_request", "--set", "item=Desk", "--set", "quantity=1",
               "--set", "amount=3000", "--set", "reason=New hire").stdout.strip()


def test_jump_then_end_with_reasons_in_the_history(db):  # noqa: F811
    number = _submitted(db)
    out = run(db, "--user", "admin", "intervene", "jump", number, "--step", "gm", "--reason", "GM decides").stdout
    assert out.strip() == f"{number} is now at 'General manager'."
    run(db, "--user", "admin", "intervene", "end", number, "--outcome", "rejected", "--reason", "Budget frozen")
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["status"] == "rejected"
    assert [(h["action"], h["comment"]) for h in shown["history"][-2:]] == [
        ("intervene-jump", "GM decides"), ("intervene-end", "Budget frozen")]


def test_refusals_are_one_line(db):  # noqa: F811
    number = _submitted(db)
    for args, code in ((("--user", "zhaolei", "intervene", "end", number, "--outcome", "approved", "--reason", "x"), 1),
                       (("--user", "admin", "intervene", "end", number, "--outcome", "approved", "--reason", " "), 1),
                       (("--user", "admin", "intervene", "end", number, "--reason", "x"), 1),
                       (("--user", "admin", "intervene", "jump", number, "--step", "nowhere", "--reason", "x"), 1),
                       (("--user", "admin", "intervene", "leap", number, "--reason", "x"), 2),
                       (("--user", "admin", "intervene", "end", number), 2)):
        proc = run(db, *args, check=False)
        assert proc.returncode == code, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["status"] == "in_progress" and shown["history"][-1]["action"] == "submit"


def test_reassign_then_pull_back_with_reasons_in_the_history(db):  # noqa: F811
    number = _submitted(db)
    run(db, "--user", "zhaolei", "act", "approve", number, "--comment", "ok")  # director; now at the vp
    run(db, "--user", "admin", "intervene", "reassign", number, "--from", "chenjing", "--to", "sunyan",
        "--reason", "Chen Jing is away")
    assert [row["number"] for row in json.loads(run(db, "--user", "sunyan", "inbox", "--json").stdout)] == [number]
    assert json.loads(run(db, "--user", "chenjing", "inbox", "--json").stdout) == []
    run(db, "--user", "admin", "intervene", "pull-back", number, "--reason", "The director must see the new quote")
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert [s["step"] for s in shown["current_steps"]] == ["director"]
    assert [(h["action"], h["comment"]) for h in shown["history"][-2:]] == [
        ("intervene-reassign", "Chen Jing is away"), ("intervene-pull-back", "The director must see the new quote")]
    assert json.loads(run(db, "--user", "sunyan", "inbox", "--json").stdout) == []
