"""`definitions check` locates each misuse of `grants_access` at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.domain.form_edits import line_of, problems

FORM = (Path(__file__).resolve().parents[2] / "data" / "forms" / "archive_access.toml").read_text(encoding="utf-8")
GRANT = 'grants_access = { document = "document", from = "wanted_from", until = "granted_until" }'


def test_the_shipped_archive_access_form_is_sound(tmp_path):
    assert problems(tmp_path, FORM, GRANT, GRANT) == []


@pytest.mark.parametrize(("new", "message"), [
    ('grants_access = { document = "purpose", until = "granted_until" }',
     "grants_access: document = 'purpose' must be a document field, not text"),
    ('grants_access = { document = "document", until = "wanted" }',
     "grants_access: until = 'wanted' is not a field of the form or of a step"),
    ('grants_access = { document = "document", until = "purpose" }',
     "grants_access: until = 'purpose' must be a date field, not text"),
    ('grants_access = { document = "document" }', 'grants_access needs until = "<date field>"'),
    ('grants_access = { until = "granted_until", document = "document", days = 3 }',
     "unknown key 'days' in grants_access (one of document, from, until)"),
    ('grants_access = "document"',
     'grants_access must be a table: { document = "<document field>", until = "<date field>" }'),
])
def test_each_misuse_is_reported_at_its_line(tmp_path, new, message):
    assert problems(tmp_path, FORM, GRANT, new) == [f"F:{line_of(FORM, 'grants_access = ')}: {message}"]
