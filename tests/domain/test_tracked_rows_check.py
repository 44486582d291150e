"""`definitions check` locates the misuse of `track` on a line-item table."""

from __future__ import annotations

import pytest

from tests.domain.form_edits import form_text, line_of, problems

FORM = form_text("tracked", "action_items")
TRACK = 'track = { on = "review", owner = "who", due = "by", text = "what", overdue_flag = "action_overdue", also = ["hr"] }'


@pytest.mark.parametrize(("old", "new", "message"), [
    ('owner = "who"', 'owner = "whom"', "field 'actions': track owner names unknown column 'whom'"),
    ('due = "by"', 'due = "when"', "field 'actions': track due names unknown column 'when'"),
    ('text = "what"', 'text = "subject"', "field 'actions': track text names unknown column 'subject'"),
    ('owner = "who"', 'owner = "what"', "field 'actions': track owner column 'what' is a text column, not a user column"),
    ('due = "by"', 'due = "what"', "field 'actions': track due column 'what' is a text column, not a date column"),
    ('on = "review"', 'on = "issued"', "field 'actions': track on must be \"approved\" or a step id, not 'issued'"),
    ('owner = "who", ', '', "field 'actions': track needs owner (a column of the table)"),
    ('also = ["hr"]', 'also = ["hr"], when = 3', "unknown key 'when' in field 'actions' track"),
])
def test_each_misuse_of_track_is_located(tmp_path, old, new, message):
    assert problems(tmp_path, FORM, old, new) == [f"F:{line_of(FORM, 'track = ')}: {message}"]


def test_track_on_a_field_that_is_not_a_table(tmp_path):
    moved = FORM.replace(f"{TRACK}\n", "").replace('max = 200', f'max = 200\n{TRACK}')
    assert problems(tmp_path, moved, "max = 200", "max = 200") == [
        f"F:{line_of(moved, 'track = ')}: field 'meeting': track only applies to table fields"]
