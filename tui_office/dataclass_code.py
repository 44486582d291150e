"""Provides `install`, `save` and `release`: the code Python's dataclasses generate, kept between
starts.

A dataclass is defined by writing its `__init__`, `__repr__`, `__eq__`, `__hash__`… as source
text and compiling that text, every time its module is imported. tui-office's records (the
screens' views, form definitions, settings) make about 360 such functions before the inbox is on
screen: a tenth of the time it takes to start, compiling the same text at every start. Python keeps
each module's own compiled code (`.pyc`); this does the same for the text dataclasses generate.

`install` has the `dataclasses` module compile through a table of code objects read from the cache
folder (`tui_office.kept`): the same text compiles to the same code, so every class is exactly
what it would be otherwise. `save` (a command, at its end) writes the table back when this process
compiled text it did not hold; `release`, once the app is on screen, keeps exactly what the app's
start used and lets the table go, so the table read at each start holds what that start needs.
A missing, damaged or stale table only costs the compiling; anything that is not text (or a `dataclasses` module
that does not compile through the built-in `exec`) goes through as usual.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
from types import CodeType
from typing import Any

from tui_office import kept

KIND = "dataclass-code"
_table: dict[str, CodeType] = {}
_used: set[str] = set()
"""The texts this process has compiled through the table (found there or compiled anew)."""
_state = {"installed": False, "compiled": 0, "read": 0}


def _exec(source: Any, globals: dict | None = None, locals: Any = None) -> None:  # noqa: A002 - exec's own names
    """`exec`, compiling text through the table."""
    if isinstance(source, str):
        code = _table.get(source)
        if code is None:
            code = _table[source] = compile(source, "<string>", "exec")
            _state["compiled"] += 1
        _used.add(source)
        source = code
    builtins.exec(source, globals, locals)


def install() -> None:
    """Have dataclasses defined from now on compile through the kept table (once per process)."""
    if _state["installed"] or "exec" in vars(dataclasses):
        return
    kept_table = kept.read(KIND, sys.version, bytes)
    if kept_table is not None:
        try:
            table = marshal.loads(kept_table)
        except (EOFError, ValueError, TypeError):
            table = None
        if isinstance(table, dict):
            _table.update((text, code) for text, code in table.items()
                          if isinstance(text, str) and isinstance(code, CodeType))
    _state["read"] = len(_table)
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the built-in one
    _state["installed"] = True


def compiled() -> int:
    """How many texts this process has compiled (0: every one came from the table)."""
    return _state["compiled"]


def save() -> None:
    """Keep the table for the next start, if this process compiled anything new."""
    if _state["compiled"]:
        kept.keep(KIND, sys.version, marshal.dumps(dict(_table)))
        _state["compiled"] = 0


def release() -> None:
    """The app is on screen: keep what its start compiled, exactly (what commands added to the
    table since, or an older start needed, is left out: it would only be read and held by every
    start), then let the table go, and have dataclasses defined later compile as usual (the few
    loaded while a clerk works are not worth its memory)."""
    if _state["installed"]:
        if _state["compiled"] or len(_used) != _state["read"]:
            kept.keep(KIND, sys.version, marshal.dumps({text: _table[text] for text in _used}))
            _state["compiled"] = 0
        if vars(dataclasses).get("exec") is _exec:
            del dataclasses.exec  # type: ignore[attr-defined]
        _table.clear()
        _used.clear()
        _state["installed"] = False
