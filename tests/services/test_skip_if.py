"""A step with `skip_if` is passed by when its condition holds: the document goes straight on (to the
next step, or approved when it was the last) and the history says the step was skipped; when the
condition does not hold, the step's people are asked as usual."""

from __future__ import annotations

from tests.services.conftest import make_office
from tui_office.domain.definition_files import check_paths
from tui_office.services import queries, workflow
from tui_office.services.decisions import act

FORM = '''
id = "t_skip"
version = 1
title = { en = "Order", zh = "订单" }
prefix = "TS"
[[fields]]
id = "basis"
type = "choice"
label = { en = "Basis", zh = "依据" }
required = true
choices = [{ value = "contract", label = { en = "Contract", zh = "合同" } },
           { value = "phoned", label = { en = "Phoned", zh = "电话" } }]
[[fields]]
id = "amount"
type = "money"
label = { en = "Amount", zh = "金额" }
required = true
[[steps]]
id = "manager"
title = { en = "Sales manager", zh = "销售经理" }
assignee = { user = "zhaolei" }
skip_if = "basis == 'contract'"
[[steps]]
id = "leadership"
title = { en = "Leadership", zh = "公司领导" }
assignee = { role = ["gm", "vp"] }
mode = "all"
skip_if = "amount <= 1000"
next = "end"
'''


def office_with(tmp_path):
    office = make_office(tmp_path)
    (tmp_path / "forms" / "t_skip.toml").write_text(FORM, encoding="utf-8")
    return office


def where(office, number):
    view = queries.show(office, "admin", number)
    return view.status, [s.step for s in view.current_steps], [h.action for h in view.history]


def test_a_step_whose_skip_if_holds_is_passed_by(tmp_path):
    office = office_with(tmp_path)
    number = workflow.submit(office, "sunyan", "t_skip", {"basis": "contract", "amount": "5000"})
    status, steps, history = where(office, number)
    assert (status, steps) == ("in_progress", ["leadership"])
    assert history == ["submit", "skip"]


def test_every_step_passed_by_approves_at_submit_without_an_administrator(tmp_path):
    office = office_with(tmp_path)
    number = workflow.submit(office, "sunyan", "t_skip", {"basis": "contract", "amount": "800"})
    status, steps, history = where(office, number)
    assert (status, steps) == ("approved", [])
    assert history.count("skip") == 2


def test_a_step_whose_skip_if_does_not_hold_asks_its_people(tmp_path):
    office = office_with(tmp_path)
    number = workflow.submit(office, "sunyan", "t_skip", {"basis": "phoned", "amount": "800"})
    assert where(office, number)[:2] == ("in_progress", ["manager"])
    act(office, "zhaolei", "approve", number)
    assert where(office, number)[0] == "approved"


def test_skip_if_naming_an_unknown_field_is_reported_with_its_line(tmp_path):
    path = tmp_path / "t_skip.toml"
    path.write_text(FORM.replace("skip_if = \"amount <= 1000\"", "skip_if = \"total <= 1000\""), encoding="utf-8")
    problems = [str(p) for p in check_paths([path])]
    line = FORM.splitlines().index('skip_if = "amount <= 1000"') + 1
    assert any(p.startswith(f"{path}:{line}:") and "total" in p for p in problems), problems


def test_a_step_that_will_be_passed_by_is_not_shown_ahead(tmp_path):
    office = office_with(tmp_path)
    small = workflow.submit(office, "sunyan", "t_skip", {"basis": "phoned", "amount": "800"})
    large = workflow.submit(office, "sunyan", "t_skip", {"basis": "phoned", "amount": "5000"})
    assert queries.show(office, "admin", small).ahead == []
    assert [step for step, _ in queries.show(office, "admin", large).ahead] == ["leadership"]
