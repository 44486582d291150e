"""`definitions check` locates the misuse of `start_from`, `[prefill]` and link field keys."""

from __future__ import annotations

from pathlib import Path

from tui_office.domain.definition_files import check_paths

FORM = (Path(__file__).resolve().parents[1] / "forms" / "linked" / "follow_on.toml").read_text(encoding="utf-8")


def problems(tmp_path: Path, old: str, new: str) -> list[str]:
    assert old in FORM
    path = tmp_path / "follow_on.toml"
    path.write_text(FORM.replace(old, new), encoding="utf-8")
    return [str(p).replace(str(path), "F") for p in check_paths([path])]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line and not line.startswith("#"))


def test_start_from_naming_an_unknown_form(tmp_path):
    found = problems(tmp_path, 'start_from = ["general_request"]', 'start_from = ["meeting"]')
    assert found == [f"F:{line_of(FORM, 'start_from =')}: start_from: unknown form 'meeting'"]


def test_a_prefill_expression_naming_a_field_the_source_has_not(tmp_path):
    found = problems(tmp_path, 'details = "details"', 'details = "agenda"')
    assert found == [f"F:{line_of(FORM, 'details = ')}: prefill details: form 'general_request' has no field 'agenda'"]


def test_prefilling_a_field_the_form_has_not_or_without_start_from(tmp_path):
    found = problems(tmp_path, 'details = "details"', 'agenda = "details"')
    assert found == [f"F:{line_of(FORM, 'details = ')}: prefill names unknown field 'agenda'"]
    found = problems(tmp_path, 'start_from = ["general_request"]\n', '')
    assert found == [f"F:{line_of(FORM, '[prefill]') - 1}: prefill needs start_from (the forms a document may be started from)"]


def test_multiple_and_forms_only_on_document_fields(tmp_path):
    found = problems(tmp_path, 'type = "multiline"', 'type = "multiline"\nmultiple = true')
    line = line_of(FORM, 'type = "multiline"') + 1
    assert found == [f"F:{line}: field 'details': multiple only applies to document fields"]
    found = problems(tmp_path, "multiple = true", 'multiple = "yes"')
    assert len(found) == 1 and "multiple must be bool" in found[0]
