"""`check_paths`: every kind of definition problem is reported once, located at the right line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_office.domain.definition_files import check_paths, default_folder, parse_definition
from tui_office.domain.definitions import Problem
from tui_office.domain.errors import DefinitionError

DEMO_ROLES = {"gm", "vp", "hr", "archive", "sales", "sales_manager", "sales_admin", "finance", "cashier",
              "purchasing", "warehouse", "technical", "legal", "seal_keeper", "cost", "admin"}

GOOD = textwrap.dedent('''\
    id = "small"
    version = 1
    title = { en = "Small", zh = "小" }
    prefix = "SM"
    starters = ["*"]
    [params]
    threshold = 1000
    [[fields]]
    id = "amount"
    type = "money"
    required = true
    [[fields]]
    id = "boss"
    type = "user"
    [[fields]]
    id = "note"
    type = "text"
    [[steps]]
    id = "first"
    assignee = { dept_manager = true }
    next = [
      { if = "amount > threshold", to = "second" },
      { to = "end" },
    ]
    [[steps]]
    id = "second"
    assignee = { role = "gm" }
''')


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def check(tmp_path: Path, text: str, name: str = "form.toml", **kw) -> list[Problem]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_paths([path], **kw)


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_good_definition_has_no_problems(tmp_path):
    assert check(tmp_path, GOOD) == []


def test_shipped_definitions_pass_even_with_demo_roles():
    assert check_paths([default_folder()]) == []
    assert check_paths([default_folder()], known_roles=DEMO_ROLES) == []
    assert len(list(default_folder().glob("*.toml"))) >= 3


def test_toml_syntax_error_with_its_line(tmp_path):
    text = GOOD.replace('type = "user"', 'type = "user')
    problem = only(check(tmp_path, text))
    assert problem.line == line_of(GOOD, 'type = "user"')
    assert problem.message.startswith("TOML syntax error")
    assert str(problem).startswith(f"{tmp_path / 'form.toml'}:{problem.line}: TOML syntax error")


@pytest.mark.parametrize(("old", "new", "needle", "words"), [
    ('id = "note"', 'id = "note"\ncolour = "red"', "colour", "unknown key 'colour'"),
    ('type = "text"', 'type = "texte"', 'type = "texte"', "unknown type 'texte'"),
    ('assignee = { role = "gm" }', 'assignee = { boss = "gm" }', "boss =", "unknown assignee rule 'boss'"),
    ('assignee = { role = "gm" }', 'assignee = { role = "gm" }\nmode = "at_least"', "at_least", "min_approvals"),
    ('assignee = { role = "gm" }', 'assignee = { role = "gm" }\nmode = "most"', "most", "unknown mode"),
    ('assignee = { role = "gm" }', 'assignee = { field = "note" }', 'field = "note"', "not a user field"),
    ('assignee = { role = "gm" }', 'assignee = { field = "nobody" }', 'field = "nobody"', "not a field of the form"),
    ('assignee = { role = "gm" }', 'assignee = { role = "gm" }\nactions = ["approve", "shrug"]', "shrug", "unknown action 'shrug'"),
    ('{ if = "amount > threshold", to = "second" }', '{ if = "amount > threshold", to = "third" }', "third", "unknown step 'third'"),
    ('amount > threshold', 'amount > threshhold', "threshhold", "unknown field or parameter 'threshhold'"),
    ('amount > threshold', 'amont > threshold', "amont", "unknown field or parameter 'amont'"),
    ('amount > threshold', 'amount >', "amount >", "invalid expression"),
    ('amount > threshold', 'evil(amount)', "evil", "invalid expression"),
    ('id = "note"\ntype = "text"', 'id = "note"\ntype = "text"\nvisible_if = "colour == 1"', "visible_if", "unknown field or parameter 'colour'"),
    ('id = "note"\ntype = "text"', 'id = "note"\ntype = "money"\nformula = "amount * rate"', "formula", "unknown field or parameter 'rate'"),
    ('id = "note"\ntype = "text"', 'id = "amount"\ntype = "text"', 'id = "amount"\ntype = "text"', "duplicate field id 'amount'"),
    ('id = "second"', 'id = "first"', 'id = "first"\nassignee = { role', "duplicate step id 'first'"),
    ('prefix = "SM"', 'prefix = "sm"', "prefix", "prefix must be"),
])
def test_each_problem_is_located(tmp_path, old, new, needle, words):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    problems = check(tmp_path, text)
    assert any(words in p.message for p in problems), [str(p) for p in problems]
    problem = next(p for p in problems if words in p.message)
    if "\n" in needle:  # the second of two matching entries
        first_line = needle.split("\n")[0]
        lines = [n for n, line in enumerate(text.splitlines(), start=1) if line == first_line]
        assert problem.line in lines[1:] or problem.line == lines[-1] - 1, str(problem)
    else:
        assert problem.line == line_of(text.split("[[steps]]")[0] if needle == "formula" else text, needle) or \
            problem.line == line_of(text, needle), str(problem)


def test_unknown_field_in_condition_points_at_the_condition(tmp_path):
    text = GOOD.replace("amount > threshold", "budget > threshold")
    problem = only(check(tmp_path, text))
    assert problem.line == line_of(text, "budget > threshold")
    assert "unknown field or parameter 'budget'" in problem.message


def test_unreachable_step(tmp_path):
    text = GOOD.replace('{ if = "amount > threshold", to = "second" },\n', "")
    problem = only(check(tmp_path, text))
    assert problem.line == line_of(text, 'id = "second"') - 1  # its [[steps]] header
    assert problem.message == "step 'second' is unreachable from the first step 'first'"


def test_step_without_path_to_end(tmp_path):
    text = GOOD + textwrap.dedent('''\
        next = "third"
        [[steps]]
        id = "third"
        assignee = { role = "gm" }
        next = "second"
    ''')
    problems = check(tmp_path, text)
    assert {p.message for p in problems} == {"step 'second' has no path to end", "step 'third' has no path to end"}
    assert {p.line for p in problems} == {line_of(text, 'id = "second"') - 1, line_of(text, 'id = "third"') - 1}


def test_default_route_must_be_last(tmp_path):
    text = GOOD.replace('{ if = "amount > threshold", to = "second" },\n  { to = "end" },',
                        '{ to = "end" },\n  { if = "amount > threshold", to = "second" },')
    assert any("must come last" in p.message for p in check(tmp_path, text))


def test_required_if_and_column_names(tmp_path):
    text = GOOD + textwrap.dedent('''\
        [[fields]]
        id = "lines"
        type = "table"
          [[fields.columns]]
          id = "qty"
          type = "integer"
        [[fields]]
        id = "total"
        type = "integer"
        formula = "sum(lines.qtty)"
        [[fields]]
        id = "docs"
        type = "checklist"
          [[fields.items]]
          id = "invoice"
          required_if = "amout > 1"
    ''')
    problems = check(tmp_path, text)
    messages = sorted(p.message for p in problems)
    assert any("'lines' has no column 'qtty'" in m for m in messages)
    assert any("unknown field or parameter 'amout'" in m for m in messages)
    assert {p.line for p in problems} == {line_of(text, "lines.qtty"), line_of(text, "amout")}


def test_duplicate_form_ids_across_files(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD, encoding="utf-8")
    problem = only(check_paths([tmp_path]))
    assert problem.file == str(tmp_path / "b.toml") and problem.line == 1
    assert "duplicate form id 'small'" in problem.message and "a.toml" in problem.message


def test_unknown_roles_only_when_roles_are_known(tmp_path):
    text = GOOD.replace('starters = ["*"]', 'starters = ["sales", "wizard"]').replace('role = "gm"', 'role = ["gm", "ceo"]')
    assert check(tmp_path, text) == []
    problems = check(tmp_path, text, known_roles=DEMO_ROLES)
    assert sorted((p.line, p.message) for p in problems) == [
        (line_of(text, "starters"), "starters: unknown role 'wizard'"),
        (line_of(text, 'ceo'), "step 'second': unknown role 'ceo'"),
    ]


def test_unknown_rule_name(tmp_path):
    text = GOOD.replace('starters = ["*"]', 'starters = ["*"]\nrules = ["nonsense.rule"]')
    problem = only(check(tmp_path, text))
    assert problem.line == line_of(text, "rules =") and "unknown rule 'nonsense.rule'" in problem.message


def test_missing_path_and_several_problems_sorted(tmp_path):
    text = GOOD.replace("amount > threshold", "x > y").replace('type = "text"', 'type = "texte"')
    problems = check(tmp_path, text)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert len(problems) == 3
    missing = check_paths([tmp_path / "nope.toml"])
    assert [(p.line, p.message) for p in missing] == [(0, "no such file or folder")]


def test_not_a_form_at_all(tmp_path):
    problems = check(tmp_path, 'hello = "world"\n')
    messages = " | ".join(p.message for p in problems)
    assert "unknown key 'hello'" in messages and "no title" in messages and "no fields" in messages and "no steps" in messages


def test_bounds_must_match_the_field_type(tmp_path):
    text = GOOD.replace('id = "amount"\ntype = "money"', 'id = "amount"\ntype = "money"\nmin = "zero"')
    problem = only(check(tmp_path, text))
    assert problem.line == line_of(text, 'min = "zero"') and "min must be" in problem.message


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.sampled_from([
    "", "drop", "dup", 'id = "first"', "[[steps]]", "[[fields]]", 'type = "table"', 'type = "checklist"',
    "next = 3", 'next = ["x"]', "assignee = 1", 'assignee = { role = [] }', "min = 1970-01-01", 'default = "x"',
    'mode = "at_least"', "min_approvals = -1", 'formula = "amount +"', 'visible_if = "1"', "[params]", "x = nan",
    "columns = [1]", 'items = [{ id = "a", required_if = 2 }]', 'choices = [{ value = 1 }]', "hooks = 1",
    'title = { en = 1 }', "fields = 1", "steps = []", 'pattern = "("', "places = 99", "[[fields.columns]]",
])), max_size=6))
def test_any_edit_gives_problems_never_a_crash(tmp_path_factory, edits):
    lines = GOOD.splitlines()
    for position, edit in edits:
        position %= len(lines) + 1
        if edit == "drop" and lines:
            del lines[min(position, len(lines) - 1)]
        elif edit == "dup" and lines:
            lines.insert(position, lines[min(position, len(lines) - 1)])
        else:
            lines.insert(position, edit)
    text = "\n".join(lines) + "\n"
    try:
        form = parse_definition(text, "fuzz.toml")
    except DefinitionError as exc:
        assert exc.file == "fuzz.toml" and exc.line >= 0 and exc.located()
    else:
        form.route(form.first_step, {})
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "f.toml").write_text(text, encoding="utf-8")
    for problem in check_paths([folder], known_roles={"gm"}):
        assert problem.line >= 0 and problem.message


def test_a_step_may_declare_its_own_fields_which_the_form_then_has(tmp_path):
    text = GOOD.replace('assignee = { role = "gm" }\n', 'assignee = { role = "gm" }\n'
                        'fields = ["note", { id = "verified_amount", type = "money", required = true }]\n')
    assert check(tmp_path, text) == []
    form = parse_definition(text, "form.toml")
    assert form.step("second").fields == ("note", "verified_amount")
    assert form.field("verified_amount").type == "money" and "verified_amount" in form.step_fields()


def test_a_step_field_repeating_a_form_field_or_of_unknown_type_is_located(tmp_path):
    text = GOOD + textwrap.dedent('''\
        [[steps.fields]]
        id = "amount"
        type = "money"
        [[steps.fields]]
        id = "scan"
        type = "blob"
    ''')
    problems = check(tmp_path, text)
    lines = {p.line: p.message for p in problems}
    assert len(problems) == 2, [str(p) for p in problems]
    repeated = line_of(text, "[[steps.fields]]")  # the entry that repeats the form's `amount`
    assert "step 'second'" in lines[repeated] and "'amount'" in lines[repeated]
    assert "unknown type 'blob'" in lines[line_of(text, 'type = "blob"')]
    assert all(str(p).startswith(f"{tmp_path / 'form.toml'}:") for p in problems)


@pytest.mark.parametrize("total_of, words", [
    ('"items.nope"', "'nope', which is not a number column of table 'items'"),
    ('"note.x"', "'note', which is not a table field"),
    ('"items"', 'must name a table column as "table.column"'),
])
def test_total_of_must_name_a_number_column_of_a_table(tmp_path, total_of, words):
    text = GOOD.replace('type = "money"\nrequired = true\n', f'type = "money"\nrequired = true\ntotal_of = {total_of}\n')
    text += textwrap.dedent('''\
        [[fields]]
        id = "items"
        type = "table"
          [[fields.columns]]
          id = "price"
          type = "money"
    ''')
    assert total_of in text
    found = only(check(tmp_path, text, known_roles=DEMO_ROLES))
    assert found.line == line_of(text, 'id = "amount"') - 1 and words in found.message  # its [[fields]]
