"""Provides `read` and `keep`: results worked out from files (the string catalogue, a parsed
form definition) kept in the user cache folder, so the next start reads them instead of working
them out again.

A kept result is named by a digest of everything it was made from (`key`) and of the code that
made it (the modules of `tui_office/domain`, this package's version, Python's version): a changed
input or an upgrade gives a new name, never a stale answer. A missing, damaged or unreadable kept
file only costs the time to work the result out again; deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

_code: list[str] = []


def _code_digest() -> str:
    """What the code that makes kept results looks like now (sizes and times of its modules)."""
    if not _code:
        import tui_office

        digest = hashlib.sha256(f"{sys.version}\0{tui_office.__version__}".encode())
        here = Path(__file__).parent
        for path in sorted([*(here / "domain").glob("*.py"), here / "extensions.py", here / "i18n" / "__init__.py"]):
            stat = path.stat()
            digest.update(f"\0{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        _code.append(digest.hexdigest())
    return _code[0]


def _file(kind: str, key: str) -> Path | None:
    from tui_office import locations

    try:
        name = hashlib.sha256(f"{_code_digest()}\0{kind}\0{key}".encode()).hexdigest()[:40]
        return locations.cache_dir() / f"{kind}-{name}.pickle"
    except OSError:
        return None


def files_key(paths: list[Path]) -> str:
    """A key for results made from `paths` as they are now (their names, sizes and times)."""
    parts = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:  # gone since it was listed: reading it will say so
            parts.append(f"{path}\0gone")
            continue
        parts.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return "\n".join(parts)


def read(kind: str, key: str, expected: type) -> Any | None:
    """The kept `kind` result for `key` if there is one of type `expected`, else None."""
    path = _file(kind, key)
    if path is None:
        return None
    try:
        value = pickle.loads(path.read_bytes())
    except Exception:  # missing, cut short or made by other code: it is made again
        return None
    return value if isinstance(value, expected) else None


def keep(kind: str, key: str, value: Any) -> None:
    """Keep `value` for `key` (written whole or not at all; a folder that cannot be written is
    left alone)."""
    path = _file(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
