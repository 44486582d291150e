"""Leave from the command line as a user runs it (real processes, clock fixed with TUI_OFFICE_NOW)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.backend import office_db
from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def cli(tmp_path: Path):
    db = office_db(tmp_path)

    def run(*args: str, now: str = "2026-11-23T09:00", user: str | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ, TUI_OFFICE_NOW=now)
        who = ["--user", user] if user else []
        return run_cli(["--db", str(db), *who, *args], cwd=REPO, env=env,
        )

    done = run("init", "--demo")
    assert done.returncode == 0, done.stderr
    return run


def sets(**values: str) -> list[str]:
    out = []
    for key, value in values.items():
        out += ["--set", f"{key}={value}"]
    return out


def test_rule_violations_exit_1_with_field_code_message_lines(cli):
    """Personal leave starting today, filed without a handover: one line per problem on stderr."""
    done = cli("submit", "leave", *sets(type="personal", start="2026-11-23", end="2026-11-24", reason="move house"),
               user="emily")
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert "start: advance_notice: Personal leave must be requested at least one day before it starts; " \
           "the earliest start now is 2026-11-24." in lines
    assert any(line.startswith("handover: ") for line in lines)
    assert done.stdout == ""


def test_sick_leave_evidence_and_late_filing_from_the_cli(cli):
    """Five days of sick leave without a diagnosis, filed two days late: both rules answer, in Chinese too."""
    args = ["submit", "leave", *sets(type="sick", start="2026-11-23", end="2026-11-27", reason="flu",
                                      handover="sunyan", evidence="district_certificate,receipts")]
    done = cli(*args, now="2026-11-25T10:00", user="emily")
    assert done.returncode == 1
    assert "start: sick_late_filing: Sick leave starting 2026-11-23 09:00 had to be filed within 24 hours, " \
           "by 2026-11-24 09:00; ask HR to file it on your behalf." in done.stderr
    assert "evidence: evidence_missing: Sick leave of 5 working days needs: Doctor's diagnosis." in done.stderr
    done = cli("--lang", "zh-CN", *args, now="2026-11-25T10:00", user="emily")
    assert "evidence: evidence_missing: 5 个工作日的病假须提交：医生诊断书。" in done.stderr
    assert "请联系人事代为补办" in done.stderr  # what to do next, in the reader's language


def test_leave_end_to_end_on_the_demo_office(cli, tmp_path):
    """Submit → manager → GM → HR records; the deputy is set; remind on Tuesday flags the absence."""
    done = cli("submit", "leave", *sets(type="personal", start="2026-11-25", end="2026-11-27", reason="family",
                                        handover="sunyan"), user="emily")
    assert done.returncode == 0, done.stderr
    number = done.stdout.strip()
    for person in ("zhaolei", "liuwei", "wangfang"):
        done = cli("act", "approve", number, user=person)
        assert done.returncode == 0, done.stderr
    view = json.loads(cli("show", number, "--json", user="emily").stdout)
    assert view["status"] == "approved"
    assert [(h["actor"], h["step"]) for h in view["history"]] == [
        ("emily", ""), ("zhaolei", "manager"), ("liuwei", "gm"), ("wangfang", "hr")]
    inbox = json.loads(cli("inbox", "--json", user="emily").stdout)
    assert [(row["number"], row["step"]) for row in inbox] == [(number, "report-back")]

    balance = json.loads(cli("leave", "balance", "--json", user="emily").stdout)
    assert balance == [{"type": "annual", "year": 2026, "allocation": 5, "approved": 0, "pending": 0, "remaining": 5}]

    later = "2026-12-01T08:00"  # the clock only moves forward once remind has recorded its rows
    done = cli("remind", now=later)
    assert f"{number}: Emily Carter has not reported back (due 2026-11-30)" in done.stdout
    hr = json.loads(cli("leave", "hr", "--json", user="wangfang", now=later).stdout)
    assert [r["number"] for r in hr["absences"]] == [number]
    assert cli("leave", "hr", user="emily", now=later).returncode == 1

    path = tmp_path / "leave.csv"
    done = cli("leave", "export", "--year", "2026", str(path), user="zhangli", now=later)
    assert done.returncode == 0 and path.read_text(encoding="utf-8-sig").count("\n") == 2


def test_report_back_from_the_cli(cli):
    done = cli("submit", "leave", *sets(type="personal", start="2026-11-25", end="2026-11-25", reason="bank",
                                        handover="sunyan"), user="emily")
    number = done.stdout.strip()
    for person in ("zhaolei", "liuwei", "wangfang"):
        cli("act", "approve", number, user=person)
    done = cli("leave", "report-back", number, now="2026-11-26T09:05", user="emily")
    assert done.returncode == 0 and done.stdout.strip() == f"Reported back from {number}."
    again = cli("leave", "report-back", number, now="2026-11-26T09:06", user="emily")
    assert again.returncode == 1
    assert again.stderr.strip() == f"tui-office: You already reported back from {number} on 2026-11-26 09:05."
    calendar = cli("leave", "calendar", "--month", "2026-11", user="zhaolei")
    assert calendar.returncode == 0
    assert "Emily Carter" in calendar.stdout and " P" in calendar.stdout


def test_report_back_through_act_like_any_other_task(cli):
    done = cli("submit", "leave", *sets(type="personal", start="2026-11-25", end="2026-11-25", reason="bank",
                                        handover="sunyan"), user="emily")
    number = done.stdout.strip()
    for person in ("zhaolei", "liuwei", "wangfang"):
        cli("act", "approve", number, user=person)
    done = cli("act", "report-back", number, now="2026-11-26T09:05", user="emily")
    assert done.returncode == 0 and done.stdout.strip() == f"Reported back from {number}."
    assert json.loads(cli("inbox", "--json", user="emily", now="2026-11-26T09:06").stdout) == []


def test_users_add_probation_marks_a_probationer_for_the_leave_rules(cli):
    """`users add … --probation` (leave's own option) and `--attr probation=true` (the core's) both
    put someone on probation: four days of personal leave is then flagged for review."""
    for login, flag in (("xiaoming", "--probation"), ("xiaohong", "--attr")):
        extra = ["--probation"] if flag == "--probation" else ["--attr", "probation=true"]
        done = cli("users", "add", login, login.title(), "--department", "sales", *extra, user="admin")
        assert done.returncode == 0, done.stderr
        done = cli("submit", "leave", *sets(type="personal", start="2026-11-24", end="2026-11-27", reason="move",
                                            handover="sunyan"), user=login)
        assert done.returncode == 0, done.stderr
        flags = json.loads(cli("show", done.stdout.strip(), "--json", user=login).stdout)["flags"]
        assert [(f["flag"], f["probation"]) for f in flags] == [("long_leave_review", True)], login
    plain = cli("users", "add", "xiaogang", "Xiaogang", "--department", "sales", "--attr", "grade", user="admin")
    assert plain.returncode == 1 and "KEY=VALUE" in plain.stderr


def test_a_leave_in_a_year_without_an_official_schedule_warns_and_names_the_file(cli):
    """2027's Spring Festival holidays are not published yet: the 5 working days are a guess, and
    the clerk is told so in one line naming the file that would fix it."""
    done = cli("submit", "leave", *sets(type="personal", start="2027-02-08", end="2027-02-12", reason="family",
                                        handover="sunyan"), user="emily")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("LV-2026-")
    warning = done.stderr.strip()
    assert warning.startswith("tui-office: warning: 2027: no official holiday schedule yet")
    assert "data/calendars/cn-2027.toml" in warning and len(done.stderr.strip().splitlines()) == 1
    done = cli("submit", "leave", *sets(type="personal", start="2026-12-07", end="2026-12-08", reason="family",
                                        handover="sunyan"), user="emily")
    assert done.returncode == 0 and done.stderr == ""  # 2026 is known: nothing to say


def test_calendar_check_lists_years_and_sources_and_a_file_adds_a_year(cli, tmp_path):
    done = cli("calendar", "check", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    years = {y["year"]: y for y in report["years"]}
    assert years[2026]["sources"] == ["package"] and 2027 not in years
    assert report["missing"] == [2027]
    done = cli("--lang", "zh-CN", "calendar", "check")
    assert "2026  chinese-calendar 软件包" in done.stdout
    assert "2027年尚无官方节假日安排" in done.stdout


def test_leave_views_of_a_year_without_an_official_schedule_say_so(cli):
    done = cli("leave", "calendar", "--month", "2027-02", user="zhaolei")
    assert done.returncode == 0, done.stderr
    assert "2027: no official holiday schedule yet" in done.stdout.splitlines()[-1]
    done = cli("leave", "balance", "--year", "2027", user="emily")
    assert done.returncode == 0 and "2027: no official holiday schedule yet" in done.stderr
    done = cli("leave", "calendar", "--month", "2026-10", user="zhaolei")
    assert "no official holiday schedule" not in done.stdout


def test_hr_declares_lists_and_removes_a_blackout_period_and_a_leave_in_it_is_refused(cli):
    added = cli("leave", "blackout", "add", "Year-end closing", "--from", "2026-12-28", "--to", "2026-12-31",
                "--mode", "refuse", "--department", "finance", user="wangfang")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Blackout period 1 declared: Year-end closing, 2026-12-28 to 2026-12-31."
    denied = cli("leave", "blackout", "add", "Party", "--from", "2026-12-01", "--to", "2026-12-01", "--mode", "gm",
                 user="emily")
    assert (denied.returncode, denied.stderr) == (
        1, "tui-office: Only HR or an administrator may declare, edit or remove blackout periods.\n")
    listed = json.loads(cli("leave", "blackout", "list", "--json", user="emily").stdout)
    assert listed == [{"id": 1, "name": "Year-end closing", "start": "2026-12-28", "end": "2026-12-31",
                       "departments": ["finance"], "mode": "refuse"}]
    refused = cli("submit", "leave", *sets(type="personal", start="2026-12-29", end="2026-12-29", reason="trip",
                                           handover="zhengxin"), user="wuhong")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "start: blackout: No leave during Year-end closing (2026-12-28 to 2026-12-31); choose other dates.")
    bad = cli("leave", "blackout", "add", "Closing\x07", "--from", "2026-12-28", "--to", "soon", "--mode", "refuse",
              user="wangfang")
    assert bad.returncode == 1 and bad.stderr.splitlines() == [
        "name: control_character: Control characters such as \\x07 are not allowed here; type plain text.",
        "end: invalid_date: 'soon' is not a date; use YYYY-MM-DD, e.g. 2026-10-09."]
    assert cli("leave", "blackout", "add", "X", "--from", "2026-12-28", "--to", "2026-12-28", "--mode", "never",
               user="wangfang").returncode == 2  # not a mode: a usage error
    edited = cli("leave", "blackout", "edit", "1", "--name", "Year-end closing", "--to", "2027-01-04",
                 "--all-departments", "--json", user="wangfang")
    assert (edited.returncode, json.loads(edited.stdout)) == (0, {
        "id": 1, "name": "Year-end closing", "start": "2026-12-28", "end": "2027-01-04", "departments": [],
        "mode": "refuse"})
    assert cli("leave", "blackout", "edit", "1", "--department", "sales", "--all-departments",
               user="wangfang").returncode == 2  # both: a usage error
    again = cli("leave", "blackout", "edit", "1", "--mode", "refuse", user="wangfang")
    assert (again.returncode, again.stdout.strip()) == (
        0, "Blackout period 1 unchanged: Year-end closing, 2026-12-28 to 2027-01-04 is what it already was.")
    over = cli("leave", "blackout", "edit", "1", "--name", "Closing", now="2027-01-05T09:00", user="wangfang")
    assert (over.returncode, over.stderr) == (
        1, "tui-office: Blackout period 1 (Year-end closing) ended on 2027-01-04; a period that is over stays as it was.\n")
    removed = cli("leave", "blackout", "remove", "1", user="admin")
    assert removed.stdout.strip() == "Blackout period 1 removed: Year-end closing, 2026-12-28 to 2027-01-04."
    assert cli("leave", "blackout", "list", user="emily").stdout.strip() == "No blackout periods."
    assert cli("submit", "leave", *sets(type="personal", start="2026-12-29", end="2026-12-29", reason="trip",
                                        handover="zhengxin"), user="wuhong").returncode == 0
