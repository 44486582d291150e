"""`definitions check` locates the misuse of `start_from`, `[prefill]` and link field keys."""

from __future__ import annotations

from tests.domain.form_edits import form_text, line_of, problems

FORM = form_text("linked", "follow_on")


def test_start_from_naming_an_unknown_form(tmp_path):
    found = problems(tmp_path, FORM, 'start_from = ["general_request"]', 'start_from = ["site_visit"]')
    assert found == [f"F:{line_of(FORM, 'start_from =')}: start_from: unknown form 'site_visit'"]


def test_a_prefill_expression_naming_a_field_the_source_has_not(tmp_path):
    found = problems(tmp_path, FORM, 'details = "details"', 'details = "agenda"')
    assert found == [f"F:{line_of(FORM, 'details = ')}: prefill details: form 'general_request' has no field 'agenda'"]


def test_prefilling_a_field_the_form_has_not_or_without_start_from(tmp_path):
    found = problems(tmp_path, FORM, 'details = "details"', 'agenda = "details"')
    assert found == [f"F:{line_of(FORM, 'details = ')}: prefill names unknown field 'agenda'"]
    found = problems(tmp_path, FORM, 'start_from = ["general_request"]\n', '')
    assert found == [f"F:{line_of(FORM, '[prefill]') - 1}: prefill needs start_from (the forms a document may be started from)"]


def test_multiple_and_forms_only_on_document_fields(tmp_path):
    found = problems(tmp_path, FORM, 'type = "multiline"', 'type = "multiline"\nmultiple = true')
    line = line_of(FORM, 'type = "multiline"') + 1
    assert found == [f"F:{line}: field 'details': multiple only applies to document fields"]
    found = problems(tmp_path, FORM, "multiple = true", 'multiple = "yes"')
    assert len(found) == 1 and "multiple must be bool" in found[0]


def test_a_prefill_expression_naming_an_encrypted_field_of_the_source(tmp_path):
    text = FORM.replace('start_from = ["general_request"]', 'start_from = ["expense_claim"]')
    found = problems(tmp_path, text, 'details = "details"', 'details = "payee_account"')
    assert found[1:] == [f"F:{line_of(FORM, 'details = ')}: prefill details: 'payee_account' of form 'expense_claim'"
                         " is encrypted; it is never copied to another document"]
