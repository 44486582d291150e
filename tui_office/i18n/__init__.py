"""Provides the UI string catalogue (English and Simplified Chinese) and `t()`.

Strings live in `i18n/<lang>/*.toml`, one file per area (app.toml, inbox.toml, leave.toml …);
nested tables flatten to dotted keys (`[inbox] approve = "…"` → `inbox.approve`). A key missing in
Chinese falls back to English, then to the key itself, so a gap shows instead of crashing.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh-CN")
_HERE = Path(__file__).parent
_current = "en"


def _folder(lang: str) -> Path:
    return _HERE / lang.replace("-", "_")


def _flatten(prefix: str, table: dict, out: dict[str, str]) -> None:
    for key, value in table.items():
        full = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            _flatten(full, value, out)
        else:
            out[full] = str(value)


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every string of one language, keyed by dotted name."""
    out: dict[str, str] = {}
    for path in sorted(_folder(lang).glob("*.toml")):
        with path.open("rb") as fh:
            _flatten("", tomllib.load(fh), out)
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
