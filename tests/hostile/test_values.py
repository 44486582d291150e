"""Values that used to be stored wrong or without limit are refused with a clear problem."""

from __future__ import annotations

import json

import pytest

from tests.hostile.test_no_tracebacks import _config


def submit_purchase(cli, amount: str):
    return cli("--user", "emily", "submit", "purchase_request", "--set", "item=Chair", "--set", "quantity=1",
               "--set", f"amount={amount}", "--set", "reason=Back")


@pytest.mark.parametrize("amount", ["12,5", "1,23", "1,2345", ",5", "1,,000"])
def test_a_comma_that_is_not_a_thousands_separator_is_refused(cli, amount):
    result = submit_purchase(cli, amount)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"amount: ambiguous_number: '{amount}' is ambiguous: write decimals with a dot (12.5) and use commas only"
        " between groups of three digits (1,234.50)."
    ]


@pytest.mark.parametrize(("amount", "stored"), [("1,234.50", "1234.50"), ("1,234,567", "1234567.00"),
                                                ("１２３", "123.00"), ("12.5", "12.50")])
def test_grouped_and_full_width_numbers_are_still_accepted(cli, amount, stored):
    result = submit_purchase(cli, amount)
    assert result.code == 0, result.err
    shown = json.loads(cli("--user", "emily", "show", result.out.strip(), "--json").out)
    assert shown["fields"]["amount"] == stored


def submit_leave(cli, leave_type: str, start: str, end: str, handover: str = "zhouqiang"):
    return cli("--user", "emily", "submit", "leave", "--set", f"type={leave_type}", "--set", f"start={start}",
               "--set", f"end={end}", "--set", "reason=away", "--set", f"handover={handover}")


def test_a_leave_to_the_end_of_time_is_refused(cli):
    result = submit_leave(cli, "personal", "2026-11-25", "9999-12-31")
    assert result.code == 1
    assert "end: leave_too_long: Personal leave may be at most 30 working days at a time; 2026-11-25 to 9999-12-31 is longer." \
        in result.err.splitlines()


@pytest.mark.parametrize(("leave_type", "end", "limit"), [("personal", "2027-01-15", 30), ("compensatory", "2026-12-11", 10)])
def test_each_type_has_a_longest_single_leave(cli, leave_type, end, limit):
    result = submit_leave(cli, leave_type, "2026-11-25", end)
    assert result.code == 1
    assert any(line.startswith("end: leave_too_long:") and f"at most {limit} working days" in line
               for line in result.err.splitlines()), result.err


def test_a_leave_within_the_limit_is_accepted(cli):
    result = submit_leave(cli, "personal", "2026-11-25", "2026-11-26")
    assert result.code == 0, result.err


@pytest.mark.parametrize("handover", ["nobody_here", "dong"])
def test_the_handover_must_be_an_existing_active_user(cli, handover):
    if handover == "dong":
        assert cli("--user", "admin", "users", "add", "dong", "Dong Wei").code == 0
        assert cli("--user", "admin", "users", "deactivate", "dong").code == 0
    result = submit_leave(cli, "personal", "2026-11-25", "2026-11-26", handover=handover)
    assert result.code == 1
    assert result.err.splitlines() == [
        f"handover: handover_unknown: There is no active user '{handover}' to hand your work over to;"
        " name a colleague by login."
    ]


FORM = '''
id = "per_head"
version = 1
title = { en = "Per head", zh = "人均" }
prefix = "PH"
starters = ["*"]
title_field = "subject"
[[fields]]
id = "subject"
type = "text"
label = { en = "Subject", zh = "事由" }
required = true
[[fields]]
id = "amount"
type = "money"
label = { en = "Amount", zh = "金额" }
required = true
[[fields]]
id = "people"
type = "integer"
label = { en = "People", zh = "人数" }
required = true
[[fields]]
id = "per_head"
type = "money"
label = { en = "Per head", zh = "人均" }
formula = "amount / people"
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
next = "end"
'''


def test_a_formula_that_always_divides_by_zero_fails_the_definition_check(cli, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(FORM.replace('"amount / people"', '"1/0"'), encoding="utf-8")
    result = cli("definitions", "check", str(path))
    assert result.code == 1
    assert f"{path}:23: field 'per_head': the formula cannot be worked out: Division by zero in '1/0'." in result.out


def test_a_formula_that_divides_by_a_field_passes_the_check(cli, tmp_path):
    path = tmp_path / "fine.toml"
    path.write_text(FORM.replace('"amount / people"', '"amount / (people - amount)"'), encoding="utf-8")
    result = cli("definitions", "check", str(path))
    assert result.code == 0, result.out + result.err


def test_a_submission_whose_formula_divides_by_zero_is_refused_not_stored_as_null(cli, isolated_home, tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "per_head.toml").write_text(FORM, encoding="utf-8")
    _config(isolated_home, f'forms_dir = "{forms}"\n')
    base = ("--user", "emily", "submit", "per_head", "--set", "subject=Dinner", "--set", "amount=300")
    result = cli(*base, "--set", "people=0")
    assert result.code == 1
    assert result.err.splitlines() == [
        "per_head: formula_failed: This value cannot be worked out from the others: Division by zero in 'amount / people'."
    ]
    ok = cli(*base, "--set", "people=3")
    assert ok.code == 0, ok.err
    assert json.loads(cli("--user", "emily", "show", ok.out.strip(), "--json").out)["fields"]["per_head"] == "100.00"
