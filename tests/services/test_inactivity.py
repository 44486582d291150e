"""Unused accounts: `remind` deactivates a user not seen for `security.inactive_days` days, moves
their open task on by the step's policy and tells the administrators; signing in counts as seen."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from tui_office.services import away, inactivity, office_settings, workflow
from tui_office.services.office import Office
from tui_office.store.models import Action, Notification, Task, User

from tests.factories import demo_office


@pytest.fixture
def office(tmp_path: Path) -> Office:
    """The demo office on 2026-11-23; everyone signed in on 2026-08-01, except the admin."""
    office = demo_office(tmp_path)
    User.update(last_seen_at=datetime(2026, 8, 1, 9, 0)).where(User.login != "admin").execute()
    yield office
    office.close()


def test_a_user_unseen_for_91_days_is_deactivated_and_their_task_moves_on(office: Office) -> None:
    number = workflow.submit(office, "luoping", "general_request", {"subject": "Site visit", "details": "Two days"})
    assert [t.assignee.login for t in Task.select().where(Task.status == "open")] == ["xuhao"]
    User.update(last_seen_at=datetime(2026, 11, 20, 9, 0)).where(User.login.in_(["luoping"])).execute()
    office.clock.at = datetime(2026, 10, 31, 9, 0)  # 91 days after 2026-08-01
    lines = away.remind(office, by="admin")
    deactivated = [line.split(":")[0] for line in lines if line.startswith("deactivated")]
    assert "deactivated xuhao" in deactivated and "deactivated luoping" not in deactivated
    assert "deactivated admin" not in deactivated, "administrators are never deactivated this way"
    assert not User.get(User.login == "xuhao").active
    [moved] = Task.select().where(Task.status == "open")
    assert moved.document.number == number and moved.assignee.login == "admin", "on_nobody = admin: to an admin"
    row = Action.select().where((Action.action == "user_deactivate")
                                & (Action.subject_user == User.get(User.login == "xuhao").id)).get()
    assert row.changes["reason"] == "inactive" and row.actor_id is None
    notices = Notification.select().where((Notification.kind == "account_deactivated")
                                          & (Notification.user == User.get(User.login == "admin").id))
    assert notices.count() == len(deactivated)
    assert not any(line.startswith("deactivated") for line in away.remind(office, by="admin")), "once"


def test_90_days_is_not_yet_too_long_and_zero_days_means_never(office: Office) -> None:
    office.clock.at = datetime(2026, 10, 30, 8, 0)  # 90 days
    assert not any(line.startswith("deactivated") for line in away.remind(office, by="admin"))
    office_settings.set_setting(office, "admin", "security.inactive_days", "0")
    office.clock.at = datetime(2027, 6, 1, 9, 0)
    assert not any(line.startswith("deactivated") for line in away.remind(office, by="admin"))
    assert User.get(User.login == "xuhao").active


def test_being_seen_keeps_an_account(office: Office) -> None:
    office.clock.at = datetime(2026, 10, 30, 9, 0)
    inactivity.mark_seen(office, "xuhao")
    office.clock.at = datetime(2026, 11, 2, 9, 0)
    away.remind(office, by="admin")
    assert User.get(User.login == "xuhao").active
    assert not User.get(User.login == "luoping").active
