"""Provides the SQLite file work of backup and restore: copy, integrity check, trail comparison, swap in.

Each function opens its own `sqlite3` connections on the files it is given, independent of the
office's Peewee connection, and raises `BackupError` when SQLite refuses.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

BackupError = sqlite3.Error
"""What SQLite raises when a file cannot be read, copied or written (besides `OSError`)."""


def integrity(path: Path) -> str:
    """The answer of `PRAGMA integrity_check` on the file, opened read-only ("ok" when sound)."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def copy_file(source: Path, target: Path) -> None:
    """One consistent snapshot of `source` into the new file `target` (not WAL), flushed to disk."""
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
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())


def audit_rows_missing(current: Path, backup_file: Path) -> int:
    """How many audit rows of the current database the backup does not have."""
    with contextlib.closing(sqlite3.connect(f"{backup_file.resolve().as_uri()}?mode=ro", uri=True)) as con:
        theirs = {h for (h,) in con.execute("SELECT hash FROM action")}
    with contextlib.closing(sqlite3.connect(f"{current.resolve().as_uri()}?mode=ro", uri=True)) as con:
        return sum(1 for (h,) in con.execute("SELECT hash FROM action") if h not in theirs)


def swap_in(staged: Path, target: Path) -> None:
    """Copy `staged` over the live database `target` in one transaction: sessions see all of it or none."""
    with contextlib.closing(sqlite3.connect(staged)) as src, \
            contextlib.closing(sqlite3.connect(target, timeout=10)) as live:
        src.execute("PRAGMA journal_mode=DELETE")
        src.backup(live, pages=-1)  # one transaction: every session sees all of it or none
