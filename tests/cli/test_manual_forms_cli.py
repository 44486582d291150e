"""The other forms of the manuals, shipped as data only: each passes `definitions check`, and is
submitted and finished end to end from the command line as the people in it would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_workflow_cli import db, run  # noqa: F401  (db: the demo office fixture)
from tui_office.resources import bundled

FORMS = ("document_circulation", "office_supplies", "visitor_reception", "phone_line_change", "phone_use_register",
         "sample_submission")


@pytest.mark.parametrize("form", FORMS)
def test_each_passes_definitions_check(db, form):  # noqa: F811
    path = Path(bundled("data", "forms", f"{form}.toml"))
    assert run(db, "definitions", "check", str(path)).stdout.strip() == "ok: 1 definitions"


def submit(db, who, form, *sets, items=None):  # noqa: F811
    args = ["--user", who, "submit", form, *[a for s in sets for a in ("--set", s)]]
    if items is not None:
        args += ["--items", str(items)]
    return run(db, *args).stdout.strip()


def act(db, who, action, number, *extra):  # noqa: F811
    return run(db, "--user", who, "act", action, number, "--comment", "ok", *extra)


def shown(db, number):  # noqa: F811
    return json.loads(run(db, "--user", "admin", "show", number, "--json").stdout)


def test_circulation_is_signed_in_order_with_times(db):  # noqa: F811
    number = submit(db, "wangfang", "document_circulation", "subject=Notice on year-end inventory",
                    "issued_by=Head office", "received_on=2026-11-20", "readers=zhaolei,wuhong,hejun")
    early = run(db, "--user", "hejun", "act", "approve", number, "--comment", "read", check=False)
    assert early.returncode == 1  # not his turn yet
    for reader in ("zhaolei", "wuhong", "hejun"):
        act(db, reader, "approve", number)
    doc = shown(db, number)
    assert doc["status"] == "approved"
    signed = [(h["actor"], h["at"]) for h in doc["history"] if h["action"] == "approve"]
    assert [who for who, _ in signed] == ["zhaolei", "wuhong", "hejun"] and all(at for _, at in signed)


def test_supplies_are_issued_with_the_ledger_written(db):  # noqa: F811
    number = submit(db, "emily", "office_supplies", "item=paper", "quantity=5", "purpose=Printer in sales")
    act(db, "zhaolei", "approve", number)
    short = run(db, "--user", "guoqiang", "act", "approve", number, "--set", "stock_before=3", check=False)
    assert short.returncode == 1 and "stock_before" in short.stderr
    act(db, "guoqiang", "approve", number, "--set", "stock_before=40")
    doc = shown(db, number)
    assert doc["status"] == "approved"
    assert doc["fields"]["stock_before"] == 40 and doc["fields"]["stock_after"] == 35


def test_supplies_over_the_monthly_limit_are_flagged(db):  # noqa: F811
    submit(db, "emily", "office_supplies", "item=toner", "quantity=30", "purpose=Stock")
    number = submit(db, "emily", "office_supplies", "item=toner", "quantity=30", "purpose=More")
    assert [f["flag"] for f in shown(db, number)["flags"]] == ["heavy_use"]


def test_supplies_left_two_working_days_go_up_to_the_managers_manager(db):  # noqa: F811
    number = submit(db, "emily", "office_supplies", "item=pens", "quantity=2", "purpose=Sales desk")
    quiet = run(db, "--user", "admin", "remind", env_now="2026-11-25T08:59:00").stdout
    assert "timeout" not in quiet  # overdue and reminded, not yet escalated
    fired = run(db, "--user", "admin", "remind", env_now="2026-11-25T09:00:00").stdout
    assert f"{number}: manager zhaolei timeout escalate" in fired
    later = "2026-11-25T10:00:00"
    waiting = json.loads(run(db, "--user", "liuwei", "inbox", "--json", env_now=later).stdout)
    assert number in [row["number"] for row in waiting]
    listed = run(db, "--user", "liuwei", "inbox", env_now=later).stdout
    assert [line.split("  ")[-2].strip() for line in listed.splitlines() if number in line] == ["^Department manager"]
    assert json.loads(run(db, "--user", "zhaolei", "inbox", "--json", env_now=later).stdout) == []
    run(db, "--user", "liuwei", "act", "approve", number, "--comment", "ok", env_now=later)
    run(db, "--user", "guoqiang", "act", "approve", number, "--set", "stock_before=12", env_now=later)
    doc = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now=later).stdout)
    assert doc["status"] == "approved"
    assert [(h["actor"], h["action"]) for h in doc["history"] if h["action"] != "remind"] == [
        ("emily", "submit"), ("", "timeout-escalate"), ("liuwei", "approve"), ("guoqiang", "approve")]
    assert "manager: timeout 2 working days, on_timeout escalate" in [h["comment"] for h in doc["history"]]
    told = run(db, "--user", "emily", "--lang", "zh-CN", "show", number, env_now=later).stdout
    assert "timeout-escalate 部门经理审批 本环节 2 个工作日内未处理，升级处理\n" in told


@pytest.mark.parametrize("visitor_class, per_head, leader, accompanied, in_chinese", [
    ("A", "300.00", "liuwei", "General manager", "总经理"),
    ("B", "200.00", "chenjing", "Vice president", "副总经理"),
    ("C", "120.00", None, "Department manager", "部门经理"),
    ("D", "60.00", None, "The host", "接待人员"),
])
def test_the_visitor_class_sets_the_meal_and_who_accompanies(db, visitor_class, per_head, leader, accompanied,  # noqa: F811
                                                             in_chinese):
    number = submit(db, "emily", "visitor_reception", "organisation=Shenzhen Optics", "leader=Mr Li",
                    "visit_date=2026-11-27", "guests=3", f"visitor_class={visitor_class}", "purpose=Factory tour")
    doc = shown(db, number)
    assert doc["fields"]["meal_per_head"] == per_head and doc["fields"]["accompanied_by"] == accompanied
    assert f"陪同人员: {in_chinese}\n" in run(db, "--user", "emily", "--lang", "zh-CN", "show", number).stdout
    act(db, "zhaolei", "approve", number)
    act(db, "wangfang", "approve", number, "--set", "venue=Room B, Jade Garden")
    if leader:
        assert shown(db, number)["current_steps"][0]["assignees"] == [leader]
        act(db, leader, "approve", number)
    assert shown(db, number)["status"] == "approved"


def test_phone_line_change_is_carried_out_and_recorded(db):  # noqa: F811
    number = submit(db, "emily", "phone_line_change", "change=move", "extension=8021", "location=Room 305",
                    "reason=Desk moved")
    act(db, "zhaolei", "approve", number)
    act(db, "wangfang", "approve", number, "--set", "done_on=2026-11-24")
    assert shown(db, number)["status"] == "approved"


def test_phone_use_register_is_confirmed_and_the_bill_checked(db, tmp_path):  # noqa: F811
    calls = tmp_path / "calls.json"
    calls.write_text(json.dumps([{"day": "2026-11-03", "number": "021-5555", "minutes": 12, "purpose": "Customer"},
                                 {"day": "2026-11-10", "number": "0755-777", "minutes": 8, "purpose": "Supplier"}]),
                     encoding="utf-8")
    number = submit(db, "emily", "phone_use_register", "extension=8021", "month=2026-11-01", items=calls)
    assert shown(db, number)["fields"]["total_minutes"] == 20
    act(db, "zhaolei", "approve", number)
    act(db, "wuhong", "approve", number, "--set", "bill_amount=46.20")
    assert shown(db, number)["status"] == "approved"
    fired = run(db, "--user", "admin", "remind", env_now="2026-12-05T09:00:00").stdout
    assert f"{number}: bill_check" in fired


def test_samples_go_only_after_the_director_approved(db):  # noqa: F811
    number = submit(db, "linna", "sample_submission", "project=Tablet batch 7", "samples=4",
                    "tests=hplc,moisture", "submit_at=2026-11-25 10:00")
    early = run(db, "--user", "mayu", "act", "approve", number, "--comment", "ok", check=False)
    assert early.returncode == 1  # the analysis director signs only after the department director
    act(db, "hejun", "approve", number)
    act(db, "mayu", "approve", number, "--set", "analyst=david", "--set", "report_by=2026-11-30")
    doc = shown(db, number)
    assert doc["status"] == "approved" and doc["fields"]["analyst"] == "david"
