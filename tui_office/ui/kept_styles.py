"""Provides `restore` and `remember`: the app's parsed style sheets kept in the cache folder.

Textual parses every style sheet on each start (the default styles of each widget on screen and
our themes' sheets), about 15 ms before the first frame, although the result depends only on the
text of each sheet, where it came from, and the theme's variables. `restore` fills the style
sheet's own parse cache with what an earlier start parsed for the same Textual and
variables (the cache is keyed by each sheet's whole text, so an edited sheet is parsed again);
`remember` keeps what this start parsed. Anything missing or unreadable is parsed as usual
(`tui_office.kept`).

The parse cache is Textual's (`Stylesheet._parse_cache`, a mapping from a sheet to its rules);
where a Textual version lacks it, nothing is kept and nothing changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import textual

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


def restore(stylesheet: Any, variables: dict[str, str]) -> int:
    """Put the rules an earlier start parsed with `variables` into `stylesheet`'s parse cache
    (call after its variables are set: setting them empties the cache). Returns how many sheets
    the cache then holds, for `remember`."""
    cache = _cache(stylesheet)
    if cache is None:
        return 0
    rules = kept.read(KIND, _key(variables), dict)
    for sheet, parsed in (rules or {}).items():
        if isinstance(sheet, tuple) and isinstance(parsed, list) and cache.get(sheet) is None:
            cache.set(sheet, parsed)
    return len(cache)


def remember(stylesheet: Any, variables: dict[str, str], known: int) -> tuple[Any, dict[str, str], int]:
    """Keep what `stylesheet` has parsed with `variables`, if it holds more than the `known` sheets
    (what `restore` brought, or the last `remember` kept). Returns the arguments for the next call."""
    cache = _cache(stylesheet)
    if cache is not None and len(cache) > known:
        known = len(cache)
        kept.keep(KIND, _key(variables), {sheet: cache.get(sheet) for sheet in list(cache.keys())})
    return stylesheet, variables, known
