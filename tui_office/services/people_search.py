"""Provides people matching for pickers: by name, login, department, and pinyin or its initials.

`wf` and `wangfang` both find 王芳; `wang f`, `王`, `fin` (Finance) and `wangf` do too. Pure: no
database, no UI, so it is unit-tested on its own. Every people search uses it: the user picker, user
fields of forms (`handover`), the inbox filter (`/`) and the command palette. `pypinyin` is imported
the first time a Chinese name is spelled, never when the app starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class SearchKeys:
    """Everything one person can be found by, lower-cased."""

    texts: tuple[str, ...]
    """Name, English name, login, department (substring match)."""
    pinyin: str
    """Full pinyin of the Chinese name without spaces: 王芳 → "wangfang"."""
    syllables: tuple[str, ...]
    """Pinyin syllables: ("wang", "fang")."""
    initials: str
    """First letters of the syllables: "wf"."""


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


@lru_cache(maxsize=4096)
def pinyin_of(name: str) -> tuple[str, ...]:
    """Pinyin syllables of the Chinese characters in `name` (empty for names without any)."""
    if not _has_cjk(name):
        return ()
    from pypinyin import Style, lazy_pinyin  # about 50 MiB and 150 ms: only once someone is looked up by name

    return tuple(s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s)


def keys_for(name: str, login: str = "", department: str = "", name_en: str = "") -> SearchKeys:
    syllables = pinyin_of(name)
    return SearchKeys(
        texts=tuple(x.lower() for x in (name, name_en, login, department) if x),
        pinyin="".join(syllables),
        syllables=syllables,
        initials="".join(s[0] for s in syllables),
    )


def _syllable_prefixes(term: str, syllables: tuple[str, ...]) -> bool:
    """`term` spells consecutive syllables, each fully or (the last) by a prefix: "wangf", "fang"."""
    for start in range(len(syllables)):
        rest = term
        for syllable in syllables[start:]:
            if rest.startswith(syllable):
                rest = rest[len(syllable):]
                if not rest:
                    return True
            elif syllable.startswith(rest):
                return True
            else:
                break
    return False


def term_score(term: str, keys: SearchKeys) -> int:
    """How well one query word fits (0: not at all; higher is better)."""
    best = 0
    for text in keys.texts:
        if text == term:
            best = max(best, 100)
        elif text.startswith(term):
            best = max(best, 80)
        elif term in text:
            best = max(best, 50)
    if keys.syllables and term.isascii():
        best = max(best, _pinyin_score(term, keys))
    return best


def score(query: str, keys: SearchKeys) -> int:
    """Score for a whole query (every word must fit; 0 if one does not). An empty query fits all."""
    terms = query.lower().split()
    if not terms:
        return 1
    total = 0
    for term in terms:
        one = term_score(term, keys)
        if not one:
            return 0
        total += one
    return total


def spelled(query: str, name: str) -> bool:
    """Whether every word of `query` spells the Chinese name `name` in pinyin or its initials
    (`wf`, `wangfang`, `wang f`); names without Chinese characters never match this way."""
    keys = keys_for(name)
    if not keys.syllables:
        return False
    words = query.lower().split()
    return bool(words) and all(w.isascii() and w.isalpha() and _pinyin_score(w, keys) for w in words)


def _pinyin_score(term: str, keys: SearchKeys) -> int:
    if term == keys.pinyin or term == keys.initials:
        return 90
    if keys.initials.startswith(term):
        return 70
    if keys.pinyin.startswith(term) or _syllable_prefixes(term, keys.syllables):
        return 60
    return 0


def matches(query: str, name: str, login: str = "", department: str = "", name_en: str = "") -> bool:
    """Whether a person fits the query typed into a picker."""
    return score(query, keys_for(name, login, department, name_en)) > 0


def search(query: str, people: Iterable[T], fields: Callable[[T], tuple[str, str, str, str]]) -> list[T]:
    """The people fitting `query`, best first (ties keep the given order).

    `fields(person)` gives (name, login, department, English name).
    """
    scored = []
    for index, person in enumerate(people):
        value = score(query, keys_for(*fields(person)))
        if value:
            scored.append((-value, index, person))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [person for _, _, person in scored]
