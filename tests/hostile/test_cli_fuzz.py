"""Fuzz of command-line values: whatever a user types, the answer is output or one clear error.

Every command is run in this process (`tui_office.cli.main.main`) with values drawn from hostile
families: text with control characters, huge and malformed numbers, wrong types, deeply nested
JSON, impossible dates. A refusal exits 1 or 2 with exactly one line on stderr (or one
`field: code: message` line per problem); nothing prints a traceback or a raw control character.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.domain.test_definitions import ALL_TYPES
from tests.hostile.conftest import RAW
from tui_office.cli.main import main
from tui_office.domain.definition_files import parse_definition
from tui_office.domain.errors import ValidationError, ValidationFailed
from tui_office.domain.text import is_control

CONTROL = st.sampled_from(["\x1b[2J", "\x1b]0;pwned\x07", "\n", "\r", "\t", "\x00", "\x9b", "\u202e", "\x7f"])
HOSTILE_TEXT = st.builds(lambda a, c, b: a + c + b, st.text(max_size=8), CONTROL, st.text(max_size=8))
NUMBERS = st.sampled_from([
    "12,5", "1,23", "1,234.50", "１２３", "-0", "1e999999", "NaN", "Infinity", "-1", "0", str(10**20),
    str(10**400), "0x10", "1_000", "¥1,000", "12.345", ".5", "5.", "--1", "+", "",
])
DATES = st.sampled_from([
    "2026-02-30", "0000-01-01", "9999-12-31", "10000-01-01", "2026-13-01", "2026-1-1", "26-01-01", "2026年1月1日",
    "2026/11/25", "yesterday", "", "2026-11-25T09:00", "-2026-01-01",
])
DEEP_JSON = st.integers(min_value=1, max_value=50_000).map(lambda n: "[" * n + "]" * n)
WRONG = st.sampled_from(["true", "null", "[]", "{}", '{"a": 1}', "[1, 2", "\\", "'", '"', "%s", "{0}", "{x}", "$(id)"])
VALUE = st.one_of(HOSTILE_TEXT, NUMBERS, DATES, WRONG, DEEP_JSON.filter(lambda s: len(s) < 2000), st.text(max_size=30))

FIELDS = {
    "general_request": ["subject", "details", "nonexistent"],
    "purchase_request": ["item", "quantity", "amount", "reason"],
    "expense_claim": ["purpose", "amount", "date"],
    "leave": ["type", "start", "end", "start_half", "end_half", "handover", "evidence", "reason"],
}
PROBLEM_LINE = re.compile(r"^[^:\n]+: [a-z_]+: .+$")


def run(args: list[str], capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_clean(code: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err
    for raw in RAW:
        assert raw not in err
    if code == 0:
        return
    assert code in (1, 2), (code, err)
    lines = err.splitlines()
    assert lines, "a refusal says why"
    if len(lines) > 1:  # only a list of field problems may take several lines
        assert all(PROBLEM_LINE.match(line) for line in lines), err


def form_and_sets():
    return st.sampled_from(sorted(FIELDS)).flatmap(
        lambda form: st.tuples(st.just(form), st.lists(st.tuples(st.sampled_from(FIELDS[form]), VALUE), min_size=1, max_size=4))
    )


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@FUZZ
@given(case=form_and_sets(), draft=st.booleans())
def test_submit_any_values(db, capsys, case, draft):
    form, pairs = case
    args = ["--db", str(db), "--user", "emily", "submit", form, *[a for k, v in pairs for a in ("--set", f"{k}={v}")]]
    code, out, err = run(args + (["--draft"] if draft else []), capsys)
    assert_clean(code, out, err)


@FUZZ
@given(raw=st.one_of(DEEP_JSON, WRONG, HOSTILE_TEXT, st.just('[{"name": "\\u001b[2J", "qty": "1e9999", "price": "12,5"}]')))
def test_submit_any_line_items(db, capsys, tmp_path_factory, raw):
    items = tmp_path_factory.mktemp("items") / "items.json"
    items.write_text(raw, encoding="utf-8")
    code, out, err = run(["--db", str(db), "--user", "emily", "submit", "purchase_request", "--set", "item=x",
                          "--items", str(items)], capsys)
    assert_clean(code, out, err)


ACTIONS = st.sampled_from(["approve", "reject", "return", "withdraw", "retract", "delegate", "add-approver", "cc",
                           "comment", "urge", "report-back", "explode"])
NUMBERS_OF_DOCUMENTS = st.one_of(st.sampled_from(["GR-2026-0001", "PR-2026-0001", "LV-2026-0001", "", "GR-9999-9999"]),
                                 HOSTILE_TEXT, st.text(max_size=12))
USERS = st.one_of(st.sampled_from(["zhaolei", "emily", "wangfang", "nobody", "", "initiator", "a,b,,c"]), HOSTILE_TEXT)


@FUZZ
@given(action=ACTIONS, number=NUMBERS_OF_DOCUMENTS, to=st.one_of(st.none(), USERS), comment=st.one_of(VALUE, st.just("")),
       user=st.sampled_from(["zhaolei", "emily", "wangfang", "nobody"]))
def test_act_with_any_values(db, capsys, action, number, to, comment, user):
    args = ["--db", str(db), "--user", user, "act", action, number, "--comment", comment]
    if to is not None:
        args += ["--to", to]
    assert_clean(*run(args, capsys))


@FUZZ
@given(command=st.sampled_from(["show", "show-json", "inbox", "away", "calendar", "balance", "export", "history", "hr",
                                "users-add", "users-deactivate", "users-list", "forms", "check", "audit", "remind",
                                "users-edit", "departments-add", "departments-move", "roles-grant", "deputies-set",
                                "deputies-clear", "away-hand-over", "blackout-edit"]),
       value=VALUE, other=VALUE)
def test_every_other_command_with_any_values(db, capsys, tmp_path_factory, command, value, other):
    folder = tmp_path_factory.mktemp("out")
    safe_path = str(folder / Path(re.sub(r"[^A-Za-z0-9.]", "_", value) or "x").name)
    base = ["--db", str(db), "--user", "wangfang"]
    args = {
        "show": ["show", value],
        "show-json": ["show", value, "--json"],
        "inbox": ["inbox", "--limit", value, "--tab", "todo"],
        "away": ["away", "--to", value, "--from", other, "--until", other],
        "calendar": ["leave", "calendar", "--month", value, "--department", other],
        "balance": ["leave", "balance", "--year", value],
        "export": ["leave", "export", "--year", value, safe_path],
        "history": ["leave", "history"],
        "hr": ["leave", "hr", "--json"],
        "users-add": ["users", "add", value, other, "--title", other],
        "users-deactivate": ["users", "deactivate", value],
        "users-list": ["users", "list", "--all"],
        "forms": ["forms", "list"],
        "check": ["definitions", "check", safe_path],
        "audit": ["audit", "verify"],
        "remind": ["remind"],
        "users-edit": ["--user", "admin", "users", "edit", "emily", "--name", value, "--department", other],
        "departments-add": ["--user", "admin", "departments", "add", value, other, "--parent", value],
        "departments-move": ["--user", "admin", "departments", "move", value, other],
        "roles-grant": ["--user", "admin", "roles", "grant", value, other],
        "deputies-set": ["--user", "admin", "deputies", "set", value, "--to", other, "--from", other, "--until", value],
        "deputies-clear": ["--user", "admin", "deputies", "clear", value],
        "away-hand-over": ["--user", "admin", "away", "hand-over", "--for", value],
        "blackout-edit": ["leave", "blackout", "edit", "1", "--name", value, "--to", other],
    }[command]
    if command == "blackout-edit":  # a period to correct
        assert main(base + ["leave", "blackout", "add", "Fair", "--from", "2026-12-07", "--to", "2026-12-11",
                            "--mode", "gm"]) == 0
    code, out, err = run(base + args, capsys)
    if command == "check" and code == 1 and not err:  # the check's report is its output: file:line: problem
        assert out.splitlines() and all(re.match(r"^.+:\d+: .+$", line) for line in out.splitlines()), out
    else:
        assert_clean(code, out, err)
    for raw in RAW:
        assert raw not in out


ALL_TYPES_FORM = parse_definition(ALL_TYPES, "all_types.toml")
"""A form with a field of every type (text … table, checklist)."""


ANY_RAW = st.one_of(VALUE, st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True),
                    st.booleans(), st.none(), st.lists(VALUE, max_size=3), st.dictionaries(st.text(max_size=5), VALUE, max_size=3))


@FUZZ
@given(data=st.data())
def test_every_field_type_refuses_bad_values_with_a_field_problem(data):
    """Each field type turns any value into a typed value or a `field: code: message` problem."""
    form = ALL_TYPES_FORM
    editable = [f for f in form.fields if not f.computed]
    field = data.draw(st.sampled_from(editable))
    raw = data.draw(ANY_RAW)
    try:
        value = form.coerce({field.id: raw}, partial=True)
    except (ValidationFailed, ValidationError) as exc:
        problems = exc.problems if isinstance(exc, ValidationFailed) else [exc]
        for problem in problems:
            line = problem.line()
            assert PROBLEM_LINE.match(line) and not any(is_control(c) for c in line), line
        return
    stored = value.get(field.id)
    if isinstance(stored, str) and field.type != "multiline":
        assert not any(is_control(c) for c in stored), stored
