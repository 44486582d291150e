"""`act entrust` (委派) and `act remove-approver` (减签) from the command line: one line out, one
line of refusal on stderr with exit 1, and the history in `show --json`."""

from __future__ import annotations

import json

from tests.cli.test_workflow_cli import db, run  # noqa: F401  (db: the demo office fixture)


def test_entrust_then_answer_then_decide_and_remove_an_added_approver(db):  # noqa: F811
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Chairs",
                 "--set", "details=Two").stdout.strip()
    out = run(db, "--user", "zhaolei", "act", "entrust", number, "--to", "sunyan", "--comment", "Stock?").stdout
    assert number in out
    refused = run(db, "--user", "sunyan", "act", "delegate", number, "--to", "hejun", check=False)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    run(db, "--user", "sunyan", "act", "approve", number, "--comment", "None left")
    run(db, "--user", "zhaolei", "act", "add-approver", number, "--to", "hejun", "--before")
    run(db, "--user", "zhaolei", "act", "remove-approver", number, "--to", "hejun")
    run(db, "--user", "zhaolei", "act", "approve", number, "--comment", "同意")
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["status"] == "approved"
    assert [h["action"] for h in shown["history"]] == [
        "submit", "entrust", "entrust-approve", "add-approver", "remove-approver", "approve"]


def test_removing_someone_who_acted_is_one_line_exit_1(db):  # noqa: F811
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Chairs",
                 "--set", "details=Two").stdout.strip()
    run(db, "--user", "zhaolei", "act", "add-approver", number, "--to", "hejun", "--before")
    run(db, "--user", "hejun", "act", "approve", number, "--comment", "ok")
    refused = run(db, "--user", "zhaolei", "act", "remove-approver", number, "--to", "hejun", check=False)
    assert refused.returncode == 1
    assert refused.stderr.count("\n") == 1 and "already acted" in refused.stderr


def test_submit_for_someone_else(db):  # noqa: F811
    number = run(db, "--user", "wangfang", "submit", "leave", "--for", "emily", "--set", "type=personal",
                 "--set", "start=2026-11-25", "--set", "end=2026-11-26", "--set", "reason=Moving house",
                 "--set", "handover=sunyan").stdout.strip()
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["initiator"] == "emily"
    assert (shown["history"][0]["actor"], shown["history"][0]["on_behalf_of"]) == ("wangfang", "emily")
    refused = run(db, "--user", "zhouqiang", "submit", "leave", "--for", "emily", "--set", "type=personal",
                  check=False)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1
    sent = run(db, "--user", "wangfang", "submit", "leave", "--for", "emily", "--number", number, check=False)
    assert sent.returncode == 1 and sent.stderr.count("\n") == 1  # already on its way: nothing to hand over
    both = run(db, "--user", "wangfang", "submit", "leave", "--for", "emily", "--from", number, check=False)
    assert both.returncode == 2 and both.stderr.count("\n") == 1


def test_a_draft_saved_for_someone_is_handed_over_when_submitted(db):  # noqa: F811
    draft = run(db, "--user", "wangfang", "submit", "leave", "--draft", "--for", "emily", "--set", "type=personal",
                "--set", "start=2026-11-25", "--set", "end=2026-11-26", "--set", "reason=Moving house",
                "--set", "handover=sunyan").stdout.strip()
    assert json.loads(run(db, "--user", "wangfang", "show", draft, "--json").stdout)["initiator"] == "wangfang"
    refused = run(db, "--user", "wangfang", "submit", "leave", "--number", draft, "--for", "nobody\x1b[2J", check=False)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "\x1b" not in refused.stderr
    run(db, "--user", "wangfang", "submit", "leave", "--number", draft)
    shown = json.loads(run(db, "--user", "emily", "show", draft, "--json").stdout)
    assert shown["initiator"] == "emily" and shown["status"] == "in_progress"
    assert (shown["history"][-1]["actor"], shown["history"][-1]["on_behalf_of"]) == ("wangfang", "emily")
