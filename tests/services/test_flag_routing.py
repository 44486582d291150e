"""A step's routing may ask whether the document carries a flag (`flagged('name')` in `next`
conditions and `skip_if`): a flagged document takes the longer route, one without the flag the
short one, and the steps ahead say so; nowhere else may an expression ask about flags."""

from __future__ import annotations

from tests.services.test_sequence_signers import FORMS, office  # noqa: F401  (the demo office with the test forms)
from tui_office.domain.definition_check import analyse
from tui_office.services import decisions, queries, workflow


def note(office, amount: str) -> str:
    return workflow.submit(office, "emily", "t_flag_route", {"subject": "Trade fair", "amount": amount})


def test_a_flagged_document_goes_to_the_general_manager_and_an_unflagged_one_does_not(office):
    big, small = note(office, "8000"), note(office, "300")
    assert [s for s, _ in queries.show(office, "emily", big).ahead] == ["gm", "finance"]
    assert [s for s, _ in queries.show(office, "emily", small).ahead] == ["finance"]
    decisions.act(office, "zhaolei", "approve", big)
    decisions.act(office, "zhaolei", "approve", small)
    assert [s.step for s in queries.show(office, "emily", big).current_steps] == ["gm"]
    assert [s.step for s in queries.show(office, "emily", small).current_steps] == ["finance"]


def test_flagged_is_known_only_where_a_step_routes():
    source = (FORMS / "t_flag_route.toml").read_text(encoding="utf-8").replace(
        'type = "money"\nrequired = true', 'type = "money"\nrequired = true\nvisible_if = "flagged(\'large_amount\')"')
    _form, problems = analyse(source, "t_flag_route.toml")
    assert len(problems) == 1
    assert "visible_if" in str(problems[0]) and "flagged" in str(problems[0])
