"""Contracts and settlements through the services: checklists from data, not-applicable reasons,
standing aside (回避), signed contracts, and table numbers per project under concurrent writers."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factories import demo_office
from tui_office.domain.errors import OfficeError, PermissionDenied, TransitionNotAllowed, ValidationFailed
from tui_office.services import conflicts, decisions, queries, workflow
from tui_office.workflows.contracts import categories, rules, service, views

REPO = Path(__file__).resolve().parents[3]
SHIPPED = REPO / "data" / "contracts" / "contract_categories.toml"


@pytest.fixture
def office(tmp_path: Path):
    return demo_office(tmp_path)


def contract(office, category: str = "a", project: str = "P9") -> str:
    number = service.register(office, "luoping", {
        "title": "Roof", "counterparty": "Hua Jian", "category": category, "project_code": project,
        "project_name": "Roof", "amount": "1000", "signed_date": "2026-05-01"})
    decisions.act(office, "zhangli", "approve", number, comment="filed")
    return number


def handed_over(office, number: str, clerk: str = "david") -> str:
    settlement = service.open_settlement(office, clerk, number, "Li Gong")
    for item in service.catalogue().category("a").required:
        service.mark(office, clerk, settlement, item, service.Mark(rules.RECEIVED, pages=1))
    service.send(office, clerk, settlement)
    return settlement


def test_each_category_lists_its_checklist_from_the_file():
    """a needs most items, f the marketing ones; an edited file changes the list with no code."""
    book = categories.load(SHIPPED)
    assert set(book.categories) == {"a", "b", "c", "d", "e", "f"}
    assert len(book.categories["a"].required) == 9
    assert book.categories["f"].required == ("marketing_results", "contract_documents")
    edited = SHIPPED.read_text(encoding="utf-8").replace(
        'required = ["marketing_results", "contract_documents"]', 'required = ["marketing_results"]')
    assert categories.parse(edited, "x.toml").categories["f"].required == ("marketing_results",)
    broken = edited.replace('required = ["marketing_results"]', 'required = ["flyers"]')
    with pytest.raises(OfficeError) as refused:
        categories.parse(broken, "x.toml")
    assert re.fullmatch(r"x\.toml:\d+: category 'f': required names unknown item 'flyers'", refused.value.located())


def test_a_settlement_shows_its_categorys_items_and_not_applicable_needs_a_reason(office):
    settlement = service.open_settlement(office, "linna", contract(office, "b"), "Mr Olsen")
    shown = views.settlement(office, "linna", settlement)
    assert [c["item"] for c in shown["checklist"]] == ["purchase_vouchers", "installation_tests", "contract_documents",
                                                       "material_slips", "construction_records"]
    with pytest.raises(ValidationFailed, match="reason: contracts_reason_required"):
        service.mark(office, "linna", settlement, "material_slips", service.Mark(rules.NOT_APPLICABLE, reason=" "))
    service.mark(office, "linna", settlement, "material_slips", service.Mark(rules.NOT_APPLICABLE, reason="no slips"))
    shown = views.settlement(office, "linna", settlement)
    assert shown["counts"] == {"received": 0, "not_applicable": 1, "missing": 4}
    assert shown["checklist"][3]["reason"] == "no slips"


def test_declaring_a_conflict_hands_the_check_on_and_the_declarer_cannot_act_again(office):
    """Two cost clerks: the one asked declares a conflict; the other gets the task, the declarer is refused."""
    from tui_office.services import directory
    directory.add_user(office, "tangjie", "唐杰", department="cost", roles=["cost"], by="admin")
    settlement = handed_over(office, contract(office))
    decisions.act(office, "david", "approve", settlement, comment="ok", fields={"settlement_amount": "1000"})
    decisions.act(office, "mayu", "approve", settlement, comment="ok")
    asked = {a.login for s in queries.show(office, "admin", settlement).current_steps for a in s.assignees}
    assert asked == {"luoping", "tangjie"}
    conflicts.declare(office, "luoping", settlement, "my brother works for Hua Jian")
    asked = {a.login for s in queries.show(office, "admin", settlement).current_steps
             for a in s.assignees if a.status == "open"}
    assert asked == {"tangjie"}
    with pytest.raises(OfficeError):
        decisions.act(office, "luoping", "approve", settlement, comment="ok", fields={"verified_amount": "1000"})
    decisions.act(office, "tangjie", "approve", settlement, comment="ok", fields={"verified_amount": "1000"})


def test_a_signed_contract_refuses_edits_but_takes_a_supplement(office):
    number = contract(office)
    with pytest.raises((TransitionNotAllowed, PermissionDenied)):
        workflow.submit(office, "luoping", None, {"amount": "2"}, number=number)
    first = service.supplement(office, "luoping", number, {"title": "Gutters", "signed_date": "2026-06-01",
                                                            "amount_change": "-50"})
    second = service.supplement(office, "luoping", number, {"title": "Paint", "signed_date": "2026-07-01",
                                                             "kind": "amendment"})
    shown = views.contract(office, "luoping", number)
    assert shown["amount"] == "1000.00"
    assert [(s["number"], s["amount_change"]) for s in shown["supplements"]] == [(first, "-50.00"), (second, None)]


def test_table_numbers_per_project_survive_two_writers_at_once(office, tmp_path):
    """Two clerks' reviews of the same project in two processes at once: 001 and 002, never twice."""
    first = handed_over(office, contract(office, project="PX"))
    second = handed_over(office, contract(office, project="PX"))
    other = handed_over(office, contract(office, project="PY"))
    env = dict(os.environ, TUI_OFFICE_NOW="2026-11-23T09:00")
    racers = [subprocess.Popen([sys.executable, "-m", "tui_office", "--db", str(office.target), "--user",
                                "david", "contracts", "review", number, "--amount", "1000", "--opinion", "ok"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
              for number in (first, second, other)]
    for racer in racers:
        out, err = racer.communicate(timeout=60)
        assert racer.returncode == 0, err
    numbers = sorted(views.settlement(office, "david", n)["tables"]["preliminary"]["number"] for n in (first, second, other))
    assert numbers == ["PX-CS-001", "PX-CS-002", "PY-CS-001"]
