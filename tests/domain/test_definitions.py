"""Form definitions as a form filler and the engine use them: parse, coerce, compute, validate,
route, store and display — for the shipped forms and for small definitions written here."""

from __future__ import annotations

import json
import textwrap
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_office.domain.calendar import load_calendar
from tui_office.domain.definition_files import load_all, load_definition, parse_definition
from tui_office.domain.definitions import AssigneeRule, EvalContext, FormDef
from tui_office.domain.errors import DefinitionError, ValidationFailed
from tui_office.i18n import set_language

CTX = EvalContext(today=date(2026, 10, 9), calendar=load_calendar("plain"), params={})


@pytest.fixture(autouse=True)
def english():
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="module")
def forms() -> dict[str, FormDef]:
    return load_all()


def codes(exc: ValidationFailed) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in exc.problems]


ALL_TYPES = textwrap.dedent('''
    id = "everything"
    version = 3
    title = { en = "Everything", zh = "全部" }
    prefix = "EV"
    [params]
    limit = 10.5
    [[fields]]
    id = "name"
    type = "text"
    label = { en = "Name", zh = "名称" }
    required = true
    pattern = "[A-Za-z ]+"
    max = 20
    [[fields]]
    id = "notes"
    type = "multiline"
    [[fields]]
    id = "count"
    type = "integer"
    min = 1
    max = 100
    [[fields]]
    id = "ratio"
    type = "decimal"
    places = 3
    [[fields]]
    id = "price"
    type = "money"
    min = 0
    [[fields]]
    id = "start"
    type = "date"
    min = 2026-01-01
    [[fields]]
    id = "end"
    type = "date"
    [[fields]]
    id = "meeting"
    type = "datetime"
    [[fields]]
    id = "kind"
    type = "choice"
    default = "a"
    choices = [{ value = "a", label = { en = "Apple", zh = "苹果" } }, { value = "b", label = { en = "Banana", zh = "香蕉" } }]
    [[fields]]
    id = "tags"
    type = "multichoice"
    choices = ["red", "green", "blue"]
    [[fields]]
    id = "urgent"
    type = "boolean"
    default = false
    [[fields]]
    id = "who"
    type = "user"
    [[fields]]
    id = "dept"
    type = "department"
    [[fields]]
    id = "secret"
    type = "text"
    required = true
    visible_if = "urgent"
    [[fields]]
    id = "lines"
    type = "table"
      [[fields.columns]]
      id = "qty"
      type = "integer"
      required = true
      [[fields.columns]]
      id = "unit"
      type = "money"
      [[fields.columns]]
      id = "subtotal"
      type = "money"
      formula = "qty * unit"
    [[fields]]
    id = "total"
    type = "money"
    formula = "sum(lines.qty * lines.unit)"
    [[fields]]
    id = "span"
    type = "decimal"
    formula = "working_days(start, end)"
    [[fields]]
    id = "over"
    type = "boolean"
    formula = "total > limit"
    [[fields]]
    id = "proof"
    type = "checklist"
      [[fields.items]]
      id = "receipt"
      label = { en = "Receipt", zh = "收据" }
      required = true
      [[fields.items]]
      id = "photo"
      required_if = "kind == 'b'"
    [[steps]]
    id = "boss"
    assignee = { field = "who" }
    next = [{ if = "total > limit", to = "big" }, { to = "end" }]
    [[steps]]
    id = "big"
    assignee = { role = ["gm", "vp"] }
    mode = "at_least"
    min_approvals = 1
''')


@pytest.fixture()
def every() -> FormDef:
    return parse_definition(ALL_TYPES, "everything.toml")


# ------------------------------------------------------------------------------- parsing
def test_shipped_forms_load(forms):
    assert {"general_request", "purchase_request", "expense_claim"} <= set(forms)
    gr = forms["general_request"]
    assert gr.prefix == "GR" and gr.first_step == "manager"
    assert [f.id for f in gr.fields] == ["subject", "details"]
    assert gr.step("manager").assignee == AssigneeRule("dept_manager")
    pr = forms["purchase_request"]
    assert pr.prefix == "PR"
    assert [s.id for s in pr.steps] == ["director", "vp", "leadership", "gm", "purchasing", "receipt", "check", "payment"]
    assert pr.step("leadership").mode == "all"
    assert pr.step("leadership").assignee.values == ("gm", "vp")
    assert pr.step("vp").assignee == AssigneeRule("role", "vp", ("vp",))
    assert pr.step("purchasing").kind == "record"
    assert pr.params["leadership_threshold"] == 100000
    assert {"item", "quantity", "amount", "reason"} <= {f.id for f in pr.fields}


def test_parse_reads_every_key(every):
    assert every.version == 3 and every.title == "Everything"
    set_language("zh-CN")
    assert every.title == "全部" and every.field("name").label == "名称"
    set_language("en")
    assert every.params["limit"] == Decimal("10.5")
    assert every.field("kind").default == "a"
    assert every.field("lines").column("subtotal").computed
    assert every.step("big").min_approvals == 1
    assert every.step("boss").assignee == AssigneeRule("field", "who", ("who",))
    assert every.step("boss").line == ALL_TYPES.splitlines().index("[[steps]]") + 1
    assert every.field("lines").line == ALL_TYPES.splitlines().index('id = "lines"')


def test_digest_and_source_identify_the_version(tmp_path):
    path = tmp_path / "gr.toml"
    text = (Path(load_all()["general_request"].file)).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    first = load_definition(path)
    path.write_text(text.replace("version = 1", "version = 2").replace('next = "end"', 'next = "end"\n\n[[steps]]\nid = "hr"\nassignee = { role = "hr" }\n').replace('next = "end"\n\n[[steps]]', 'next = "hr"\n\n[[steps]]'), encoding="utf-8")
    second = load_definition(path)
    assert second.version == 2 and [s.id for s in second.steps] == ["manager", "hr"]
    assert first.digest != second.digest
    # a document in flight keeps the text it started with and so keeps its process
    again = parse_definition(first.source, path)
    assert again.digest == first.digest and [s.id for s in again.steps] == ["manager"]
    assert again.route("manager", {}) is None


def test_overrides_replace_params(tmp_path):
    forms = load_all(overrides={"purchase_request": {"leadership_threshold": 50000}})
    assert forms["purchase_request"].params == {"leadership_threshold": 50000}
    with pytest.raises(DefinitionError, match="sets unknown, which is not a parameter"):
        load_all(overrides={"purchase_request": {"leadership_threshold": 50000, "unknown": 1}})
    with pytest.raises(DefinitionError, match="leadership_threshold must be a number"):
        load_all(overrides={"purchase_request": {"leadership_threshold": "lots"}})
    pr = parse_definition(forms["purchase_request"].source, "pr.toml", {"leadership_threshold": 1.5})
    assert pr.params["leadership_threshold"] == Decimal("1.5")


def test_parse_error_carries_file_and_line():
    with pytest.raises(DefinitionError) as info:
        parse_definition(ALL_TYPES.replace('to = "big"', 'to = "huge"'), "x.toml")
    assert info.value.file == "x.toml"
    assert info.value.line == ALL_TYPES.splitlines().index('next = [{ if = "total > limit", to = "big" }, { to = "end" }]') + 1
    assert "huge" in info.value.located()


def test_load_all_refuses_duplicate_ids(tmp_path):
    text = Path(load_all()["general_request"].file).read_text(encoding="utf-8")
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError, match="duplicate form id"):
        load_all(tmp_path)


# ------------------------------------------------------------------------------ coercion
def test_coerce_every_type(every):
    values = every.coerce({
        "name": " Ann ", "notes": "line 1\nline 2", "count": "12", "ratio": "0.125", "price": "1,234.5",
        "start": "2026-10-09", "end": "2026/10/16", "meeting": "2026-10-09 14:30", "kind": "Banana",
        "tags": "red, blue,red", "urgent": "yes", "who": "hejun", "dept": "finance",
        "lines": '[{"qty": 2, "unit": "10.25"}, {"qty": "1", "unit": 3}]', "proof": "receipt, photo",
    })
    assert values["name"] == "Ann" and values["notes"] == "line 1\nline 2"
    assert values["count"] == 12 and values["ratio"] == Decimal("0.125")
    assert values["price"] == Decimal("1234.50") and str(values["price"]) == "1234.50"
    assert values["start"] == date(2026, 10, 9) and values["end"] == date(2026, 10, 16)
    assert values["meeting"] == datetime(2026, 10, 9, 14, 30)
    assert values["kind"] == "b" and values["tags"] == ["red", "blue"] and values["urgent"] is True
    assert values["lines"] == [{"qty": 2, "unit": Decimal("10.25")}, {"qty": 1, "unit": Decimal("3.00")}]
    assert values["proof"] == ["receipt", "photo"]
    assert "total" not in values  # computed fields are not coerced


def test_coerce_accepts_typed_values_and_lists(every):
    values = every.coerce({"price": Decimal("2.5"), "start": date(2026, 1, 2), "tags": ["green"],
                           "proof": ["photo"], "urgent": False, "lines": [{"qty": 1}], "count": 3})
    assert values["price"] == Decimal("2.50") and values["tags"] == ["green"] and values["proof"] == ["photo"]
    assert values["lines"] == [{"qty": 1, "unit": None}]


def test_coerce_fills_defaults_unless_partial(every):
    assert every.coerce({}) == {"kind": "a", "urgent": False}
    assert every.coerce({"kind": "b", "name": ""}) == {"kind": "b", "urgent": False, "name": None}
    assert every.coerce({"name": "x"}, partial=True) == {"name": "x"}


@pytest.mark.parametrize(("field", "raw", "code"), [
    ("count", "twelve", "invalid_number"),
    ("count", "1.5", "invalid_number"),
    ("price", "12.345", "too_many_decimals"),
    ("price", "abc", "invalid_number"),
    ("price", "NaN", "invalid_number"),
    ("price", "1e400", "invalid_number"),
    ("ratio", "0.1234", "too_many_decimals"),
    ("start", "2026-13-01", "invalid_date"),
    ("start", "tomorrow", "invalid_date"),
    ("meeting", "9am", "invalid_datetime"),
    ("kind", "cherry", "not_a_choice"),
    ("tags", "red,pink", "not_a_choice"),
    ("urgent", "maybe", "invalid_boolean"),
    ("proof", "receipt,selfie", "not_a_choice"),
    ("lines", "not json", "invalid_table"),
    ("lines", '{"a": [1]}', "lines[1].a"),
    ("nope", "1", "unknown_field"),
])
def test_coerce_reports_bad_input(every, field, raw, code):
    with pytest.raises(ValidationFailed) as info:
        every.coerce({field: raw})
    found = codes(info.value)
    assert len(found) == 1
    assert code in found[0]


def test_coerce_reports_every_problem_with_row_positions(every):
    with pytest.raises(ValidationFailed) as info:
        every.coerce({"count": "x", "lines": '[{"qty": 1}, {"qty": "two", "colour": "red"}]'})
    assert sorted(codes(info.value)) == [
        ("count", "invalid_number"), ("lines[2].colour", "unknown_field"), ("lines[2].qty", "invalid_number"),
    ]
    assert info.value.problems[0].line().startswith("count: invalid_number: ")


def test_error_messages_are_bilingual(every):
    with pytest.raises(ValidationFailed) as info:
        every.coerce({"start": "someday"})
    assert "YYYY-MM-DD" in info.value.problems[0].message
    set_language("zh-CN")
    assert "日期" in info.value.problems[0].message


# --------------------------------------------------------------------- compute / validate
def test_compute_formulas_in_order(every):
    values = every.coerce({"start": "2026-10-09", "end": "2026-10-16",
                           "lines": '[{"qty": 2, "unit": "10.25"}, {"qty": 3, "unit": "1.10"}]'})
    out = every.compute(values, CTX)
    assert out["total"] == Decimal("23.80") and str(out["total"]) == "23.80"
    assert [r["subtotal"] for r in out["lines"]] == [Decimal("20.50"), Decimal("3.30")]
    assert out["span"] == Decimal("6")  # Fri..Fri, plain calendar
    assert out["over"] is True
    assert values.get("total") is None  # compute returns a new dict


def test_compute_without_inputs_gives_none(every):
    out = every.compute(every.coerce({}))
    assert out["span"] is None  # no calendar, no dates
    assert out["total"] == Decimal("0.00")


def test_validate_required_min_max_pattern(every):
    values = every.coerce({"count": "0", "price": "-1", "start": "2025-12-31", "name": "R2D2"})
    problems = {(p.field, p.code) for p in every.validate(values, CTX)}
    assert problems == {("count", "too_small"), ("price", "too_small"), ("start", "too_small"),
                        ("name", "pattern"), ("proof", "checklist_missing")}
    values = every.coerce({"name": "A" * 21, "count": "101", "proof": "receipt"})
    assert {(p.field, p.code) for p in every.validate(values, CTX)} == {("name", "too_long"), ("count", "too_large")}


def test_validate_skips_invisible_fields(every):
    base = {"name": "Ann", "proof": "receipt"}
    assert every.validate(every.coerce(base), CTX) == []
    urgent = every.coerce({**base, "urgent": "true"})
    assert [(p.field, p.code) for p in every.validate(urgent, CTX)] == [("secret", "required")]


def test_validate_checklist_items_required_under_condition(every):
    banana = every.coerce({"name": "Ann", "kind": "b", "proof": "receipt"})
    problems = every.validate(banana, CTX)
    assert [(p.field, p.code) for p in problems] == [("proof", "checklist_missing")]
    assert "photo" in problems[0].message
    assert every.validate(every.coerce({"name": "Ann", "kind": "b", "proof": "receipt,photo"}), CTX) == []


def test_validate_table_rows(every):
    values = every.coerce({"name": "Ann", "proof": "receipt", "lines": '[{"unit": "1"}]'})
    assert [(p.field, p.code) for p in every.validate(values, CTX)] == [("lines[1].qty", "required")]


def test_step_fields_are_checked_at_their_step(forms):
    pr = forms["purchase_request"]
    values = pr.coerce({"item": "Laptop", "quantity": "2", "amount": "9000", "reason": "old one broke"})
    assert pr.validate(values, CTX) == []
    at_purchasing = {p.field for p in pr.validate(values, CTX, step="purchasing")}
    assert at_purchasing == {"supplier", "contract_amount"}


def test_expense_claim_receipts(forms):
    ec = forms["expense_claim"]
    values = ec.coerce({"purpose": "Client dinner", "expense_type": "meals", "spent_on": "2026-10-08",
                        "amount": "6000", "receipts": "invoice"})
    missing = sorted(p.message for p in ec.validate(values, CTX))
    assert len(missing) == 2 and any("Guest list" in m for m in missing) and any("Prior approval" in m for m in missing)
    values["receipts"] = ["invoice", "guest_list", "prior_approval"]
    assert ec.validate(values, CTX) == []


# --------------------------------------------------------------------------------- routing
def test_purchase_request_routes_by_amount(forms):
    pr = forms["purchase_request"]
    small = pr.coerce({"item": "Pens", "quantity": "10", "amount": "100", "reason": "r"})
    big = pr.coerce({"item": "Lathe", "quantity": "1", "amount": "150000.00", "reason": "r"})
    assert pr.route("director", small, CTX) == "vp"
    assert pr.route("vp", small, CTX) == "gm"
    assert pr.route("vp", big, CTX) == "leadership"
    assert pr.route("leadership", big, CTX) == "gm"
    assert pr.route("gm", big, CTX) == "purchasing"
    assert pr.route("purchasing", big, CTX) == "receipt"
    assert pr.route("payment", big, CTX) is None
    assert pr.path(big, CTX) == ["director", "vp", "leadership", "gm", "purchasing", "receipt", "check", "payment"]
    exactly = pr.coerce({"item": "x", "quantity": "1", "amount": "100000", "reason": "r"})
    assert pr.route("vp", exactly, CTX) == "gm"


def test_route_params_from_overrides_and_context(forms):
    pr = parse_definition(forms["purchase_request"].source, "pr.toml", {"leadership_threshold": 50})
    small = pr.coerce({"item": "Pens", "quantity": "10", "amount": "100", "reason": "r"})
    assert pr.route("vp", small, CTX) == "leadership"
    ctx = EvalContext(today=date(2026, 10, 9), params={"leadership_threshold": 1000})
    assert pr.route("vp", small, ctx) == "gm"


def test_route_with_missing_values_takes_default(forms):
    pr = forms["purchase_request"]
    assert pr.route("vp", {}, CTX) == "gm"
    assert forms["general_request"].route("manager", {}, CTX) is None


def test_route_unknown_step_is_not_found(forms):
    from tui_office.domain.errors import NotFound

    with pytest.raises(NotFound):
        forms["general_request"].route("nope", {})


# ------------------------------------------------------------------------ storage / display
def test_storage_round_trip_is_exact(every):
    values = every.compute(every.coerce({
        "name": "Ann", "price": "0.10", "ratio": "1.500", "start": "2026-10-09", "end": "2026-10-10",
        "meeting": "2026-10-09T08:05", "tags": "blue", "urgent": "no", "proof": "receipt",
        "lines": '[{"qty": 1, "unit": "0.30"}]', "count": "7",
    }), CTX)
    stored = every.to_storage(values)
    text = json.dumps(stored)  # JSON-safe
    back = every.from_storage(json.loads(text))
    assert back == values
    assert stored["price"] == "0.10" and stored["start"] == "2026-10-09" and stored["total"] == "0.30"
    assert all(type(back[k]) is type(values[k]) for k in values)


def test_display_in_the_current_language(every):
    values = every.compute(every.coerce({"name": "Ann", "price": "1234567.5", "kind": "b", "urgent": "true",
                                         "tags": "red,blue", "proof": "receipt", "start": "2026-10-09"}), CTX)
    shown = dict(every.display(values))
    assert shown["price"] == "1,234,567.50"
    assert shown["kind"] == "Banana" and shown["urgent"] == "Yes" and shown["tags"] == "red, blue"
    assert shown["proof"] == "Receipt" and shown["start"] == "2026-10-09"
    set_language("zh-CN")
    shown = dict(every.display(values))
    assert shown["kind"] == "香蕉" and shown["urgent"] == "是" and shown["proof"] == "收据"


def test_document_title(forms):
    pr = forms["purchase_request"]
    assert pr.document_title(pr.coerce({"item": "Laptop", "quantity": "2"})) == "Laptop × 2"
    gr = forms["general_request"]
    assert gr.document_title({"subject": "New chair"}) == "New chair"
    assert gr.document_title({}) == "General request"


# ------------------------------------------------------------------------------ properties
@settings(max_examples=300, deadline=None)
@given(st.dictionaries(
    st.sampled_from(["name", "notes", "count", "ratio", "price", "start", "end", "meeting", "kind", "tags",
                     "urgent", "who", "dept", "secret", "lines", "total", "proof", "unknown"]),
    st.text(max_size=60) | st.from_regex(r"-?[0-9,]{0,12}(\.[0-9]{0,4})?(e[0-9]{1,4})?", fullmatch=True)
    | st.sampled_from(["[{\"qty\": 1e999}]", "[[1]]", "[{\"qty\": {}}]", "[1]", "nan", "Infinity", "1e30", "[", "null"]),
))
def test_coerce_never_raises_anything_but_validation_failed(raw):
    form = parse_definition(ALL_TYPES, "everything.toml")
    try:
        values = form.coerce(raw)
    except ValidationFailed as exc:
        assert exc.problems and all(p.code for p in exc.problems)
        return
    form.validate(values, CTX)
    form.display(form.compute(values, CTX))
    assert form.from_storage(json.loads(json.dumps(form.to_storage(values)))) == values


def test_half_typed_draft_values_survive_storage_and_display(every):
    stored = {"price": "12,5x", "start": "next week", "lines": "oops", "count": "many"}
    back = every.from_storage(stored)
    assert back == stored
    assert dict(every.display(back))["price"] == "12,5x"
    every.validate(back, CTX)  # no exception: problems are reported, not raised
