"""Provides database maintenance for administrators: online backup and restore.

Both need the admin role. Both refuse to touch the database itself or SQLite's files beside it
(`-wal`, `-shm`, `-journal`, however the path is spelled), write through a temporary file in the
target's folder and check what they wrote (`PRAGMA integrity_check` and the audit trail) before
anything is replaced.

Restore copies the backup into the live database with SQLite's backup API in one transaction, so
sessions that have the office open keep working and see the restored records from their next
action; nobody ever sees half a database. The database as it was is first kept aside as
`<name>.before-restore-<time>`, and the restored trail gets one `restore` row naming who restored
what.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store import backup as sqlite_files
from tui_office.store import db as store_db
from tui_office.store.backup import BackupError
from tui_office.store.models import Role, User, UserRole

SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the file restored from, where the old database was kept, the new head."""

    source: Path
    kept_aside: Path
    rows: int


def _database_file(office: Office) -> Path:
    source = office.sqlite_path
    if source is None:
        raise OfficeError("backup_not_sqlite")
    return source


def _protected(database: Path) -> set[Path]:
    real = database.resolve()
    return {real, *(real.with_name(real.name + suffix) for suffix in SIDE_FILES)}


def _is_protected(path: Path, database: Path) -> bool:
    real = path.resolve()
    if real in _protected(database):
        return True
    with contextlib.suppress(OSError):
        return any(p.exists() and os.path.samefile(real, p) for p in _protected(database) if real.exists())
    return False


def _check_copy(path: Path) -> int:
    """Integrity and audit trail of a database file; the number of audit rows, or OfficeError."""
    try:
        result = sqlite_files.integrity(path)
    except BackupError as exc:
        raise OfficeError("copy_unusable", path=str(path), reason=str(exc)) from None
    if result != "ok":
        raise OfficeError("copy_unusable", path=str(path), reason=result)
    with store_db.using(f"sqlite:///{path.resolve()}?mode=ro"):
        report = audit.verify()
    if not report.ok:
        where = f"audit row {report.bad_row}: " if report.bad_row is not None else ""
        raise OfficeError("copy_unusable", path=str(path), reason=where + report.reason)
    return report.rows


def _temp_beside(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    return Path(name)


def _put_in_place(tmp: Path, dest: Path, force: bool) -> None:
    """Move the finished file into place atomically; without `force`, never over an existing file."""
    if force:
        os.replace(tmp, dest)
    else:
        try:
            os.link(tmp, dest)  # fails if dest appeared meanwhile: no silent overwrite
        except FileExistsError:
            raise OfficeError("backup_exists", path=str(dest)) from None
        except OSError:  # a file system without hard links
            if dest.exists():
                raise OfficeError("backup_exists", path=str(dest)) from None
            os.replace(tmp, dest)
        tmp.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        folder = os.open(dest.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def backup(office: Office, me: str, destination: str | Path, *, force: bool = False) -> Path:
    """Copy the SQLite database to `destination` (consistent while others write), then verify it.

    Refused: not an admin; the database itself or its -wal/-shm/-journal; an existing file
    without `force`. A missing folder is made. Nothing is left behind on failure.
    """
    require_admin(me)
    source = _database_file(office)
    dest = Path(destination).expanduser()
    if dest.is_dir():
        dest = dest / source.name
    if _is_protected(dest, source):
        raise OfficeError("backup_onto_database", path=str(dest))
    if dest.exists() and not force:
        raise OfficeError("backup_exists", path=str(dest))
    if dest.exists() and not dest.is_file():
        raise OfficeError("backup_exists", path=str(dest))
    tmp: Path | None = None
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_beside(dest)
        sqlite_files.copy_file(source, tmp)
        _check_copy(tmp)
        _put_in_place(tmp, dest, force)
    except (OSError, BackupError) as exc:
        raise OfficeError("backup_failed", path=str(dest), reason=str(exc)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
    return dest


def restore(office: Office, me: str, source_path: str | Path, *, force: bool = False) -> RestoreResult:
    """Replace the office's records with a verified backup, keeping the current database aside.

    Refused: not an admin (in the current database); a source that is the database or its side
    files, missing, damaged or whose audit trail does not verify; without `force`, a backup that
    lacks audit rows the current database has (work done since the backup would be lost).
    """
    admin = require_admin(me)
    target = _database_file(office)
    source = Path(source_path).expanduser()
    if _is_protected(source, target):
        raise OfficeError("restore_from_database", path=str(source))
    if not source.is_file():
        raise OfficeError("restore_source_missing", path=str(source))
    _check_copy(source)
    lost = sqlite_files.audit_rows_missing(target, source)
    if lost and not force:
        raise OfficeError("restore_loses_history", path=str(source), rows=lost)
    now = office.clock.now()
    kept = target.with_name(f"{target.name}.before-restore-{now:%Y%m%d-%H%M%S}")
    staged: Path | None = None
    try:
        if kept.exists():
            raise OfficeError("backup_exists", path=str(kept))
        sqlite_files.copy_file(target, kept)
        staged = _temp_beside(target)
        sqlite_files.copy_file(source, staged)
        with store_db.using(staged):
            from tui_office.store.db import database

            with database.atomic():
                actor = User.get_or_none(User.login == admin.login)
                audit.record(document_id=None, actor_id=actor.id if actor else None, action="restore", at=now,
                             changes={"from": str(source), "by": admin.login, "kept_aside": str(kept)})
            rows = audit.verify().rows
        _check_copy(staged)
        sqlite_files.swap_in(staged, target)
    except (OSError, BackupError) as exc:
        raise OfficeError("restore_failed", path=str(source), reason=str(exc)) from None
    finally:
        if staged is not None:
            for suffix in ("", *SIDE_FILES):
                with contextlib.suppress(OSError):
                    Path(f"{staged}{suffix}").unlink(missing_ok=True)
    return RestoreResult(source=source, kept_aside=kept, rows=rows)
