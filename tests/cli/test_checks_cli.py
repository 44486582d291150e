"""Checks as data, end to end through the CLI in separate processes: a check across fields, checks on
each line-item row (naming the row), working-day arithmetic against the office calendar, and a check
on a field a step fills, judged when that step approves — all from the TOML of a test-only form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.engine_forms import FORMS, REPO, office_with_test_forms
from tests.inprocess import run_cli

ROWS_BAD = [{"name": "Bolts", "quantity": 0, "delivery_date": "2026-11-19"},
            {"name": "Nuts", "quantity": 5, "delivery_date": "2026-11-24"}]


@pytest.fixture
def cli(tmp_path: Path):
    return office_with_test_forms(tmp_path, "t_checks")


def submit(cli, tmp_path: Path, rows: list[dict], *sets: str, **kw):
    items = tmp_path / "items.json"
    items.write_text(json.dumps(rows), encoding="utf-8")
    return cli("submit", "t_checks", "--set", "subject=Fasteners", "--set", "order_date=2026-11-20",
               *[x for s in sets for x in ("--set", s)], "--items", str(items), **kw)


def test_failing_checks_refuse_the_submission_with_one_line_each(cli, tmp_path):
    proc = submit(cli, tmp_path, ROWS_BAD, "start=2026-11-25", "end=2026-11-24", "signed=2026-11-18", ok=False)
    assert proc.stderr.strip().splitlines() == [
        "items[1].quantity: check_failed: The quantity must be more than nothing.",
        "items[1].delivery_date: check_failed: Delivery cannot come before the order.",
        "end: check_failed: The end is before the start.",
        "signed: check_failed: A contract must be registered within one working day of signing.",
    ]


def test_check_messages_come_in_the_clerks_language(cli, tmp_path):
    proc = submit(cli, tmp_path, ROWS_BAD[1:], "start=2026-11-25", "end=2026-11-24", lang="zh-CN", ok=False)
    assert proc.stderr.strip().splitlines() == ["end: check_failed: 结束日期早于开始日期。"]


def test_working_days_count_over_the_weekend_and_empty_values_are_not_judged(cli, tmp_path):
    """Signed on Friday, registered on Monday: one working day, accepted. `end` left empty: the
    check `end >= start` waits for it instead of failing."""
    number = submit(cli, tmp_path, ROWS_BAD[1:], "start=2026-11-25", "signed=2026-11-20", ok=True).stdout.strip()
    assert number.startswith("TC-2026-")
    late = submit(cli, tmp_path, ROWS_BAD[1:], "signed=2026-11-19", ok=False)
    assert late.stderr.startswith("signed: check_failed: ")


def test_a_check_on_a_step_field_is_judged_when_the_step_approves(cli, tmp_path):
    number = submit(cli, tmp_path, ROWS_BAD[1:], ok=True).stdout.strip()
    cli("act", "approve", number, user="zhaolei", ok=True)
    early = cli("act", "approve", number, "--set", "received_on=2026-11-19", user="guoqiang", ok=False)
    assert early.stderr.strip() == "received_on: check_failed: Goods cannot arrive before they are ordered."
    assert json.loads(cli("show", number, "--json").stdout)["status"] == "in_progress"
    cli("act", "approve", number, "--set", "received_on=2026-11-23", user="guoqiang", ok=True)
    shown = json.loads(cli("show", number, "--json").stdout)
    assert shown["status"] == "approved" and shown["fields"]["received_on"] == "2026-11-23"


def test_every_test_only_form_passes_the_definition_check():
    proc = run_cli(["definitions", "check", str(FORMS)], cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "ok: 4 definitions"
