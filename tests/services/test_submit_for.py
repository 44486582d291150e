"""Submit on behalf (代提交): a user with a role in the form's `submit_for` files a document for
someone else, who becomes its initiator and is told; the submitter is on record."""

from __future__ import annotations

import pytest

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act
from tui_office.store.models import Document, Notification, User

LEAVE = {"type": "personal", "start": "2026-11-25", "end": "2026-11-27", "reason": "family matters",
         "handover": "sunyan"}


def test_hr_files_a_leave_for_an_employee_who_becomes_its_initiator(office):
    number = workflow.submit(office, "wangfang", "leave", LEAVE, for_login="emily")
    view = queries.show(office, "emily", number)
    assert view.initiator == "emily"
    first = view.history[0]
    assert (first.actor, first.on_behalf_of, first.action) == ("wangfang", "emily", "submit")
    emily = User.get(User.login == "emily")
    assert Notification.select().where((Notification.user == emily) & (Notification.kind == "submitted_for_you")).count() == 1
    assert queries.counts(office, "emily")["submitted"] == 1
    assert queries.show(office, "wangfang", number).number == number  # the submitter may look at it
    act(office, "emily", "withdraw", number, comment="Plans changed")  # it is hers, as if she had sent it
    assert audit.verify().ok


def test_someone_without_the_role_may_not_submit_for_others(office):
    with pytest.raises(PermissionDenied, match="submit_for"):
        workflow.submit(office, "zhouqiang", "leave", LEAVE, for_login="emily")
    with pytest.raises(PermissionDenied):  # a form with no submit_for: nobody may
        workflow.submit(office, "wangfang", "general_request", {"subject": "s", "details": "d"}, for_login="emily")
    assert Document.select().count() == 0


def test_only_a_new_document_is_submitted_for_someone(office):
    with pytest.raises(OfficeError):
        workflow.submit(office, "wangfang", "leave", LEAVE, for_login="emily", draft=True)
    with pytest.raises(OfficeError):
        workflow.submit(office, "wangfang", "leave", LEAVE, for_login="nobody")
    assert Document.select().count() == 0
