"""A contract settlement from the command line, as the people in it run it (real processes, clock
fixed with TUI_OFFICE_NOW): register, hand over, the two-table review chain, bad input."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli(tmp_path: Path):
    db = tmp_path / "office.db"

    def run(*args: str, user: str = "luoping", lang: str = "en") -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, TUI_OFFICE_NOW="2026-11-23T09:00")
        return run_cli(["--db", str(db), "--user", user, "--lang", lang, *args], cwd=REPO, env=env,
        )

    done = run("init", "--demo")
    assert done.returncode == 0, done.stderr
    return run


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def register(cli, category: str = "a", project: str = "P7") -> str:
    return ok(cli("contracts", "register", "--title", "Workshop roof", "--counterparty", "Hua Jian Ltd",
                  "--category", category, "--project-code", project, "--project-name", "Roof",
                  "--amount", "500000", "--signed", "2026-05-01"))


def test_a_category_a_settlement_from_handover_to_archive(cli):
    """Submitting with two required items missing names both; the cost clerk's 8 % lower amount is
    refused until a joint-review record is linked; show --json gives both table numbers and amounts."""
    contract = register(cli)
    assert contract.startswith("HT-2026-")
    ok(cli("--user", "zhangli", "act", "approve", contract, "--comment", "filed"))
    number = ok(cli("contracts", "settle", contract, "--applicant", "Li Gong", user="david"))
    items = [c["item"] for c in json.loads(ok(cli("contracts", "show", number, "--json", user="david")))["checklist"]]
    assert items[:2] == ["organisation_plan", "drawings"]
    for item in items:
        if item not in ("hidden_works", "site_visas"):
            ok(cli("contracts", "mark", number, item, "--received", "--pages", "3", user="david"))
    refused = cli("contracts", "submit", number, user="david")
    assert refused.returncode == 1
    assert refused.stderr.strip() == ("checklist: contracts_items_missing: 2 required documents are still missing: "
                                      "Hidden-works records; Site visas.")
    ok(cli("contracts", "mark", number, "hidden_works", "--received", user="david"))
    ok(cli("contracts", "mark", number, "site_visas", "--na", "no site work changed", user="david"))
    ok(cli("contracts", "submit", number, user="david"))
    ok(cli("contracts", "review", number, "--amount", "520000", "--line", "Roof works|1|500000",
           "--line", "Extra gutters|10|2000", "--opinion", "All documents checked.", user="david"))
    ok(cli("act", "approve", number, "--comment", "Agreed.", user="mayu"))
    lower = cli("act", "approve", number, "--set", "verified_amount=478400", "--comment", "Double counted.")
    assert lower.returncode == 1
    assert "8.00 % (more than 5 %)" in lower.stderr and len(lower.stderr.strip().splitlines()) == 1
    record = ok(cli("submit", "contract_joint_review", "--from", number, "--set", "meeting_date=2026-11-23",
                    "--set", "attendees=luoping,david", "--set", "summary=Gutters counted twice."))
    for who in ("luoping", "david"):
        ok(cli("act", "approve", record, "--comment", "Signed.", user=who))
    ok(cli("act", "approve", number, "--set", "verified_amount=478400", "--set", f"joint_review={record}",
           "--comment", "Verified with the joint-review record."))
    ok(cli("act", "approve", number, "--comment", "Confirmed.", user="xuhao"))
    ok(cli("act", "approve", number, "--comment", "No legal objection.", user="huangmin"))
    shown = json.loads(ok(cli("contracts", "show", number, "--json")))
    assert shown["status"] == "approved" and shown["contract"] == contract
    assert shown["tables"]["preliminary"]["number"] == "P7-CS-001"
    assert shown["tables"]["confirmation"]["number"] == "P7-QR-001"
    assert shown["amounts"]["preliminary"] == "520000.00" and shown["amounts"]["verified"] == "478400.00"
    assert [s["name"] for s in shown["tables"]["confirmation"]["signatures"]] == ["罗平", "徐浩", "黄敏"]
    printed = ok(cli("contracts", "print", number, "--table", "confirmation", lang="zh-CN"))
    assert "合同结算审核确认表" in printed and "P7-QR-001" in printed and "无法律异议" not in printed
    assert "No legal objection." in printed


def test_bad_input_is_one_line_and_changes_nothing(cli):
    """Amounts that are not numbers or negative, a contract number that exists, an item of another
    category, a settlement of a contract that does not exist: each one line, exit 1, nothing changed."""
    before = ok(cli("contracts", "list", "--json"))
    for amount in ("lots", "-5"):
        done = cli("contracts", "register", "--title", "T", "--counterparty", "C", "--category", "a",
                   "--project-code", "P1", "--project-name", "N", "--amount", amount, "--signed", "2026-05-01")
        assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith("amount: ")
    assert ok(cli("contracts", "list", "--json")) == before
    paper = ["contracts", "register", "--title", "T", "--counterparty", "C", "--category", "a",
                             "--project-code", "P1", "--project-name", "N", "--amount", "1", "--signed", "2026-05-01"]
    assert ok(cli(*paper, "--number", "HT-2026-0031")) == "HT-2026-0031"
    after = ok(cli("contracts", "list", "--json"))
    again = cli(*paper, "--number", "HT-2026-0031")
    assert again.returncode == 1 and again.stderr.strip() == (
        "tui-office: HT-2026-0031 is already the number of a document (now or before); numbers are never given twice.")
    assert ok(cli("contracts", "list", "--json")) == after
    missing = cli("contracts", "settle", "HT-2026-9999", "--applicant", "X", user="david")
    assert missing.returncode == 1 and missing.stderr.strip() == "tui-office: There is no registered contract HT-2026-9999."
    contract = register(cli, category="f", project="MK1")
    number = ok(cli("contracts", "settle", contract, "--applicant", "Ms Wu", user="sunyan"))
    other = cli("contracts", "mark", number, "hidden_works", "--received", user="sunyan")
    assert other.returncode == 1
    assert other.stderr.strip().startswith("item: contracts_not_on_list: 'hidden_works' is not on the handover list of category f")
    no_reason = cli("contracts", "mark", number, "marketing_results", "--na", "  ", user="sunyan")
    assert no_reason.stderr.strip() == "reason: contracts_reason_required: Say why the item does not apply."
    negative = cli("contracts", "mark", number, "marketing_results", "--received", "--pages", "-1", user="sunyan")
    assert negative.returncode == 2 and "--pages" in negative.stderr and "Traceback" not in negative.stderr
    shown = json.loads(ok(cli("contracts", "show", number, "--json", user="sunyan")))
    assert {c["status"] for c in shown["checklist"]} == {"missing"}
    unknown = cli("contracts", "register", "--title", "T", "--counterparty", "C", "--category", "z",
                  "--project-code", "P1", "--project-name", "N", "--amount", "1", "--signed", "2026-05-01")
    assert unknown.stderr.strip() == ("category: contracts_unknown_category: There is no contract category 'z'; "
                                      "the categories are: a, b, c, d, e, f.")
