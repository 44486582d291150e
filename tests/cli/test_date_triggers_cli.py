"""Date-relative triggers (`[[triggers]]`) run by `remind` in separate processes, the clock moved
across a weekend, the 2026 National Day holiday (Oct 1–7) and its make-up working day (Sat Oct 10),
on the test-only form in tests/forms/dated: each fires once, on its working day, and never again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.backend import rows
from tests.cli.forms_office import FORMS as FORMS_ROOT
from tests.cli.forms_office import office_with_forms
from tests.cli.test_workflow_cli import run

FORMS = FORMS_ROOT / "dated"
VISITS = [{"place": "North gate", "start": "2026-10-13"}, {"place": "Dock", "start": "2026-10-09"}]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return office_with_forms(tmp_path, "dated", now="2026-09-28T08:00:00")


def fired(db: Path, at: str) -> list[str]:
    out = run(db, "--user", "admin", "remind", env_now=at).stdout.splitlines()
    return [line for line in out if ": " in line and not line.startswith("reminded ")]


def notices(db: Path, kind: str = "reminder") -> list[tuple[str, str]]:
    return rows(db, 'SELECT u.login, n.created_at FROM notification n JOIN "user" u ON u.id = n.user_id '
                    "WHERE n.kind = ? ORDER BY n.id", kind)


def test_the_test_form_passes_definitions_check():
    assert run(Path("unused.db"), "definitions", "check", str(FORMS)).stdout.startswith("ok: 1 ")


def test_each_trigger_fires_once_on_its_working_day_across_the_national_day_holiday(db, tmp_path):
    items = tmp_path / "visits.json"
    items.write_text(json.dumps(VISITS), encoding="utf-8")
    number = run(db, "--user", "emily", "submit", "delivery", "--set", "goods=Desks", "--set", "delivery_date=2026-10-12",
                 "--items", str(items), env_now="2026-09-28T09:00:00").stdout.strip()

    # the Dock visit starts Fri Oct 9: two working days before it is Wed Sep 30 (Oct 1–8 … is the holiday)
    assert fired(db, "2026-09-30T09:00:00") == [f"{number}: visit_prep-2 (remind, 2026-09-30)"]
    assert fired(db, "2026-10-03T09:00:00") == []          # a Saturday in the holiday
    assert fired(db, "2026-10-07T18:00:00") == []          # the holiday's last day: not 3 working days before
    assert fired(db, "2026-10-08T09:00:00") == [f"{number}: prepare (remind, 2026-10-08)"]
    assert fired(db, "2026-10-08T10:00:00") == []          # once only
    # Sat Oct 10 is a make-up working day: one working day before Mon Oct 12, two before Tue Oct 13
    assert fired(db, "2026-10-10T09:00:00") == [f"{number}: visit_prep-1 (remind, 2026-10-10)",
                                                f"{number}: lapse (decide, 2026-10-10)"]
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now="2026-10-10T09:30:00").stdout)
    assert shown["status"] == "approved"                   # the manager had not decided: the lapse approved it
    assert [(h["actor"], h["action"], h["step"]) for h in shown["history"]][-2:] == [
        ("", "trigger", "manager"), ("", "trigger", "manager")]
    assert fired(db, "2026-10-11T09:00:00") == []          # a Sunday

    assert fired(db, "2026-10-12T09:00:00") == [f"{number}: receive (task, 2026-10-12)"]
    inbox = json.loads(run(db, "--user", "emily", "inbox", "--json", env_now="2026-10-12T09:30:00").stdout)
    assert [(row["number"], row["step"], row["due"]) for row in inbox] == [(number, "receive", "2026-10-12T23:59:59")]
    done = run(db, "--user", "emily", "act", "receive", number, env_now="2026-10-12T10:00:00")
    assert done.stdout.strip() == f"Receive the goods: done for {number}."
    assert json.loads(run(db, "--user", "emily", "inbox", "--json", env_now="2026-10-12T10:30:00").stdout) == []

    assert fired(db, "2026-10-14T09:00:00") == [f"{number}: late (flag, 2026-10-14)"]
    assert fired(db, "2026-10-14T10:00:00") == []
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now="2026-10-14T10:30:00").stdout)
    assert shown["flags"] == [{"flag": "delivery_late", "due": "2026-10-12"}]
    assert fired(db, "2026-11-05T09:00:00") == [f"{number}: invoice (remind, 2026-11-05)"]
    assert fired(db, "2026-11-06T09:00:00") == []

    assert notices(db) == [("zhaolei", "2026-09-30 09:00:00"), ("emily", "2026-10-08 09:00:00"),
                           ("zhaolei", "2026-10-10 09:00:00"), ("wuhong", "2026-11-05 09:00:00"),
                           ("zhengxin", "2026-11-05 09:00:00")]
    assert run(db, "audit", "verify", env_now="2026-11-06T10:00:00").returncode == 0


def test_a_lapse_waits_for_its_step_and_never_touches_a_decided_document(db):
    number = run(db, "--user", "emily", "submit", "delivery", "--set", "goods=Chairs", "--set", "delivery_date=2026-10-12",
                 env_now="2026-09-28T09:00:00").stdout.strip()
    run(db, "--user", "zhaolei", "act", "reject", number, "--comment", "not now", env_now="2026-09-29T09:00:00")
    assert fired(db, "2026-10-12T09:00:00") == []          # rejected: no trigger of it fires
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json", env_now="2026-10-12T10:00:00").stdout)
    assert shown["status"] == "rejected" and [h["action"] for h in shown["history"]] == ["submit", "reject"]
