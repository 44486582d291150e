"""Provides the one rule for text that reaches a terminal: control characters are never sent raw.

Anything typed by a person or read from the database may hold escape sequences (`\\x1b[2J` clears
the screen, `\\x1b]0;…\\x07` retitles the terminal) or a newline that forges an extra line. On input
they are refused (`control_problem`); on output every string from the database passes through
`printable`, which shows each such character as visible text (`\\x1b` as the four characters
backslash, x, 1, b), so data written by an older version or edited directly is inert too.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE_FORMAT = frozenset(
    [0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]
)
"""Direction overrides, line/paragraph separators and the byte-order mark: they reorder or break
what a reader sees without being visible themselves."""

_CONTROL = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
"""Every character `is_control` is true of (Unicode's Cc category is exactly C0, DEL and C1), found
in one scan: every value shown passes through `printable`, so this is on the path of each frame."""

MULTILINE_KEEPS = frozenset("\n\t")
"""The only control characters multi-line text keeps."""


def is_control(char: str) -> bool:
    """True for a character that must never reach a terminal raw (C0, DEL, C1, direction overrides)."""
    code = ord(char)
    return unicodedata.category(char) == "Cc" or code in _INVISIBLE_FORMAT


def escape_char(char: str) -> str:
    code = ord(char)
    if code == 0x0A:
        return "\\n"
    if code == 0x09:
        return "\\t"
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, multiline: bool = False) -> str:
    """`text` as it may be shown: control characters as visible escapes (`\\x1b`).

    With `multiline`, newlines and tabs are kept (a text area shows them as they were typed);
    otherwise they are escaped too, so one value is always exactly one line.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    if _CONTROL.search(text) is None:
        return text
    keep = MULTILINE_KEEPS if multiline else frozenset()
    return "".join(c if c in keep or not is_control(c) else escape_char(c) for c in text)


def control_problem(text: str, multiline: bool = False) -> str | None:
    """The first control character `text` may not hold, shown escaped (`\\x1b`), or None when clean.

    Multi-line text may hold newlines and tabs (a Windows line end `\\r\\n` counts as a newline).
    """
    keep = MULTILINE_KEEPS if multiline else frozenset()
    for index, char in enumerate(text):
        if char in keep or not is_control(char):
            continue
        if multiline and char == "\r" and text[index + 1:index + 2] == "\n":
            continue
        return escape_char(char)
    return None
