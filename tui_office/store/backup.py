"""Provides the copy of a SQLite database file with SQLite's online backup API."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BackupError = sqlite3.Error
"""What a failed copy raises (besides `OSError`)."""


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy the database at `source` into a new file `target` while others keep writing to it."""
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
    try:
        out = sqlite3.connect(target)
        try:
            # One step: a single read snapshot (WAL readers never block writers), so the copy
            # cannot be restarted forever by a busy writer as a paged backup can.
            src.backup(out, pages=-1)
            out.execute("PRAGMA journal_mode=DELETE")
        finally:
            out.close()
    finally:
        src.close()
