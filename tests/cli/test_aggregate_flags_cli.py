"""Flags defined as data by counting and adding up a person's other documents in a window, end to
end through the CLI in separate processes, from the TOML of a test-only form."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.engine_forms import office_with_test_forms


@pytest.fixture
def cli(tmp_path: Path):
    return office_with_test_forms(tmp_path, "t_attendance")


def record(cli, now: str, person: str, status: str, overtime: str = "0") -> list[dict]:
    """Submit one attendance record at `now`; the flags the document got."""
    number = cli("submit", "t_attendance", "--set", f"meeting=Weekly {now[:10]}", "--set", f"person={person}",
                 "--set", f"status={status}", "--set", f"overtime={overtime}", now=now, ok=True).stdout.strip()
    return json.loads(cli("show", number, "--json", now=now, ok=True).stdout)["flags"]


def test_the_third_absence_in_90_days_is_flagged_and_older_or_other_peoples_are_not(cli):
    assert record(cli, "2026-11-23T09:00:00", "david", "absent") == []
    assert record(cli, "2026-11-30T09:00:00", "david", "excused") == []
    assert record(cli, "2026-12-07T09:00:00", "david", "absent") == []
    assert record(cli, "2026-12-14T09:00:00", "mayu", "absent") == []  # someone else's absence
    third = record(cli, "2026-12-21T09:00:00", "david", "absent")
    assert third == [{"flag": "repeated_absence", "en": "Absent for the third time within 90 days",
                      "zh": "90 天内第三次缺席"}]
    assert record(cli, "2027-03-20T09:00:00", "david", "absent") == []  # the earlier ones are over 90 days old
    assert cli("audit", "verify", user="admin", now="2027-03-20T09:00:00").returncode == 0


def test_overtime_added_up_over_30_days_raises_its_flag(cli):
    assert record(cli, "2026-11-23T09:00:00", "mayu", "present", "6") == []
    assert record(cli, "2026-11-24T09:00:00", "mayu", "present", "4") == []  # 10 hours: not more than 10
    assert [f["flag"] for f in record(cli, "2026-11-25T09:00:00", "mayu", "present", "0.5")] == ["overtime_limit"]
    assert record(cli, "2027-01-05T09:00:00", "mayu", "present", "3") == []
