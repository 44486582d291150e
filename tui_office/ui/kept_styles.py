"""Provides `restore` and `remember`: the app's parsed style sheets kept in the cache folder.

Textual parses every style sheet on each start (the default styles of each widget on screen and
our themes' sheets), about 15 ms before the first frame, although the result depends only on the
text of each sheet, where it came from, and the theme's variables. `restore` fills the style
sheet's own parse cache with what an earlier start parsed for the same Textual and
variables (the cache is keyed by each sheet's whole text, so an edited sheet is parsed again);
`remember` keeps the sheets this start used, and only those. Anything missing or unreadable is
parsed as usual (`tui_office.kept`).

The parse cache is Textual's (`Stylesheet._parse_cache`, a mapping from a sheet to its rules);
where a Textual version lacks it, nothing is kept and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import textual
from textual.cache import LRUCache

from tui_office import kept

KIND = "styles"


def _cache(stylesheet: Any) -> Any | None:
    cache = getattr(stylesheet, "_parse_cache", None)
    needed = ("keys", "get", "set", "__len__")
    return cache if all(hasattr(cache, name) for name in needed) else None


def _key(variables: dict[str, str]) -> str:
    """Names the Textual that parsed (by its style modules' files: asking its version would load
    the package metadata, which costs more than it saves) and the variables."""
    css = Path(textual.__file__).parent / "css"
    parser = kept.files_key([css / name for name in ("parse.py", "model.py", "styles.py", "tokenize.py", "types.py")])
    return "\0".join([parser, *(f"{k}={v}" for k, v in sorted(variables.items()))])


class _Noting(LRUCache):
    """Textual's parse cache, noting the sheets it hands out or is given: the ones this start used."""

    __slots__ = ("used", "kept")

    def __init__(self, maxsize: int) -> None:
        super().__init__(maxsize)
        self.used: set = set()
        self.kept: set = set()
        """The sheets the cache folder holds for these variables (read by `restore`, or written by
        `remember` since)."""

    def __getitem__(self, key: Any) -> Any:
        value = super().__getitem__(key)
        self.used.add(key)
        return value

    def set(self, key: Any, value: Any) -> None:
        self.used.add(key)
        super().set(key, value)

    __setitem__ = set


def restore(stylesheet: Any, variables: dict[str, str]) -> None:
    """Put the rules an earlier start parsed with `variables` into `stylesheet`'s parse cache
    (call after its variables are set: setting them empties the cache), which notes from now on
    which sheets are used."""
    cache = _cache(stylesheet)
    if cache is None or type(cache) is not LRUCache:
        return
    noting = stylesheet._parse_cache = _Noting(cache.maxsize)
    rules = kept.read(KIND, _key(variables), dict) or {}
    for sheet, parsed in rules.items():
        if isinstance(sheet, tuple) and isinstance(parsed, list):
            LRUCache.set(noting, sheet, parsed)
            noting.kept.add(sheet)


def remember(stylesheet: Any, variables: dict[str, str]) -> None:
    """Keep the sheets this session has used so far (parsed, or brought by `restore` and used),
    unless they are what the cache folder already holds: sheets an older session needed and this
    one did not are left out, so what a start reads does not grow from session to session."""
    cache = getattr(stylesheet, "_parse_cache", None)
    if isinstance(cache, _Noting):
        used = {sheet: rules for sheet in cache.used if (rules := cache.get(sheet)) is not None}
        if set(used) != cache.kept:
            kept.keep(KIND, _key(variables), used)
            cache.kept = set(used)
