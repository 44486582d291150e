"""Submit on behalf (代提交): a user with a role in the form's `submit_for` files a document for
someone else, who becomes its initiator and is told; the submitter is on record."""

from __future__ import annotations

import pytest

from tui_office.domain.errors import OfficeError, PermissionDenied
from tests.factories import demo_office
from tests.services.test_permissions_matrix import FORM
from tui_office.services import audit, directory, queries, roles, rule_check, submit_for_choices, workflow
from tui_office.services.decisions import act
from tui_office.store.models import Action, Document, Notification, User

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


def test_an_unknown_person_is_refused_and_nothing_is_stored(office):
    with pytest.raises(OfficeError, match="nobody"):
        workflow.submit(office, "wangfang", "leave", LEAVE, for_login="nobody")
    with pytest.raises(OfficeError, match="nobody"):
        workflow.save_draft(office, "wangfang", "leave", LEAVE, for_login="nobody")
    with pytest.raises(OfficeError) as huge:
        workflow.save_draft(office, "wangfang", "leave", LEAVE, for_login="x" * 100_000)
    assert len(str(huge.value)) < 120
    with pytest.raises(OfficeError, match="No active user"):
        workflow.save_draft(office, "wangfang", "leave", LEAVE, for_login=["emily"])  # type: ignore[arg-type]
    assert Document.select().count() == 0


def _trail(number: str) -> list[tuple[str, str | None, str]]:
    doc = Document.get(Document.number == number)
    return [(a.actor.login, a.on_behalf_of.login if a.on_behalf_of else None, a.action)
            for a in Action.select().where(Action.document == doc).order_by(Action.id)]


def test_a_draft_filled_in_for_someone_is_the_clerks_until_it_is_handed_over(office):
    number = workflow.save_draft(office, "wangfang", "leave", {"type": "personal", "reason": "Moving"},
                                 for_login="emily")
    assert queries.counts(office, "wangfang")["drafts"] == 1 and queries.counts(office, "emily")["drafts"] == 0
    assert submit_for_choices.recorded(office, "wangfang", number) == "emily"  # reopening it shows whom it is for
    draft = queries.show(office, "wangfang", number)
    assert draft.filled_in_for == "Emily Carter" and "filled_in_for" not in draft.to_json()  # the preview says so
    workflow.save_draft(office, "wangfang", "leave", LEAVE, number=number)  # autosave keeps the person
    assert workflow.submit(office, "wangfang", "leave", {}, number=number) == number
    view = queries.show(office, "emily", number)
    assert view.initiator == "emily" and view.status == "in_progress" and view.filled_in_for is None
    assert _trail(number)[0] == ("wangfang", None, "draft")
    assert ("wangfang", "emily", "submit") in _trail(number)
    emily = User.get(User.login == "emily")
    assert Notification.select().where((Notification.user == emily) & (Notification.kind == "submitted_for_you")).count() == 1
    assert queries.counts(office, "emily")["submitted"] == 1
    assert queries.counts(office, "wangfang")["submitted"] == 0 and queries.counts(office, "wangfang")["drafts"] == 0
    with pytest.raises(PermissionDenied):  # the clerk does not own it any more
        act(office, "wangfang", "withdraw", number, comment="not mine")
    act(office, "emily", "withdraw", number, comment="Plans changed")
    assert queries.show(office, "emily", number).status == "withdrawn"
    assert audit.verify().ok


def test_a_draft_of_ones_own_is_handed_over_when_submitted_for_someone(office):
    number = workflow.save_draft(office, "wangfang", "leave", LEAVE)
    workflow.submit(office, "wangfang", "leave", {}, number=number, for_login="emily")
    assert queries.show(office, "emily", number).initiator == "emily"


def test_choosing_oneself_again_makes_the_draft_ones_own(office):
    number = workflow.save_draft(office, "wangfang", "leave", LEAVE, for_login="emily")
    workflow.save_draft(office, "wangfang", "leave", {}, number=number, for_login="wangfang")
    assert submit_for_choices.recorded(office, "wangfang", number) is None
    doc = Document.get(Document.number == number)
    kept = [a.changes.get("for") for a in Action.select().where(Action.document == doc).order_by(Action.id)]
    assert kept == ["emily", None]  # each change of whom it is for is in the audit trail
    workflow.submit(office, "wangfang", "leave", {}, number=number)
    assert queries.show(office, "wangfang", number).initiator == "wangfang"


def _refused_hand_over(office, number: str, for_login: str | None, match: str, me: str = "wangfang") -> None:
    before = (_trail(number), Document.get(Document.number == number).fields)
    with pytest.raises(OfficeError, match=match):
        workflow.submit(office, me, "leave", {}, number=number, for_login=for_login)
    doc = Document.get(Document.number == number)
    assert (doc.status, doc.initiator.login) == ("draft", me)
    assert (_trail(number), doc.fields) == before
    assert Notification.select().where(Notification.kind == "submitted_for_you").count() == 0


def test_a_hand_over_to_an_inactive_user_is_refused_as_the_cli_refuses_it(office):
    number = workflow.save_draft(office, "wangfang", "leave", LEAVE, for_login="emily")
    directory.deactivate_user(office, "emily", by="admin")
    _refused_hand_over(office, number, None, "No active user 'emily'")  # the person kept with it left
    _refused_hand_over(office, number, "emily", "No active user 'emily'")


def test_a_hand_over_by_someone_without_the_role_is_refused(office):
    number = workflow.save_draft(office, "zhouqiang", "leave", LEAVE)
    _refused_hand_over(office, number, "emily", "submit_for", me="zhouqiang")
    with pytest.raises(PermissionDenied, match="submit_for"):
        workflow.save_draft(office, "zhouqiang", "leave", LEAVE, number=number, for_login="emily")


def test_a_clerk_who_lost_the_role_may_not_hand_over_the_draft(office):
    number = workflow.save_draft(office, "wangfang", "leave", LEAVE, for_login="emily")
    roles.revoke_role(office, "admin", "hr", "wangfang")
    _refused_hand_over(office, number, None, "submit_for")


def test_a_returned_document_is_never_handed_over(office):
    number = workflow.submit(office, "wangfang", "leave", LEAVE)
    first = queries.show(office, "wangfang", number).current_steps[0].assignees[0].login
    act(office, first, "return", number, to="initiator", comment="Dates?")
    with pytest.raises(OfficeError, match="returned document"):
        workflow.submit(office, "wangfang", "leave", {}, number=number, for_login="emily")
    assert queries.show(office, "wangfang", number).initiator == "wangfang"


LEGAL_ONLY = FORM.replace('starters = ["*"]', 'starters = ["legal"]')
"""The permission-check form, which only the legal department may start; HR files it for them."""


def test_a_hand_over_to_someone_the_form_may_not_have_as_initiator_is_refused(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "t_perm.toml").write_text(LEGAL_ONLY, encoding="utf-8")
    office = demo_office(tmp_path, forms_dir=forms)
    try:
        lawyers = [u.login for u in directory.list_users(office) if "legal" in u.roles]
        assert [u.login for u in submit_for_choices.choices(office, "wangfang", "t_perm")] == lawyers
        number = workflow.save_draft(office, "wangfang", "t_perm", {"subject": "Badge"}, for_login=lawyers[0])
        with pytest.raises(PermissionDenied, match="may not start"):
            workflow.submit(office, "wangfang", "t_perm", {}, number=number, for_login="emily")
        with pytest.raises(PermissionDenied, match="may not start"):  # nor is it hers to send as her own
            workflow.submit(office, "wangfang", "t_perm", {}, number=number, for_login="wangfang")
        assert Document.get(Document.number == number).initiator.login == "wangfang"
        workflow.submit(office, "wangfang", "t_perm", {}, number=number)
        assert Document.get(Document.number == number).initiator.login == lawyers[0]
    finally:
        office.close()


def test_whom_a_clerk_may_choose(office):
    assert submit_for_choices.choices(office, "zhouqiang", "leave") is None  # no role in submit_for: no choice
    everyone = submit_for_choices.choices(office, "wangfang", "leave")
    assert "wangfang" in [u.login for u in everyone] and "emily" in [u.login for u in everyone]
    directory.deactivate_user(office, "emily", by="admin")
    assert "emily" not in [u.login for u in submit_for_choices.choices(office, "wangfang", "leave")]


def test_the_rules_judge_the_colleague_being_filled_in_for(office):
    workflow.submit(office, "emily", "leave", LEAVE)  # Emily is already away those days
    form = queries.form_definition(office, "leave")
    typed = form.compute(form.coerce(LEAVE), workflow.eval_context(office, form, "emily"))
    mine = rule_check.check(office, "wangfang", "leave", typed, for_login="wangfang")
    hers = rule_check.check(office, "wangfang", "leave", typed, for_login="emily")
    assert "overlap" not in {p.code for p in mine} and "overlap" in {p.code for p in hers}
    with pytest.raises(PermissionDenied, match="submit_for"):  # nobody else's figures without the role
        rule_check.check(office, "zhouqiang", "leave", typed, for_login="emily")


def test_the_drafts_tab_names_whom_a_draft_is_filled_in_for(office):
    """Wang Fang's drafts: the leave filled in for Emily lists Emily as From (marked as filled in for
    her), her own draft lists herself; the filter finds the draft by Emily's name."""
    for_emily = workflow.save_draft(office, "wangfang", "leave", {"type": "personal", "reason": "Moving"},
                                    for_login="emily")
    own = workflow.save_draft(office, "wangfang", "general_request", {"subject": "Printer toner"})
    rows = {r.number: (r.from_name, r.filled_in_for) for r in queries.inbox(office, "wangfang", "drafts").rows}
    assert rows == {for_emily: ("Emily Carter", True), own: ("王芳", False)}
    assert [r.number for r in queries.inbox(office, "wangfang", "drafts", text="emily").rows] == [for_emily]
    assert [r.from_name for r in queries.inbox(office, "wangfang", "drafts", text="Printer").rows] == ["王芳"]
