"""Text that reaches a terminal: every control character is shown as a visible escape."""

from hypothesis import given
from hypothesis import strategies as st

from tui_office.domain.text import control_problem, is_control, printable


def test_printable_escapes_exactly_the_characters_that_are_control_characters():
    for code in range(0x110000):
        char = chr(code)
        shown = printable(f"a{char}b")
        if is_control(char):
            assert shown != f"a{char}b" and char not in shown, hex(code)
        else:
            assert shown == f"a{char}b", hex(code)


@given(st.text())
def test_what_printable_shows_holds_no_control_character(text):
    shown = printable(text)
    assert not any(is_control(c) for c in shown)
    assert control_problem(shown) is None
    if not any(is_control(c) for c in text):
        assert shown == text


def test_escapes_are_visible_and_multiline_keeps_newlines_and_tabs():
    assert printable("\x1b[2Jgone") == "\\x1b[2Jgone"
    assert printable("a\nb\tc") == "a\\nb\\tc"
    assert printable("a\nb\tc", multiline=True) == "a\nb\tc"
    assert printable("\u202eevil") == "\\u202eevil"
    assert printable(None) == "" and printable(12) == "12"
