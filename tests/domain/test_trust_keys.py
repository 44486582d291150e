"""The form keys that decide who may copy and whether a document may end approved unattended."""

from __future__ import annotations

import pytest

from tui_office.domain.definition_check import role_problems
from tui_office.domain.definition_files import load_all, parse_definition
from tui_office.domain.errors import DefinitionError

FORM = '''
id = "t_keys"
version = 1
title = {{ en = "Keys", zh = "键" }}
prefix = "TK"
{keys}
[[fields]]
id = "subject"
type = "text"
label = {{ en = "Subject", zh = "事由" }}
[[steps]]
id = "manager"
title = {{ en = "Manager", zh = "经理" }}
assignee = {{ dept_manager = true }}
'''


def test_defaults_are_strict_about_unattended_approval_and_open_about_copies():
    form = parse_definition(FORM.format(keys=""))
    assert form.allow_unattended_approval is False
    assert form.may_be_copied_to([]) and form.may_be_copied_to(["sales"])


def test_cc_allowed_limits_copies_to_its_roles_and_unknown_roles_are_reported():
    form = parse_definition(FORM.format(keys='cc_allowed = ["hr", "auditor"]\nallow_unattended_approval = true'),
                            "t_keys.toml")
    assert form.allow_unattended_approval is True
    assert form.may_be_copied_to(["sales", "hr"]) and not form.may_be_copied_to(["sales"])
    assert [p.message for p in role_problems(form, ["hr"])] == ["cc_allowed: unknown role 'auditor'"]


def test_wrong_types_are_definition_problems():
    with pytest.raises(DefinitionError):
        parse_definition(FORM.format(keys='allow_unattended_approval = "yes"'))
    with pytest.raises(DefinitionError):
        parse_definition(FORM.format(keys="cc_allowed = 3"))


def test_the_leave_form_is_copied_only_to_hr_and_the_general_manager():
    leave = load_all()["leave"]
    assert leave.may_be_copied_to(["hr"]) and leave.may_be_copied_to(["gm"])
    assert not leave.may_be_copied_to(["sales", "sales_admin"])
