"""Provides the UI string catalogue (English and Simplified Chinese) and `t()`.

Strings live in `i18n/<lang>/*.toml`, one file per concern (app.toml, inbox.toml …), and each
workflow package brings its own folder of the same shape (`Workflow.catalogue`);
nested tables flatten to dotted keys (`[inbox] approve = "…"` → `inbox.approve`). A key missing in
Chinese falls back to English, then to the key itself, so a gap shows instead of crashing.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh-CN")
_HERE = Path(__file__).parent
_current = "en"


def _flatten(prefix: str, table: dict, out: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


def catalogue(lang: str) -> dict[str, str]:
    """Every string of one language, keyed by dotted name (the core's, then the workflows')."""
    from tui_office import extensions

    return _catalogue(lang, tuple(extensions.catalogues()))


@cache
def _catalogue(lang: str, extra: tuple[Path, ...]) -> dict[str, str]:
    from tui_office import kept

    paths = [path for folder in (_HERE, *extra) for path in sorted((folder / lang.replace("-", "_")).glob("*.toml"))]
    key = kept.files_key(paths)
    out = kept.read("catalogue", key, dict)
    if out is None:
        import tomllib  # here: the kept catalogue is read without it

        out = {}
        for path in paths:
            with path.open("rb") as fh:
                _flatten("", tomllib.load(fh), out)
        kept.keep("catalogue", key, out)  # read back at the next start, ten times faster than the files
    return out


def normalise(lang: str | None) -> str:
    """Map `zh`, `zh_CN`, `zh-cn` … to `zh-CN`; anything else to `en`."""
    if lang and lang.lower().replace("_", "-").startswith("zh"):
        return "zh-CN"
    return "en"


def set_language(lang: str | None) -> str:
    """Choose the language for every later `t()` call; returns the normalised name."""
    global _current
    _current = normalise(lang)
    return _current


def current_language() -> str:
    return _current


def t(key: str, /, lang: str | None = None, **params: object) -> str:
    """The string for `key` in the current (or given) language, with `{name}` filled in."""
    lang = normalise(lang) if lang else _current
    text = catalogue(lang).get(key) or catalogue("en").get(key) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def pick(en: str, zh: str | None) -> str:
    """Choose between a bilingual pair from data files (`title = {en=…, zh=…}`)."""
    if _current == "zh-CN" and zh:
        return zh
    return en or (zh or "")
