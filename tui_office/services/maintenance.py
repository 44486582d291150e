"""Provides database maintenance: online backup."""

from __future__ import annotations

import contextlib
from pathlib import Path

from tui_office.domain.errors import OfficeError
from tui_office.services.office import Office
from tui_office.store.backup import BackupError, copy_sqlite


def backup(office: Office, destination: str | Path) -> Path:
    """Copy the SQLite database with the online backup API (consistent while others write)."""
    source = office.sqlite_path
    if source is None:
        raise OfficeError(message="backup works on SQLite files; use your server's own tools (pg_dump) for PostgreSQL")
    dest = Path(destination).expanduser()
    if dest.is_dir():
        dest = dest / source.name
    if dest.resolve() == source.resolve():
        raise OfficeError(message="the backup must not overwrite the database itself")
    tmp = dest.with_name(dest.name + ".part")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
        copy_sqlite(source, tmp)
        tmp.replace(dest)
    except (OSError, BackupError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise OfficeError(message=f"backup to {dest} failed: {exc}") from exc
    return dest
