"""Approvers taken from the document, end to end through the CLI in separate processes: everyone in a
multi-user field (all must agree), anyone in a table's user column, signers one after another in the
order given, the manager of the department a field names, and people who declared a conflict of
interest skipped — all from the TOML of a test-only form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.engine_forms import office_with_test_forms


@pytest.fixture
def cli(tmp_path: Path):
    return office_with_test_forms(tmp_path, "t_signers")


def submit(cli, tmp_path: Path, reviewers: str = "zhaolei,hejun", signers: str = "liuwei,chenjing", **kw):
    owners = tmp_path / "owners.json"
    owners.write_text(json.dumps([{"task": "Stand", "owner": "mayu"}, {"task": "Flyers", "owner": "david"}]),
                      encoding="utf-8")
    return cli("submit", "t_signers", "--set", "subject=Trade fair plan", "--set", f"reviewers={reviewers}",
               "--set", f"signers={signers}", "--set", "budget_holder=finance", "--items", str(owners), **kw)


def waiting_for(cli, number: str) -> list[tuple[str, str]]:
    """(step, login) of every person whose turn it is on the document now (`show --json`)."""
    shown = json.loads(cli("show", number, "--json", ok=True).stdout)
    return [(step["step"], login) for step in shown["current_steps"] for login in step["assignees"]]


def inbox(cli, login: str) -> list[str]:
    return [row["number"] for row in json.loads(cli("inbox", "--json", user=login, ok=True).stdout)]


def test_every_reviewer_then_any_owner_then_signers_in_turn_then_the_named_departments_manager(cli, tmp_path):
    number = submit(cli, tmp_path, ok=True).stdout.strip()
    assert waiting_for(cli, number) == [("review", "zhaolei"), ("review", "hejun")]
    cli("act", "approve", number, user="zhaolei", ok=True)
    assert waiting_for(cli, number) == [("review", "hejun")]
    cli("act", "approve", number, user="hejun", ok=True)
    assert waiting_for(cli, number) == [("owners", "mayu"), ("owners", "david")]
    cli("act", "approve", number, user="david", ok=True)
    assert waiting_for(cli, number) == [("circulation", "liuwei")]  # the first signer only
    assert inbox(cli, "liuwei") == [number] and inbox(cli, "chenjing") == []
    early = cli("act", "approve", number, user="chenjing", ok=False)
    assert "刘伟" in early.stderr  # told whose turn it is
    cli("act", "approve", number, user="liuwei", ok=True)
    assert waiting_for(cli, number) == [("circulation", "chenjing")]
    assert inbox(cli, "chenjing") == [number]
    cli("act", "approve", number, user="chenjing", ok=True)
    assert waiting_for(cli, number) == [("budget", "wuhong")]  # the manager of Finance, named by the field
    ghost = cli("act", "approve", number, "--set", "informed=zhengxin,ghost", user="wuhong", ok=False)
    assert ghost.stderr.strip() == "informed: no_such_person: 'ghost' is not an active user of this office."
    cli("act", "approve", number, "--set", "informed=zhengxin", user="wuhong", ok=True)
    shown = json.loads(cli("show", number, "--json").stdout)
    assert shown["status"] == "approved"
    assert [h["actor"] for h in shown["history"] if h["step"] == "circulation"] == ["liuwei", "chenjing"]
    assert cli("audit", "verify", user="admin").returncode == 0


def test_a_signer_who_declares_a_conflict_is_skipped_and_the_next_is_asked(cli, tmp_path):
    number = submit(cli, tmp_path, reviewers="zhaolei", ok=True).stdout.strip()
    for user in ("zhaolei", "mayu"):
        cli("act", "approve", number, user=user, ok=True)
    assert waiting_for(cli, number) == [("circulation", "liuwei")]
    said = cli("declare-conflict", number, "--reason", "My brother supplies the stand", user="liuwei", ok=True)
    assert number in said.stdout
    assert waiting_for(cli, number) == [("circulation", "chenjing")]
    cli("act", "approve", number, user="chenjing", ok=True)
    refused = cli("declare-conflict", number, "--reason", "Former employer", user="chenjing", ok=False)
    assert "not asked" in refused.stderr
    cli("declare-conflict", number, "--reason", "I approved the budget myself", user="wuhong", ok=True)
    assert waiting_for(cli, number) == [("budget", "admin")]  # nobody else: the step's on_nobody rule
    history = json.loads(cli("show", number, "--json").stdout)["history"]
    declared = [(h["actor"], h["step"], h["comment"]) for h in history if h["action"] == "declare-conflict"]
    assert declared == [("liuwei", "circulation", "My brother supplies the stand"),
                        ("wuhong", "budget", "I approved the budget myself")]
    assert cli("audit", "verify", user="admin").returncode == 0


def test_a_declaration_needs_a_plain_reason_and_is_made_once(cli, tmp_path):
    number = submit(cli, tmp_path, reviewers="zhaolei", ok=True).stdout.strip()
    assert "reason" in cli("declare-conflict", number, "--reason", " ", user="zhaolei", ok=False).stderr
    assert "control" in cli("declare-conflict", number, "--reason", "a\x1bb", user="zhaolei", ok=False).stderr.lower()
    assert cli("declare-conflict", number, "--reason", "x" * 501, user="zhaolei", ok=False).stderr.startswith("reason:")
    assert cli("declare-conflict", number, user="zhaolei").returncode == 2
    assert waiting_for(cli, number) == [("review", "zhaolei")]


def test_people_who_are_not_users_are_refused_at_submit(cli, tmp_path):
    proc = submit(cli, tmp_path, reviewers="zhaolei,nobody", signers="liuwei,liuwei", ok=False)
    assert proc.stderr.strip() == "reviewers: no_such_person: 'nobody' is not an active user of this office."
