"""The daily digest: each user's morning summary, once a day, in their notifications; the app's
first start of the day shows it, later starts do not."""

from __future__ import annotations

from datetime import datetime

import pytest

from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import PermissionDenied
from tui_office.services import digest, workflow
from tui_office.services.decisions import act
from tui_office.store.models import Notification, User


def at(office, when):
    office.clock = FixedClock(when)


def gr(office, who, subject):
    return workflow.submit(office, who, "general_request", {"subject": subject, "details": "d"})


def numbers(d, section):
    return [item.number for item in d.sections[section]]


def test_the_summary_sorts_tasks_into_new_overdue_due_today_and_waiting(office):
    at(office, datetime(2026, 11, 18, 9, 0))
    old = gr(office, "emily", "Old request")  # two working days: due Friday the 20th
    at(office, datetime(2026, 11, 19, 9, 30))
    today = gr(office, "emily", "Due on Monday")  # due Monday the 23rd, 09:30
    at(office, datetime(2026, 11, 23, 8, 0))
    fresh = gr(office, "emily", "Fresh one")
    (zhaolei,) = digest.run(office, by="admin", only=["zhaolei"])
    assert numbers(zhaolei, "new") == [fresh]
    assert numbers(zhaolei, "overdue") == [old]
    assert numbers(zhaolei, "due_today") == [today]
    (emily,) = digest.run(office, by="admin", only=["emily"])
    assert sorted(numbers(emily, "waiting")) == sorted([old, today, fresh])
    assert "赵磊" in emily.sections["waiting"][0].detail
    assert emily.summary() == "emily: 0 new, 0 overdue, 0 due today, 3 waiting on others"


def test_one_digest_a_day_in_the_notifications_and_new_counts_from_the_last_one(office):
    at(office, datetime(2026, 11, 23, 7, 0))
    first = gr(office, "emily", "Before the digest")
    at(office, datetime(2026, 11, 23, 7, 30))
    digest.run(office, by="admin")
    digest.run(office, by="admin")
    zhaolei = User.get(User.login == "zhaolei")
    digests = Notification.select().where((Notification.user == zhaolei) & (Notification.kind == "digest"))
    assert digests.count() == 1
    at(office, datetime(2026, 11, 23, 15, 0))
    second = gr(office, "emily", "After the digest")
    at(office, datetime(2026, 11, 24, 7, 30))
    (d,) = digest.run(office, by="admin", only=["zhaolei"])
    assert numbers(d, "new") == [second] and first not in numbers(d, "new")
    assert digests.count() == 2


def test_only_the_system_or_an_admin_runs_it(office):
    with pytest.raises(PermissionDenied):
        digest.run(office, by="emily")


def test_the_app_shows_it_once_a_day(office):
    at(office, datetime(2026, 11, 23, 8, 0))
    number = gr(office, "emily", "Paper")
    shown = digest.morning(office, "zhaolei")
    assert shown is not None and numbers(shown, "new") == [number]
    assert digest.morning(office, "zhaolei") is None  # a second start the same day
    at(office, datetime(2026, 11, 24, 8, 0))
    act(office, "zhaolei", "approve", number, comment="ok")
    again = digest.morning(office, "zhaolei")
    assert again is not None and again.counts()["new"] == 0


def test_the_app_shows_the_digest_cron_wrote_and_marks_it_seen(office):
    at(office, datetime(2026, 11, 23, 7, 0))
    gr(office, "emily", "Paper")
    digest.run(office, by="admin", only=["zhaolei"])
    at(office, datetime(2026, 11, 23, 9, 0))
    assert digest.morning(office, "zhaolei").counts()["new"] == 1
    assert digest.morning(office, "zhaolei") is None


def test_my_own_document_waiting_on_me_is_a_task_not_waiting_on_others(office):
    """The purchase requester checks the goods herself: her summary lists it among her tasks only."""
    at(office, datetime(2026, 11, 23, 8, 0))
    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Toner", "quantity": "2", "amount": "600", "reason": "Stock"})
    for who, fields in (("zhaolei", None), ("chenjing", None), ("liuwei", None),
                        ("hejun", {"supplier": "Acme", "contract_amount": "600"}),
                        ("hejun", {"received_on": "2026-11-23", "received": [{"name": "Toner", "qty": 2}]})):
        act(office, who, "approve", number, fields=fields)
    (emily,) = digest.run(office, by="admin", only=["emily"])
    assert numbers(emily, "new") == [number] and numbers(emily, "waiting") == []
