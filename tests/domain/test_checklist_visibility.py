"""Checklist items can apply only under a condition: hidden items are neither shown nor required."""

from __future__ import annotations

from tui_office.domain.definition_files import parse_definition

FORM = """
id = "evidence_demo"
version = 1
title = { en = "Evidence", zh = "材料" }
prefix = "EV"
[[fields]]
id = "days"
type = "integer"
label = { en = "Days", zh = "天数" }
required = true
[[fields]]
id = "evidence"
type = "checklist"
label = { en = "Evidence", zh = "材料" }
  [[fields.items]]
  id = "short_note"
  label = { en = "Note", zh = "说明" }
  required_if = "days <= 3"
  visible_if = "days <= 3"
  [[fields.items]]
  id = "certificate"
  label = { en = "Certificate", zh = "证明" }
  required_if = "days > 3"
  visible_if = "days > 3"
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
next = "end"
"""


def test_only_the_items_that_apply_are_required():
    form = parse_definition(FORM, "evidence_demo.toml")
    short = form.validate(form.coerce({"days": "2"}))
    assert [(p.field, p.code, p.params.get("item")) for p in short] == [("evidence", "checklist_missing", "Note")]
    long = form.validate(form.coerce({"days": "5", "evidence": "certificate"}))
    assert long == []
    item = form.field("evidence").items[1]
    assert item.visible_if is not None and item.visible_if.names == frozenset({"days"})


def test_unknown_name_in_an_item_condition_is_a_definition_problem(tmp_path):
    from tui_office.domain.definition_files import check_paths

    path = tmp_path / "bad.toml"
    path.write_text(FORM.replace('visible_if = "days > 3"', 'visible_if = "dayz > 3"'), encoding="utf-8")
    problems = check_paths([path])
    assert problems and "dayz" in problems[0].message
