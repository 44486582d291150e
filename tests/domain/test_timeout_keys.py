"""A step's `timeout`, `on_timeout` and `escalate_to` in a definition: read when right, and each
mistake reported as `file:line: message` on its own line."""

from __future__ import annotations

import pytest

from tests.domain.test_definition_check import GOOD, check, line_of
from tui_office.domain.definition_files import parse_definition
from tui_office.domain.timeouts import Timeout

STEP = 'assignee = { role = "gm" }'


def with_keys(keys: str) -> str:
    assert STEP in GOOD
    return GOOD.replace(STEP, STEP + "\n" + keys, 1)


def test_a_timeout_with_escalation_to_a_role_is_read(tmp_path):
    text = with_keys('timeout = "3 working days"\non_timeout = "escalate"\nescalate_to = { role = "vp" }')
    assert check(tmp_path, text) == []
    step = parse_definition(text, "form.toml").step("second")
    assert step.timeout == Timeout(3, "working_days") and step.on_timeout == "escalate"
    assert step.escalate_to.kind == "role" and step.escalate_to.value == "vp"


@pytest.mark.parametrize("keys, needle, words", [
    ('timeout = "3 days"', "timeout", 'like "3 working days"'),
    ('timeout = "0 hours"', "timeout", "more than 0"),
    ('timeout = 3', "timeout", 'like "3 working days"'),
    ('timeout = "1 hour"\non_timeout = "ignore"', "on_timeout", "on_timeout must be one of"),
    ('on_timeout = "approve"', "on_timeout", "needs a timeout"),
    ('timeout = "2 hours"\nescalate_to = { role = "vp" }', "escalate_to", 'for on_timeout = "escalate"'),
    ('timeout = "2 hours"\non_timeout = "escalate"\nescalate_to = { boss = true }', "escalate_to", "unknown assignee rule"),
])
def test_each_timeout_mistake_is_located(tmp_path, keys, needle, words):
    text = with_keys(keys)
    problems = [p for p in check(tmp_path, text) if words in p.message]
    assert problems, [str(p) for p in check(tmp_path, text)]
    assert problems[0].line == line_of(text, needle)
