"""Provides the reading of what a person types into search: words to find and filters.

    合同 laptop form:purchase_request status:approved from:2026-01-01 to:2026-03-31 dept:sales by:王芳

Words are found anywhere in a document (all of them must be); `"two words"` keeps a phrase
together. Filters: `form:` (form id), `status:`, `from:`/`to:` (submitted on or after / on or
before, `YYYY-MM-DD`), `dept:` (department code or name), `by:` (initiator: login, name or the
name in pinyin). A filter name it does not know is searched as a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tui_office.domain.errors import ValidationError
from tui_office.domain.text import control_problem

MAX_QUERY = 200
"""Longest query accepted, in characters."""
MAX_TERMS = 8
"""Most words one query may look for."""
FILTERS = ("form", "status", "from", "to", "dept", "by")

_TOKEN = re.compile(r'(\w+):"([^"]*)"|"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class SearchQuery:
    """A parsed search: the words (each must occur) and the filters (None: not filtered)."""

    terms: tuple[str, ...] = ()
    form: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    dept: str | None = None
    by: str | None = None

    @property
    def empty(self) -> bool:
        return not self.terms and not any((self.form, self.status, self.since, self.until, self.dept, self.by))


def parse(text: object) -> SearchQuery:
    """The query in `text`; `ValidationError` (field `query`) for text that is not one."""
    if not isinstance(text, str):
        raise ValidationError("query", "search_not_text")
    if len(text) > MAX_QUERY:
        raise ValidationError("query", "search_too_long", max=MAX_QUERY)
    bad = control_problem(text)
    if bad:
        raise ValidationError("query", "search_control", char=bad)
    terms: list[str] = []
    filters: dict[str, str] = {}
    for match in _TOKEN.finditer(text):
        name_quoted, value_quoted, phrase, word = match.groups()
        if name_quoted and name_quoted.lower() in FILTERS:
            filters[name_quoted.lower()] = value_quoted.strip()
            continue
        if phrase is not None:
            if phrase.strip():
                terms.append(" ".join(phrase.split()))
            continue
        token = word if word is not None else match.group(0)
        name, colon, value = token.partition(":")
        if colon and name.lower() in FILTERS and value:
            filters[name.lower()] = value
        else:
            terms.append(token)
    if len(terms) > MAX_TERMS:
        raise ValidationError("query", "search_too_many_words", max=MAX_TERMS)
    return SearchQuery(
        terms=tuple(dict.fromkeys(terms)), form=filters.get("form") or None, status=filters.get("status") or None,
        since=_day(filters.get("from"), "from"), until=_day(filters.get("to"), "to"),
        dept=filters.get("dept") or None, by=filters.get("by") or None,
    )


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError("query", "search_bad_date", filter=name, value=text) from None
