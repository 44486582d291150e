"""Handing the tasks already waiting in an absent person's To-do to the deputy standing in for them:
exactly the tasks a new arrival would give the deputy move, in one audited transaction, and every
refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tui_office.domain.errors import OfficeError, PermissionDenied, ValidationError
from tui_office.i18n import set_language
from tui_office.services import audit, away, decisions, hand_over, queries, workflow
from tui_office.store.models import Action, Notification, Task

TODAY = date(2026, 11, 23)


def _request(office, login: str, subject: str) -> str:
    return workflow.submit(office, login, "general_request", {"subject": subject, "details": "before the trip"})


def _todo(office, login: str) -> set[str]:
    return {row.number for row in queries.inbox(office, login, "todo").rows}


def _state():
    return (list(Task.select(Task.id, Task.assignee, Task.principal, Task.status).order_by(Task.id).tuples()),
            Action.select().count(), Notification.select().count())


@pytest.fixture
def waiting(office):
    """赵磊 (zhaolei) holds five tasks; from today 王芳 (wangfang) stands in for him, for requests only."""
    lamp, chairs = _request(office, "emily", "Desk lamp"), _request(office, "zhouqiang", "Two chairs")
    hers = _request(office, "wangfang", "Training budget")  # her own request, handed to him by her manager
    decisions.act(office, "zhangli", "delegate", hers, to="zhaolei", comment="his call")
    purchase = workflow.submit(office, "emily", "purchase_request", {
        "item": "Printer", "quantity": "1", "amount": "900", "reason": "broken"})
    away.set_away(office, "zhaolei", "wangfang", TODAY, date(2026, 11, 27), ["general_request"])
    return {"moved": [lamp, chairs], "kept": {hers, purchase}}


def test_the_absent_manager_hands_over_exactly_the_tasks_a_new_arrival_would_give_the_deputy(office, waiting):
    before = queries.counts(office, "wangfang")["todo"]
    done = hand_over.hand_over(office, "zhaolei")
    assert (done.deputy, done.count, [h.number for h in done.tasks]) == ("wangfang", 2, waiting["moved"])
    assert done.to_json() == {"principal": "zhaolei", "deputy": "wangfang", "start": "2026-11-23", "end": "2026-11-27",
                              "count": 2, "numbers": waiting["moved"],
                              "tasks": [{"number": n, "step": "manager", "to": "wangfang"} for n in waiting["moved"]]}
    # her own request and the purchase (not covered by the arrangement) stay with him
    assert _todo(office, "zhaolei") == waiting["kept"]
    assert _todo(office, "wangfang") >= set(waiting["moved"])
    assert queries.counts(office, "zhaolei")["todo"] == 2
    assert queries.counts(office, "wangfang")["todo"] == before + 2
    # she acts on them on his behalf, as on a task that arrived during the stand-in
    decisions.act(office, "wangfang", "approve", waiting["moved"][0], comment="ok")
    view = queries.show(office, "emily", waiting["moved"][0])
    approval = [h for h in view.history if h.action == "approve"][-1]
    assert (approval.actor, approval.on_behalf_of) == ("wangfang", "zhaolei")
    assert audit.verify().ok


def test_each_document_records_one_hand_over_in_words_of_both_languages(office, waiting):
    hand_over.hand_over(office, "zhaolei")
    rows = list(Action.select().where(Action.action == "hand-over").order_by(Action.id))
    assert [r.document.number for r in rows] == waiting["moved"]
    assert rows[0].changes == {"from": "zhaolei", "to": "wangfang", "start": "2026-11-23", "end": "2026-11-27"}
    [entry] = [h for h in queries.show(office, "emily", waiting["moved"][0]).history if h.action == "hand-over"]
    assert entry.actor == "zhaolei"
    assert entry.detail == "handed over to 王芳, standing in for 赵磊 (11-23 to 11-27)"
    set_language("zh-CN")
    [entry] = [h for h in queries.show(office, "emily", waiting["moved"][0]).history if h.action == "hand-over"]
    assert entry.detail == "移交给 王芳，代理 赵磊（11-23 至 11-27）"


def test_the_deputy_is_told_once_with_the_count(office, waiting):
    last = queries.last_notification_id(office, "wangfang")
    hand_over.hand_over(office, "zhaolei")
    [notice] = queries.notifications_since(office, "wangfang", last)
    assert notice.message == ("2 task(s) that were waiting for 赵磊 are now yours while you stand in for them "
                              "(until 2026-11-27).")


def test_an_administrator_hands_over_for_anyone_and_nothing_waiting_moves_nothing(office, waiting):
    assert hand_over.pending(office, "admin", "zhaolei").count == 2
    assert hand_over.hand_over(office, "admin", "zhaolei").count == 2
    assert {r.actor.login for r in Action.select().where(Action.action == "hand-over")} == {"admin"}
    assert _todo(office, "zhaolei") == waiting["kept"]
    again = hand_over.hand_over(office, "zhaolei")
    assert again.count == 0 and again.lines() == ["No waiting task of 赵磊 is for 王芳 to take over."]
    assert Action.select().where(Action.action == "hand-over").count() == 2


@pytest.mark.parametrize(("me", "principal", "error", "code"), [
    ("emily", "zhaolei", PermissionDenied, "hand_over_not_allowed"),     # someone else, not an administrator
    ("wangfang", "zhaolei", PermissionDenied, "hand_over_not_allowed"),  # not even the deputy
    ("emily", None, OfficeError, "hand_over_no_stand_in"),               # nobody stands in for her
    ("admin", "nobody", OfficeError, "no_such_user"),
    ("admin", "zhao\x1b[2Jlei", ValidationError, "hand_over_login"),
    ("admin", "x" * 10_000, ValidationError, "hand_over_login"),
    ("admin", 42, ValidationError, "hand_over_login"),
])
def test_each_refusal_changes_nothing(office, waiting, me, principal, error, code):
    before = _state()
    with pytest.raises(error) as caught:
        hand_over.hand_over(office, me, principal)
    assert caught.value.code == code and "\n" not in str(caught.value)
    assert _state() == before


def test_no_hand_over_before_the_stand_in_begins_or_after_it_is_cancelled(office):
    _request(office, "emily", "Desk lamp")
    away.set_away(office, "zhaolei", "wangfang", date(2026, 11, 24), date(2026, 11, 27))
    before = _state()
    with pytest.raises(OfficeError) as caught:
        hand_over.hand_over(office, "zhaolei")
    assert caught.value.code == "hand_over_no_stand_in"
    [record] = away.away_list(office, "zhaolei")
    away.cancel_away(office, "zhaolei", record.id)
    with pytest.raises(OfficeError):
        hand_over.hand_over(office, "zhaolei")
    assert _state()[0] == before[0]


def test_a_step_only_a_role_may_act_on_stays_with_its_holder(office):
    number = workflow.submit(office, "emily", "seal_application", {
        "documents": "Quotation", "seal_type": "company", "copies": "2", "purpose": "For the customer"})
    decisions.act(office, "zhaolei", "approve", number)
    away.set_away(office, "huangmin", "luoping", TODAY, TODAY)  # she holds no seal_keeper role
    assert hand_over.hand_over(office, "huangmin").count == 0
    assert number in _todo(office, "huangmin") and number not in _todo(office, "luoping")


def test_handed_over_tasks_stay_with_the_deputy_when_the_stand_in_is_cancelled(office, waiting):
    hand_over.hand_over(office, "zhaolei")
    [record] = away.away_list(office, "zhaolei")
    away.cancel_away(office, "zhaolei", record.id)
    assert _todo(office, "wangfang") >= set(waiting["moved"])
    assert _todo(office, "zhaolei") == waiting["kept"]


def test_a_deputy_who_declared_a_conflict_of_interest_does_not_take_the_task(office):
    from tui_office.services import conflicts

    number = workflow.submit(office, "emily", "t_modes", {"subject": "Supplier shortlist"})  # hejun, linna, wuhong
    conflicts.declare(office, "wuhong", number, "My brother runs one of the suppliers")
    away.set_away(office, "hejun", "wuhong", TODAY, TODAY)
    assert hand_over.hand_over(office, "hejun").count == 0
    assert number in _todo(office, "hejun") and number not in _todo(office, "wuhong")
