"""Provides numbering schemes: how a form numbers its documents (`number = "{project}-CS-{seq:03}"`).

A pattern is literal text (letters, digits, `-`, `_`, `.`) and placeholders: `{yyyy}`, `{yy}`,
`{mm}`, `{dd}` (the day the number is given), `{prefix}` (the form's prefix), a form field's id
(its value: a project code, a department, a login) and exactly one `{seq}` or `{seq:0N}` (a
sequence of width N, 1–9; default 4). The sequence counts per *scope*: the number with the
sequence left out, so `{project}-CS-{seq:03}` counts per project and `XS-{yyyy}{mm}-{seq:04}` per
month. `number_at` says when the number is given: `submit` (default: when the document is first
sent; a draft has a provisional `PREFIX-YYYY-NNNN` until then), `archive` (when it is approved) or
a step id (when the document reaches that step).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tui_office.domain.errors import ValidationError

AT_SUBMIT = "submit"
AT_ARCHIVE = "archive"
EVENTS = (AT_SUBMIT, AT_ARCHIVE)
"""The named moments `number_at` may give besides a step id."""
DATE_PARTS = {"yyyy": "%Y", "yy": "%y", "mm": "%m", "dd": "%d"}
FIELD_TYPES = ("text", "choice", "user", "department", "integer")
"""Types of the fields whose value may be part of a number."""
DEFAULT_WIDTH = 4
MAX_LENGTH = 64
"""The longest number a pattern may produce."""
MAX_PART = 20
"""The longest field value that may be part of a number."""
SEQ_MARK = "#"
"""Stands for the sequence in a scope (never part of a number: literals and values are `\\w-.`)."""
_LITERAL = re.compile(r"[\w.-]*\Z")
_PART = re.compile(r"[\w.-]+\Z")
_TOKEN = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class Part:
    """One piece of a pattern: `kind` is `text` (value: the literal), `date` (value: a strftime
    code), `prefix`, `field` (value: the field id) or `seq` (width)."""

    kind: str
    value: str = ""
    width: int = 0


@dataclass(frozen=True)
class NumberScheme:
    """A form's numbering: its pattern and when a document gets its number."""

    pattern: str
    parts: tuple[Part, ...]
    at: str = AT_SUBMIT
    line: int = 0
    at_line: int = 0

    @property
    def fields(self) -> tuple[str, ...]:
        """Ids of the form fields the pattern names."""
        return tuple(p.value for p in self.parts if p.kind == "field")

    def problems(self, values: Mapping[str, Any]) -> list[ValidationError]:
        """A problem for each named field whose value cannot be part of a number (checked at submit,
        so a later step or the archive never fails to number the document)."""
        out = []
        for fid in self.fields:
            text = _text(values.get(fid))
            if text and (len(text) > MAX_PART or not _PART.match(text)):
                out.append(ValidationError(fid, "number_part", value=text[:40], limit=MAX_PART))
        return out

    def scope(self, values: Mapping[str, Any], prefix: str, day: date) -> str:
        """The number with `#` for the sequence: numbers with the same scope share one sequence."""
        return "".join(self._piece(p, values, prefix, day) if p.kind != "seq" else SEQ_MARK for p in self.parts)

    def render(self, scope: str, seq: int) -> str:
        """The number for `seq` in `scope`."""
        width = next(p.width for p in self.parts if p.kind == "seq")
        return scope.replace(SEQ_MARK, f"{seq:0{width}d}", 1)

    @staticmethod
    def _piece(part: Part, values: Mapping[str, Any], prefix: str, day: date) -> str:
        if part.kind == "text":
            return part.value
        if part.kind == "date":
            return day.strftime(part.value)
        if part.kind == "prefix":
            return prefix
        return _text(values.get(part.value))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def parse_pattern(pattern: str) -> tuple[tuple[Part, ...], list[str]]:
    """The parts of `pattern` and what is wrong with it (messages without a location)."""
    parts: list[Part] = []
    problems: list[str] = []
    position = 0
    for match in _TOKEN.finditer(pattern):
        _literal(pattern[position:match.start()], parts, problems)
        position = match.end()
        name = match.group(1)
        if name == "seq" or name.startswith("seq:"):
            width = _width(name, problems)
            parts.append(Part("seq", width=width))
        elif name in DATE_PARTS:
            parts.append(Part("date", DATE_PARTS[name]))
        elif name == "prefix":
            parts.append(Part("prefix"))
        elif re.fullmatch(r"[a-z][a-z0-9_]*", name):
            parts.append(Part("field", name))
        else:
            problems.append(f"number: {{{name}}} is not a placeholder (yyyy, yy, mm, dd, prefix, seq:0N or a field id)")
    _literal(pattern[position:], parts, problems)
    sequences = sum(1 for p in parts if p.kind == "seq")
    if sequences == 0:
        problems.append(f"number {pattern!r} has no sequence: add {{seq}} or {{seq:04}}")
    elif sequences > 1:
        problems.append(f"number {pattern!r} has {sequences} sequences; give exactly one {{seq}}")
    return tuple(parts), problems


def _literal(text: str, parts: list[Part], problems: list[str]) -> None:
    if not text:
        return
    if "{" in text or "}" in text:
        problems.append(f"number: unmatched brace in {text!r}")
    elif not _LITERAL.match(text):
        problems.append(f"number: {text!r} may hold only letters, digits, '-', '_' and '.'")
    else:
        parts.append(Part("text", text))


def _width(name: str, problems: list[str]) -> int:
    if name == "seq":
        return DEFAULT_WIDTH
    spec = name.split(":", 1)[1]
    if not re.fullmatch(r"0?[1-9]", spec):
        problems.append(f"number: bad sequence width {{{name}}}: write {{seq:03}} for 001, 002 … (width 1–9)")
        return DEFAULT_WIDTH
    return int(spec)


def scheme_problems(scheme: NumberScheme, fields: Mapping[str, Any], steps: set[str],
                    step_fields: set[str]) -> list[tuple[int, str]]:
    """(line, message) for names the scheme uses that the form lacks or cannot number with:
    `fields` maps field id to `FieldDef`, `steps` the step ids, `step_fields` the fields filled at a step."""
    out = []
    for fid in scheme.fields:
        f = fields.get(fid)
        if f is None:
            out.append((scheme.line, f"number names unknown field {fid!r}"))
        elif fid in step_fields:
            out.append((scheme.line, f"number names {fid!r}, a field filled at a step; name a field filled at submit"))
        elif f.type not in FIELD_TYPES:
            out.append((scheme.line, f"number names {fid!r}, a {f.type} field (one of {', '.join(FIELD_TYPES)} may be numbered by)"))
        elif not f.required:
            out.append((scheme.line, f"number names {fid!r}, which is not required (add required = true)"))
    if scheme.at not in EVENTS and scheme.at not in steps:
        out.append((scheme.at_line or scheme.line,
                    f"number_at names unknown step {scheme.at!r} (submit, archive or a step id)"))
    return out
