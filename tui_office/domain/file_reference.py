"""Provides the value of a file field: a reference to a file on the shared host.

A file field holds `{"path", "size", "sha256", "seen_at"}`: the absolute path, the size in bytes,
the SHA-256 of the content and when it was read (ISO time). What a person types is a path; the
services read the file (`services/files.py`) and put the reference in its place. Until then the
value is the typed path, checked here only as text (one line, no control characters, not too long).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime


REFERENCE_KEYS = ("path", "size", "sha256", "seen_at")
MAX_PATH = 4096
"""The longest path a file field takes (Linux's PATH_MAX)."""
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


def is_reference(value: object) -> bool:
    """Whether `value` is a whole file reference (not a path still to be read)."""
    if not isinstance(value, Mapping) or set(value) != set(REFERENCE_KEYS):
        return False
    path, size, digest, seen = (value[key] for key in REFERENCE_KEYS)
    if not isinstance(path, str) or not path or len(path) > MAX_PATH:
        return False
    if isinstance(size, bool) or not isinstance(size, int) or size < 0:
        return False
    if not isinstance(digest, str) or not _SHA256.match(digest) or not isinstance(seen, str):
        return False
    try:
        datetime.fromisoformat(seen)
    except ValueError:
        return False
    return True


def human_size(size: int) -> str:
    """`size` bytes as people read it: 512 B, 12.5 KB, 3.0 MB, 1.2 GB."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def describe_file(value: object) -> str:
    """The reference as shown in a document: path, size and the start of the SHA-256."""
    if not is_reference(value):
        return str(value)
    return f"{value['path']} ({human_size(value['size'])}, sha256 {value['sha256'][:12]}…)"
