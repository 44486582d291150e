"""`inert()` escapes every control character in a view before a screen draws it, however deep, and
hands clean views back untouched."""

from __future__ import annotations

from tui_office.services.views import FieldValue
from tui_office.ui.inert import inert


def test_escapes_reach_text_nested_in_rows_and_multiline_keeps_its_lines():
    field = FieldValue(id="items", label="Items\x1b[2J", type="table", value=[{"name": "toner\x07"}],
                       text="2 rows", rows=[{"name": "toner\x07", "qty": 2}])
    shown = inert([field])[0]
    assert shown.label == "Items\\x1b[2J"
    assert shown.rows == [{"name": "toner\\x07", "qty": 2}] and shown.value == [{"name": "toner\\x07"}]
    assert field.label == "Items\x1b[2J" and field.rows[0]["name"] == "toner\x07", "the service's copy is left as it was"
    note = FieldValue(id="note", label="Note", type="multiline", value="a\nb\x1b", text="a\nb\x1b")
    assert inert(note).text == "a\nb\\x1b"


def test_a_clean_view_is_handed_back_as_it_is():
    rows = [FieldValue(id="n", label="数量", type="number", value=3, text="3", rows=[{"a": "b"}])]
    assert inert(rows) is rows and inert(rows)[0] is rows[0]
