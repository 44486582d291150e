"""Provides the UI string catalogue (English and Simplified Chinese) and `t()`.

Strings live in `i18n/<lang>/*.toml`, one file per concern (app.toml, inbox.toml …), and each
workflow package brings its own folder of the same shape (`Workflow.catalogue`);
nested tables flatten to dotted keys (`[inbox] approve = "…"` → `inbox.approve`). A key missing in
Chinese falls back to English, then to the key itself, so a gap shows instead of crashing.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tomllib
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
    paths = [path for folder in (_HERE, *extra) for path in sorted((folder / lang.replace("-", "_")).glob("*.toml"))]
    kept = _kept_file(lang, paths)
    out = _read_kept(kept)
    if out is not None:
        return out
    out = {}
    for path in paths:
        with path.open("rb") as fh:
            _flatten("", tomllib.load(fh), out)
    _keep(kept, out)
    return out


def _kept_file(lang: str, paths: list[Path]) -> Path | None:
    """Where the flattened catalogue of exactly these files, as they are now, is kept: a name made
    from their paths, sizes and modification times (a changed file gives a new name)."""
    from tui_office import locations

    digest = hashlib.sha256(f"{marshal.version}:{lang}".encode())
    try:
        for path in paths:
            stat = path.stat()
            digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        return locations.cache_dir() / f"catalogue-{digest.hexdigest()[:32]}.marshal"
    except OSError:
        return None


def _read_kept(kept: Path | None) -> dict[str, str] | None:
    """The kept catalogue, or None when there is none or it cannot be read (then it is made again)."""
    if kept is None:
        return None
    try:
        out = marshal.loads(kept.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return out if isinstance(out, dict) and all(isinstance(v, str) for v in out.values()) else None


def _keep(kept: Path | None, out: dict[str, str]) -> None:
    """Keep the catalogue for the next start (reading it back is ten times faster than parsing the
    files); a cache folder that cannot be written only costs that time."""
    if kept is None:
        return
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps(out))
        os.replace(partial, kept)
    except OSError:
        pass


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
