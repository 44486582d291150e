"""Provides `inert()`: what a service returned with every string made safe to draw (a copy where
anything needed escaping; the same records where nothing did).

Screens pass each view they load (inbox rows, a document, an area's records) through `inert()` before
drawing it, so text stored by anyone — an older version, a direct database edit — reaches the
terminal with control characters shown as visible escapes (`\\x1b`), never as raw bytes that clear
the screen or retitle the terminal. Multi-line field values keep their newlines and tabs.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from tui_office.domain.text import printable

T = TypeVar("T")

MULTILINE_TYPES = frozenset({"multiline"})
"""Field types whose text keeps newlines and tabs."""


def inert(value: T) -> T:
    """`value` with every string in it (dataclass fields, lists, tuples, dict keys and values)
    passed through `printable`; anything else is returned as it is."""
    return _inert(value, multiline=False)


def _same_or(value, made):  # noqa: ANN001, ANN202
    """`value` itself when `made` holds exactly its items (nothing needed escaping), else `made`."""
    return value if all(a is b for a, b in zip(value, made)) else made


def _inert(value, multiline: bool):  # noqa: ANN001, ANN202 - any view shape
    if isinstance(value, str):
        return printable(value, multiline=multiline)
    if isinstance(value, list):
        return _same_or(value, [_inert(v, False) for v in value])
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return _same_or(value, tuple(_inert(v, False) for v in value))
    if isinstance(value, dict):
        made = {_inert(k, False): _inert(v, multiline) for k, v in value.items()}
        unchanged = len(made) == len(value) and all(
            k is was_k and v is was_v for (k, v), (was_k, was_v) in zip(made.items(), value.items()))
        return value if unchanged else made
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        keeps_lines = getattr(value, "type", None) in MULTILINE_TYPES
        changes = {}
        for f in dataclasses.fields(value):
            if f.init:
                was = getattr(value, f.name)
                now = _inert(was, keeps_lines and f.name == "text")
                if now is not was:
                    changes[f.name] = now
        return dataclasses.replace(value, **changes) if changes else value  # clean text: the same record
    return value
