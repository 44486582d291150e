"""One table of actions: the engine's `ACTION_TABLE` is where transitions, step actions, task and
opinion requirements, the UI's questions and the CLI `act` choices all come from."""

from __future__ import annotations

from tui_office.domain import engine
from tui_office.domain.definitions import STEP_ACTIONS


def test_every_action_is_in_the_table_once() -> None:
    names = [spec.name for spec in engine.ACTION_TABLE]
    assert len(names) == len(set(names))
    assert set(engine.TRANSITIONS) == set(names)
    assert engine.ACTIONS == tuple(n for n in names if n not in ("submit", "discard"))


def test_what_the_layers_use_is_derived_from_the_table() -> None:
    from tui_office.cli.main import build_parser
    from tui_office.services import decisions

    assert STEP_ACTIONS == engine.ACTIONS
    assert decisions.TASK_ACTIONS == ("approve", "reject", "return", "delegate", "entrust", "add-approver")
    assert decisions.NEEDS_OPINION == {"reject", "return", "comment"}
    help_text = " ".join(build_parser().format_help().split())
    assert "take an action on a document: " + ", ".join(engine.ACTIONS) in help_text


def test_a_transition_from_the_wrong_state_is_refused_with_the_reason() -> None:
    import pytest

    from tui_office.domain.errors import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        engine.check_transition(engine.APPROVED, "approve")
    assert engine.check_transition(engine.IN_PROGRESS, "reject").target == engine.REJECTED
