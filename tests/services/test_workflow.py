"""Every approval operation through the services, checked in the database afterwards."""

from __future__ import annotations

from datetime import date

import pytest

from tests.services.conftest import make_office
from tui_office.domain.errors import Conflict, OfficeError, PermissionDenied, TransitionNotAllowed, ValidationFailed
from tui_office.services import audit, away, queries, workflow
from tui_office.services.decisions import act, bulk_approve, verdicts


def gr(office, who="emily", subject="Printer paper"):
    return workflow.submit(office, who, "general_request", {"subject": subject, "details": "10 boxes"})


def pr(office, amount="5000", who="emily"):
    return workflow.submit(office, who, "purchase_request",
                           {"item": "Desk", "quantity": "2", "amount": amount, "reason": "New office"})


def status(office, number, who="emily"):
    return queries.show(office, who, number)


def open_assignees(office, number, who="emily"):
    view = queries.show(office, who, number)
    return sorted(a.login for s in view.current_steps for a in s.assignees if a.status == "open")


def actions_of(view):
    return [(h.actor, h.action, h.step) for h in view.history]


def test_submit_numbers_per_form_and_year_and_first_step(office):
    first, second = gr(office), gr(office)
    assert first == "GR-2026-0001" and second == "GR-2026-0002"
    view = status(office, first)
    assert view.status == "in_progress"
    assert open_assignees(office, first) == ["zhaolei"]
    assert queries.inbox(office, "zhaolei").total == 2


def test_validation_failure_creates_nothing(office):
    with pytest.raises(ValidationFailed) as err:
        workflow.submit(office, "emily", "purchase_request", {"item": "Desk", "quantity": "many", "amount": "-1"})
    fields = {p.field for p in err.value.problems}
    assert {"quantity"} <= fields
    assert queries.counts(office, "emily")["submitted"] == 0


def test_approve_finishes_and_archives(office):
    number = gr(office)
    act(office, "zhaolei", "approve", number, comment="同意")
    view = status(office, number)
    assert view.status == "approved" and view.archived
    assert actions_of(view) == [("emily", "submit", ""), ("zhaolei", "approve", "manager")]
    assert view.history[-1].comment == "同意"
    with pytest.raises(TransitionNotAllowed):
        act(office, "emily", "withdraw", number)


def test_reject_needs_an_opinion_and_ends_the_document(office):
    number = gr(office)
    with pytest.raises(OfficeError, match="opinion"):
        act(office, "zhaolei", "reject", number, comment="  ")
    assert status(office, number).status == "in_progress"
    act(office, "zhaolei", "reject", number, comment="Not this quarter")
    assert status(office, number).status == "rejected"
    assert queries.inbox(office, "zhaolei").total == 0


def test_purchase_request_route_with_leadership_above_threshold(office):
    small, big = pr(office, "5000"), pr(office, "150000")
    for number in (small, big):
        act(office, "zhaolei", "approve", number)
        act(office, "chenjing", "approve", number)
    assert open_assignees(office, small) == ["liuwei"]
    assert open_assignees(office, big) == ["chenjing", "liuwei"]
    assert status(office, big).current_steps[0].step == "leadership"


def test_return_to_initiator_then_resubmit_resumes_at_the_returning_step(office):
    number = pr(office)
    act(office, "zhaolei", "approve", number)
    with pytest.raises(OfficeError, match="opinion"):
        act(office, "chenjing", "return", number, to="initiator")
    act(office, "chenjing", "return", number, to="initiator", comment="Add a quote")
    view = status(office, number)
    assert view.status == "returned" and view.current_steps == []
    assert queries.inbox(office, "chenjing").total == 0
    workflow.submit(office, "emily", "purchase_request",
                    {"item": "Desk", "quantity": "3", "amount": "5200", "reason": "New office, quote attached"},
                    number=number)
    view = status(office, number)
    assert view.status == "in_progress" and view.fields["quantity"] == 3
    assert open_assignees(office, number) == ["chenjing"]
    assert ("emily", "resubmit", "") in actions_of(view)


def test_return_to_previous_and_to_a_chosen_earlier_step(office):
    number = pr(office)
    act(office, "zhaolei", "approve", number)
    act(office, "chenjing", "approve", number)
    act(office, "liuwei", "return", number, comment="Ask the VP again")
    assert open_assignees(office, number) == ["chenjing"]
    act(office, "chenjing", "approve", number)
    act(office, "liuwei", "return", number, to="director", comment="Director must check")
    assert open_assignees(office, number) == ["zhaolei"]
    with pytest.raises(TransitionNotAllowed):
        act(office, "zhaolei", "return", number, to="purchasing", comment="x")


def test_withdraw_only_by_the_initiator(office):
    number = gr(office)
    with pytest.raises(PermissionDenied):
        act(office, "zhaolei", "withdraw", number)
    act(office, "emily", "withdraw", number)
    assert status(office, number).status == "withdrawn"
    assert queries.inbox(office, "zhaolei").total == 0


def test_retract_allowed_until_the_next_step_acts(office):
    number = pr(office)
    act(office, "zhaolei", "approve", number)
    assert open_assignees(office, number) == ["chenjing"]
    act(office, "zhaolei", "retract", number)
    assert open_assignees(office, number) == ["zhaolei"]
    assert queries.inbox(office, "chenjing").total == 0
    act(office, "zhaolei", "approve", number)
    act(office, "chenjing", "approve", number)
    with pytest.raises(TransitionNotAllowed, match="next step"):
        act(office, "zhaolei", "retract", number)


def test_self_approval_refused(office):
    number = workflow.submit(office, "emily", "t_branch", {"subject": "x", "amount": "10", "reviewer": "emily"})
    # the reviewer step resolves to the initiator and skips (policy skip) — so set up a direct case:
    act(office, "zhaolei", "delegate", number, to="hejun")
    act(office, "hejun", "delegate", number, to="david")
    with pytest.raises(PermissionDenied, match="another approver"):
        act(office, "david", "delegate", number, to="emily")


def test_non_assignee_refused_with_who_it_waits_for(office):
    number = gr(office)
    with pytest.raises(PermissionDenied, match="not allowed to see"):
        act(office, "hejun", "approve", number)
    with pytest.raises(PermissionDenied, match="赵磊"):
        act(office, "admin", "approve", number)
    reasons = {v.action: v for v in verdicts(office, "emily", number)}
    assert not reasons["approve"].allowed and reasons["withdraw"].allowed


def test_user_who_may_not_see_is_refused(office):
    number = gr(office)
    with pytest.raises(PermissionDenied):
        queries.show(office, "david", number)
    assert queries.show(office, "admin", number).number == number  # archive role
    assert queries.show(office, "zhaolei", number).number == number  # the manager


def test_delegate_hands_the_task_over(office):
    number = gr(office)
    act(office, "zhaolei", "delegate", number, to="sunyan", comment="please handle")
    assert open_assignees(office, number) == ["sunyan"]
    with pytest.raises(PermissionDenied):
        act(office, "zhaolei", "approve", number)
    act(office, "sunyan", "approve", number)
    assert status(office, number).status == "approved"


def test_add_approver_after_and_before(office):
    after = gr(office, subject="after")
    act(office, "zhaolei", "add-approver", after, to="wuhong")
    act(office, "zhaolei", "approve", after)
    assert open_assignees(office, after) == ["wuhong"]
    act(office, "wuhong", "approve", after)
    assert status(office, after).status == "approved"

    before = gr(office, subject="before")
    act(office, "zhaolei", "add-approver", before, to="wuhong", position="before")
    assert open_assignees(office, before) == ["wuhong"]
    act(office, "wuhong", "approve", before, comment="fine by finance")
    assert open_assignees(office, before) == ["zhaolei"]
    act(office, "zhaolei", "approve", before)
    assert status(office, before).status == "approved"


def test_added_approver_refusal_rejects(office):
    number = gr(office)
    act(office, "zhaolei", "add-approver", number, to="wuhong", position="before")
    act(office, "wuhong", "reject", number, comment="No budget")
    assert status(office, number).status == "rejected"


def test_cc_comment_urge(office):
    number = gr(office)
    act(office, "emily", "cc", number, to="david,mayu")
    assert queries.inbox(office, "david", "cc").total == 1
    assert queries.show(office, "david", number).number == number
    act(office, "david", "comment", number, comment="Noted")
    before = queries.last_notification_id(office, "zhaolei")
    act(office, "emily", "urge", number)
    notices = queries.notifications_since(office, "zhaolei", before)
    assert [n.kind for n in notices] == ["urge"]
    assert notices[0].message == f"Emily Carter urges you to handle {number} Printer paper"
    actions = [h.action for h in status(office, number).history]
    assert actions == ["submit", "cc", "comment", "urge"]


def test_drafts_save_update_submit_and_discard(office):
    number = workflow.save_draft(office, "emily", "purchase_request", {"item": "Chair", "quantity": "two"})
    assert status(office, number).status == "draft"
    assert queries.counts(office, "emily")["drafts"] == 1
    workflow.save_draft(office, "emily", "purchase_request", {"quantity": "2"}, number=number)
    assert status(office, number).fields["quantity"] == 2
    with pytest.raises(ValidationFailed):
        workflow.submit(office, "emily", "purchase_request", {}, number=number)
    workflow.submit(office, "emily", "purchase_request", {"amount": "300", "reason": "Broken chair"}, number=number)
    assert status(office, number).status == "in_progress"
    other = workflow.save_draft(office, "emily", "general_request", {"subject": "Keep?"})
    workflow.discard_draft(office, "emily", other)
    assert queries.counts(office, "emily")["drafts"] == 0


def test_out_of_office_deputy_acts_on_behalf(office):
    away.set_away(office, "zhaolei", "sunyan", date(2026, 11, 20), date(2026, 11, 30))
    assert "You act for 赵磊 from 2026-11-20 to 2026-11-30" in queries.notifications_since(office, "sunyan")[-1].message
    number = gr(office)
    assert open_assignees(office, number) == ["sunyan"]
    act(office, "sunyan", "approve", number)
    last = status(office, number).history[-1]
    assert (last.actor, last.on_behalf_of, last.action) == ("sunyan", "zhaolei", "approve")


def test_deputy_for_some_forms_only_and_outside_dates(office):
    away.set_away(office, "zhaolei", "sunyan", date(2026, 11, 20), date(2026, 11, 30), ["purchase_request"])
    assert open_assignees(office, gr(office)) == ["zhaolei"]
    away.set_away(office, "zhaolei", "sunyan", date(2026, 12, 1), date(2026, 12, 5))
    assert open_assignees(office, gr(office)) == ["zhaolei"]
    with pytest.raises(OfficeError):
        away.set_away(office, "zhaolei", "zhaolei", date(2026, 12, 1), date(2026, 12, 5))


def test_active_deputy_can_act_on_a_task_that_arrived_before(office):
    number = gr(office)
    away.set_away(office, "zhaolei", "sunyan", date(2026, 11, 23), date(2026, 11, 30))
    act(office, "sunyan", "approve", number)
    last = status(office, number).history[-1]
    assert (last.actor, last.on_behalf_of) == ("sunyan", "zhaolei")


def test_second_approval_of_a_handled_task_is_a_conflict(office):
    number = gr(office)
    act(office, "zhaolei", "approve", number)
    with pytest.raises((Conflict, TransitionNotAllowed)):
        act(office, "zhaolei", "approve", number)


def test_bulk_approve_reports_each(office):
    numbers = [gr(office, subject=f"n{i}") for i in range(3)]
    act(office, "emily", "withdraw", numbers[1])
    report = bulk_approve(office, "zhaolei", numbers)
    assert [ok for _, ok, _ in report] == [True, False, True]
    assert "archived" in report[1][2]


def test_remind_records_overdue_once_per_interval(office):
    number = gr(office)
    office.clock.advance(days=5)
    lines = away.remind(office)
    assert any(number in line for line in lines)
    assert not [line for line in away.remind(office) if number in line]
    office.clock.advance(hours=25)
    assert [line for line in away.remind(office) if number in line]
    row = queries.inbox(office, "zhaolei").rows[0]
    assert row.overdue


def test_audit_chain_verifies_after_a_day_of_work(office):
    number = pr(office, "150000")
    for who in ("zhaolei", "chenjing", "liuwei", "chenjing", "liuwei"):
        act(office, who, "approve", number)
    report = audit.verify()
    assert report.ok and report.rows >= 6


@pytest.mark.parametrize(
    ("mode", "extra", "decisions", "expected"),
    [
        ("all", "", [("hejun", "approve"), ("linna", "approve")], "in_progress"),
        ("all", "", [("hejun", "approve"), ("linna", "approve"), ("wuhong", "approve")], "approved"),
        ("all", "", [("hejun", "approve"), ("linna", "reject")], "rejected"),
        ("any", "", [("linna", "approve")], "approved"),
        ("any", "", [("wuhong", "reject")], "rejected"),
        ("at_least", "min_approvals = 2", [("hejun", "approve")], "in_progress"),
        ("at_least", "min_approvals = 2", [("hejun", "reject"), ("linna", "approve")], "in_progress"),
        ("at_least", "min_approvals = 2", [("hejun", "approve"), ("wuhong", "approve")], "approved"),
        ("at_least", "min_approvals = 2", [("hejun", "reject"), ("wuhong", "reject")], "rejected"),
    ],
)
def test_step_modes(tmp_path, mode, extra, decisions, expected):
    office = make_office(tmp_path, mode=mode, extra=extra)
    number = workflow.submit(office, "emily", "t_modes", {"subject": "vote"})
    assert open_assignees(office, number) == ["hejun", "linna", "wuhong"]
    for who, action in decisions:
        act(office, who, action, number, comment="because")
    assert status(office, number).status == expected
    if expected != "in_progress":
        assert all(queries.inbox(office, u).total == 0 for u in ("hejun", "linna", "wuhong"))
    office.close()


def test_branching_on_amount(office):
    small = workflow.submit(office, "emily", "t_branch", {"subject": "s", "amount": "10", "reviewer": "david"})
    big = workflow.submit(office, "emily", "t_branch", {"subject": "b", "amount": "5000", "reviewer": "david"})
    act(office, "zhaolei", "approve", small)
    act(office, "zhaolei", "approve", big)
    assert open_assignees(office, small) == ["hejun"]
    assert open_assignees(office, big) == ["wuhong"]
    act(office, "hejun", "approve", small)
    assert open_assignees(office, small) == ["david"]


@pytest.mark.parametrize(
    ("nobody", "reviewer", "expected_assignees", "expected_status"),
    [
        ("skip", "", [], "approved"),
        ("dept_manager", "", ["zhaolei"], "in_progress"),
        ("admin", "", ["admin"], "in_progress"),
    ],
)
def test_nobody_found_policies(tmp_path, nobody, reviewer, expected_assignees, expected_status):
    office = make_office(tmp_path, nobody=nobody)
    number = workflow.submit(office, "emily", "t_branch", {"subject": "s", "amount": "10", "reviewer": reviewer})
    act(office, "zhaolei", "approve", number)
    act(office, "hejun", "approve", number)
    assert open_assignees(office, number) == expected_assignees
    assert status(office, number).status == expected_status
    if nobody == "skip":
        assert ("", "skip", "reviewer") in actions_of(status(office, number))
    office.close()


@pytest.mark.parametrize(("policy", "expected"), [("skip", []), ("manager", ["zhaolei"])])
def test_approver_is_initiator_policies(tmp_path, policy, expected):
    office = make_office(tmp_path, initiator=policy, nobody="skip")
    number = workflow.submit(office, "emily", "t_branch", {"subject": "s", "amount": "10", "reviewer": "emily"})
    act(office, "zhaolei", "approve", number)
    act(office, "hejun", "approve", number)
    assert open_assignees(office, number) == expected
    office.close()


def test_manager_filing_their_own_request_goes_to_their_manager(office):
    number = gr(office, who="zhaolei")
    assert open_assignees(office, number, who="zhaolei") == ["liuwei"]


def test_people_in_fields_are_shown_by_name(office):
    number = workflow.submit(office, "emily", "t_branch", {"subject": "s", "amount": "10", "reviewer": "david"})
    shown = {f.id: f.text for f in queries.show(office, "emily", number).display}
    assert shown["reviewer"] == "David Brooks (david)"
    assert shown["amount"] == "10.00"


def test_history_names_where_an_action_sent_the_document(office):
    number = pr(office)
    act(office, "zhaolei", "delegate", number, to="sunyan", comment="please")
    act(office, "sunyan", "approve", number)
    act(office, "chenjing", "return", number, to="initiator", comment="Add a quote")
    targets = [(h.action, h.target) for h in status(office, number).history]
    assert targets == [("submit", ""), ("delegate", "孙燕"), ("approve", ""), ("return", "the initiator")]


def test_saving_a_draft_again_is_not_history(office):
    number = workflow.save_draft(office, "emily", "general_request", {"subject": "C"})
    for text in ("Ch", "Cha", "Chai", "Chairs"):
        workflow.save_draft(office, "emily", "general_request", {"subject": text}, number=number)
    assert audit.verify().ok  # every save is still sealed in the audit trail
    workflow.submit(office, "emily", None, {"details": "Two"}, number=number)
    actions = [h.action for h in queries.show(office, "emily", number).history]
    assert actions == ["draft", "submit"]
    assert audit.verify().ok


def test_only_the_owner_deletes_a_draft(office):
    number = workflow.save_draft(office, "emily", "general_request", {"subject": "Keep?"})
    with pytest.raises(PermissionDenied):
        workflow.delete_draft(office, "zhaolei", number)
    assert queries.counts(office, "emily")["drafts"] == 1
    workflow.delete_draft(office, "emily", number)
    assert queries.counts(office, "emily")["drafts"] == 0
    submitted = workflow.submit(office, "emily", "general_request", {"subject": "Sent", "details": "x"})
    with pytest.raises(OfficeError):
        workflow.delete_draft(office, "emily", submitted)


def test_urge_is_for_the_initiator_and_those_copied_once_an_hour(office):
    from datetime import timedelta

    number = gr(office)
    act(office, "emily", "cc", number, to="david")
    with pytest.raises(PermissionDenied, match="waiting for you"):
        act(office, "zhaolei", "urge", number)  # the approver it waits for
    with pytest.raises(PermissionDenied, match="Only Emily Carter"):
        act(office, "admin", "urge", number)  # may read it, but neither started nor copied on it
    act(office, "emily", "urge", number)
    with pytest.raises(Conflict) as refused:
        act(office, "david", "urge", number)  # copied, but an urge went out a moment ago
    next_allowed = (office.clock.now() + timedelta(hours=1)).strftime("%m-%d %H:%M")
    assert f"can be urged again from {next_allowed}" in str(refused.value)
    verdict = {v.action: v for v in verdicts(office, "emily", number)}["urge"]
    assert not verdict.allowed and next_allowed in verdict.reason
    office.clock.at = office.clock.now() + timedelta(hours=1)
    act(office, "david", "urge", number)
    office.settings.urge_interval_hours = 0
    act(office, "emily", "urge", number)


def test_step_fields_are_checked_stored_and_recorded_as_changes_of_the_approval(office):
    from tui_office.store.models import Action

    number = pr(office)
    for user in ("zhaolei", "chenjing", "liuwei"):
        act(office, user, "approve", number)
    with pytest.raises(ValidationFailed) as refused:
        act(office, "hejun", "approve", number, fields={"supplier": "  "})
    assert [(p.field, p.code) for p in refused.value.problems] == [("supplier", "required"), ("contract_amount", "required")]
    with pytest.raises(OfficeError):
        act(office, "hejun", "return", number, to="initiator", comment="x", fields={"supplier": "Acme"})
    assert status(office, number).status == "in_progress"
    act(office, "hejun", "approve", number, fields={"supplier": "Acme", "contract_amount": "4800"})
    view = status(office, number)
    assert view.status == "in_progress" and [c.step for c in view.current_steps] == ["receipt"]  # goods next
    shown = {fv.id: fv.text for fv in view.display}
    assert shown["supplier"] == "Acme" and "4,800.00" in shown["contract_amount"]
    row = Action.select().where(Action.action == "approve").order_by(Action.id.desc()).first()
    assert row.step == "purchasing"
    assert row.changes == {"changed": [["contract_amount", None, "4800.00"], ["supplier", None, "Acme"]]}
