"""Provides what the search index holds of a document, and how a typed search term is matched.

A document's searchable text is its number, title, form title, initiator and department, every
field value as a person reads it (choices by their label in both languages, people by name and
login, departments by name) including line items, and every comment and opinion on it; never an
encrypted field's value.

Two ways to match a term (see `store.search_sqlite`): a term of three characters or more is a
substring of the text (an FTS5 trigram index); a shorter one, common in Chinese (报销, 合同, 假),
is matched in a second copy of the text where each CJK character stands alone (`words_text`), so a
one- or two-character word is a phrase of single-character tokens and an English word is a token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tui_office.domain.fields import FieldDef

TRIGRAM = 3
"""Terms this long or longer are matched as substrings of the text; shorter ones as words."""

_CJK = re.compile(r"([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f])")
_PEOPLE_TYPES = ("user", "users")


@dataclass(frozen=True)
class Content:
    """The facts of one document the index keeps, gathered by the store."""

    number: str
    title: str
    form_titles: tuple[str, str]
    initiator: tuple[str, str]
    """Login and name."""
    department: tuple[str, str]
    """Name in English and Chinese ("" when none)."""
    fields: tuple[FieldDef, ...]
    values: Mapping[str, Any]
    people: Mapping[str, str]
    """Login → name of everyone a people field names."""
    departments: Mapping[str, tuple[str, str]]
    """Code → names of every department a department field names."""
    comments: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Earlier numbers of the document."""


def body(content: Content) -> str:
    """The document's searchable text: one fact a line, blank facts left out."""
    parts: list[str] = [content.number, *content.aliases, content.title, *content.form_titles, *content.initiator,
                        *content.department]
    for f in content.fields:
        parts.extend(_field_text(f, content.values.get(f.id), content))
    parts.extend(content.comments)
    lines = (" ".join(str(p).split()) for p in parts)
    return "\n".join(dict.fromkeys(line for line in lines if line))


def _field_text(f: FieldDef, value: Any, content: Content) -> Iterable[str]:
    if value in (None, "", []) or f.encrypted:  # an encrypted value never enters the index
        return ()
    if f.type == "table" and isinstance(value, list):
        return [text for row in value if isinstance(row, Mapping)
                for column in f.columns for text in _field_text(column, row.get(column.id), content)]
    if f.type == "checklist" or f.type == "boolean":
        return ()
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in values:
        item = item.get("name", "") if isinstance(item, Mapping) else str(item)
        choice = next((c for c in f.choices if c.value == item), None)
        if choice is not None:
            out.extend((choice.label_en, choice.label_zh))
        elif f.type in _PEOPLE_TYPES:
            out.extend((content.people.get(item, ""), item))
        elif f.type == "department":
            out.extend((*content.departments.get(item, ("", "")), item))
        else:
            out.append(item)
    return out


def words_text(text: str) -> str:
    """`text` with each CJK character standing alone, for the index of short words."""
    return _CJK.sub(r" \1 ", text)


def is_short(term: str) -> bool:
    """Whether `term` is too short for the trigram index (fewer than three characters)."""
    return len(term) < TRIGRAM


def phrase(term: str) -> str:
    """An FTS5 phrase matching `term` exactly (quotes doubled, so no character is an operator)."""
    return '"' + term.replace('"', '""') + '"'


def short_phrase(term: str) -> str:
    """The FTS5 query for a short term in the words index: its CJK characters as one phrase, an
    English word or number as a token prefix (`hr` finds HR and HRM)."""
    spaced = words_text(term).split()
    if not spaced:
        return ""
    if _CJK.search(term):
        return phrase(" ".join(spaced))
    return phrase(" ".join(spaced)) + "*"


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where the terms occur in `text` (case-insensitive), merged and in order, for highlighting."""
    found: list[tuple[int, int]] = []
    lowered = text.casefold()
    for term in terms:
        needle = term.casefold()
        if not needle:
            continue
        start = lowered.find(needle)
        while start >= 0:
            found.append((start, start + len(needle)))
            start = lowered.find(needle, start + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, terms: Iterable[str], width: int = 60) -> str:
    """The line of `text` with the first match of any term (the first line when none matches),
    cut to about `width` characters around it."""
    terms = list(terms)
    lines = text.split("\n")
    for line in lines:
        hits = spans(line, terms)
        if hits:
            start = max(0, hits[0][0] - width // 3)
            cut = line[start:start + width]
            return ("…" if start else "") + cut + ("…" if start + width < len(line) else "")
    first = lines[0] if lines else ""
    return first[:width]
