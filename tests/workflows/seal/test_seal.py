"""The company seal (用印): a `seal` step only seal keepers act on, the seal application from
manager to keeper, and the register of every use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui_office.domain.definition_check import analyse
from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.services import away, decisions, queries, workflow
from tui_office.services.office import Office
from tui_office.store.models import Document
from tui_office.workflows.seal import service as seal

from tests.factories import demo_office

FORM = (Path(seal.__file__).parent / "forms" / "seal_application.toml").read_text(encoding="utf-8")


@pytest.fixture
def office(tmp_path: Path) -> Office:
    office = demo_office(tmp_path)
    yield office
    office.close()


def applied(office: Office, seal_type: str = "contract") -> str:
    """luoping's application, agreed by her manager xuhao: now with the seal keeper huangmin."""
    number = workflow.submit(office, "luoping", "seal_application", {
        "documents": "HT-2026-031 施工合同", "seal_type": seal_type, "copies": "4", "purpose": "二期施工合同"})
    decisions.act(office, "xuhao", "approve", number, comment="同意")
    return number


def test_a_seal_step_refuses_anyone_but_a_seal_keeper(office: Office) -> None:
    away.set_away(office, "huangmin", "luoping", date(2026, 11, 23), date(2026, 11, 27))
    number = workflow.submit(office, "emily", "seal_application", {
        "documents": "Quotation", "seal_type": "company", "copies": "2", "purpose": "For the customer"})
    decisions.act(office, "zhaolei", "approve", number)
    # the keeper is away: the task stays with her (her deputy luoping is no seal keeper), and luoping may not act on it
    assert [row.number for row in queries.inbox(office, "huangmin", "todo").rows] == [number]
    assert queries.inbox(office, "luoping", "todo").rows == []
    with pytest.raises(PermissionDenied) as caught:
        decisions.act(office, "luoping", "approve", number, fields={"sealed_on": "2026-11-23", "copies_sealed": "2"})
    assert caught.value.code == "step_role_only" and "seal_keeper" in str(caught.value)
    assert Document.get(Document.number == number).step == "keeper"
    verdict = {v.action: v for v in decisions.verdicts(office, "luoping", number)}["approve"]
    assert not verdict.allowed and "seal_keeper" in verdict.reason


def test_the_keeper_records_the_use_and_the_register_lists_it(office: Office) -> None:
    number = applied(office)
    decisions.act(office, "huangmin", "approve", number, comment="已盖章",
                  fields={"sealed_on": "2026-11-23", "copies_sealed": "4"})
    assert Document.get(Document.number == number).status == "approved"
    [use] = seal.register(office, "huangmin")
    assert (use.number, use.sealed_on, use.seal_type, use.copies, use.applicant, use.keeper) == (
        number, date(2026, 11, 23), "contract", 4, "罗平", "黄敏")
    assert seal.register(office, "admin", seal_type="finance") == []
    with pytest.raises(PermissionDenied) as caught:
        seal.register(office, "luoping")
    assert caught.value.code == "seal_register_refused"


def test_an_application_still_open_is_not_in_the_register(office: Office) -> None:
    applied(office)
    assert seal.register(office, "huangmin") == []


def test_a_seal_step_must_go_to_the_seal_keepers_and_stay_with_them() -> None:
    _, problems = analyse(FORM, "seal_application.toml")
    assert problems == []
    wrong = FORM.replace('assignee = { role = "seal_keeper" }', 'assignee = { role = "legal" }')
    _, problems = analyse(wrong, "seal_application.toml")
    assert [p.line for p in problems] == [FORM[:FORM.index('assignee = { role = "seal_keeper" }')].count("\n") + 1]
    assert "acted on by the 'seal_keeper' role only" in str(problems[0])
    passed_on = FORM.replace('fields = ["sealed_on", "copies_sealed"]',
                             'fields = ["sealed_on", "copies_sealed"]\nactions = ["approve", "delegate"]')
    _, problems = analyse(passed_on, "seal_application.toml")
    assert any("cannot be passed to others ('delegate' in actions)" in p.message for p in problems)


def test_a_bad_use_is_refused_and_changes_nothing(office: Office) -> None:
    number = applied(office)
    for values in ({"sealed_on": "2026-11-23", "copies_sealed": "0"}, {"sealed_on": "yesterday", "copies_sealed": "2"},
                   {"sealed_on": "2026-11-23", "copies_sealed": "2\x1b[2J"}):
        with pytest.raises(OfficeError):
            decisions.act(office, "huangmin", "approve", number, fields=values)
        assert Document.get(Document.number == number).step == "keeper"
