"""The general manager answers a long-leave review (长假审核): an exception with its written reason,
or "treat as resignation"; the answer is recorded on the leave (audited, once), shown with the
document, in HR's view and in `show --json`, and the applicant is told."""

from __future__ import annotations

import pytest

from tests.workflows.leave.test_leave import office  # noqa: F401  (the demo office, Monday 23 November)
from tui_office.domain.errors import Conflict, OfficeError, PermissionDenied, ValidationError
from tui_office.services import queries, workflow
from tui_office.services.office import Office
from tui_office.store.models import Action, Notification
from tui_office.ui.widgets.document_fields import flag_text
from tui_office.workflows.leave import long_leave, service as leave

REASON = "Caring for her father after surgery; agreed with the sales manager."


def long_leave_of(office: Office) -> str:
    return workflow.submit(office, "emily", "leave", {"type": "personal", "start": "2026-12-01", "end": "2026-12-22",
                                                      "reason": "family matters", "handover": "sunyan"})


def test_an_exception_is_recorded_on_the_leave_and_shown_to_hr(office):
    number = long_leave_of(office)
    assert long_leave.answer(office, "liuwei", number, "exception", REASON) == \
        f"{number}: exception granted; it is recorded on the leave."
    [flag] = queries.show(office, "emily", number).to_json()["flags"]
    assert (flag["answer"], flag["answer_reason"], flag["answered_by"], flag["answered_at"]) == (
        "exception", REASON, "liuwei", "2026-11-23T09:00:00")
    [record] = leave.hr_view(office, "wangfang").long_leaves
    assert flag_text(record.long_leave) == ("Long leave: 16 working days of personal leave in one request (limit 15); "
                                            f"exception granted by the general manager: {REASON}")
    assert leave.hr_view(office, "wangfang").to_json()["long_leave_reviews"][0]["flags"][0]["answer"] == "exception"
    last = queries.show(office, "emily", number).history[-1]
    assert (last.actor, last.action, last.comment) == ("liuwei", "long_leave_answer", REASON)
    assert Action.select().where(Action.action == "long_leave_answer").count() == 1
    assert Notification.select().where(Notification.kind == "long_leave_exception").count() == 1


def test_treat_as_resignation_needs_no_reason_and_is_answered_once(office):
    number = long_leave_of(office)
    long_leave.answer(office, "liuwei", number, "resignation")
    assert flag_text(queries.show(office, "emily", number).flags[0]).endswith(
        "; treated as resignation by the general manager")
    with pytest.raises(Conflict) as again:
        long_leave.answer(office, "liuwei", number, "exception", REASON)
    assert str(again.value) == f"刘伟 already answered the long-leave review of {number} at 2026-11-23 09:00."


def test_only_the_general_manager_answers_a_flagged_leave_with_a_written_exception(office):
    number = long_leave_of(office)
    short = workflow.submit(office, "emily", "leave", {"type": "personal", "start": "2026-11-25", "end": "2026-11-25",
                                                       "reason": "dentist", "handover": "sunyan"})
    with pytest.raises(PermissionDenied):
        long_leave.answer(office, "wangfang", number, "exception", REASON)
    with pytest.raises(OfficeError) as bare:
        long_leave.answer(office, "liuwei", number, "exception", "   ")
    assert bare.value.code == "long_leave_reason_required"
    with pytest.raises(ValidationError):
        long_leave.answer(office, "liuwei", number, "exception", "ok\x1b[2J")
    with pytest.raises(OfficeError) as unknown:
        long_leave.answer(office, "liuwei", number, "maybe", REASON)
    assert unknown.value.code == "long_leave_answer_unknown"
    with pytest.raises(OfficeError) as unflagged:
        long_leave.answer(office, "liuwei", short, "exception", REASON)
    assert unflagged.value.code == "long_leave_not_flagged"
    assert "answer" not in queries.show(office, "emily", number).flags[0]
    assert Action.select().where(Action.action == "long_leave_answer").count() == 0
