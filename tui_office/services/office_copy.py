"""Provides `copy_office()`: the whole office (users, definitions, documents, tasks, audit trail,
the areas' own tables) copied into another, empty database, then its audit trail verified there.

This is how an office moves from its SQLite file to a PostgreSQL server (`migrate-db`), or back.
Nothing is written to the office being copied, and a copy that fails half-way leaves the target as
empty as it was (one transaction there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from peewee import PeeweeException

from tui_office import extensions
from tui_office.domain.errors import OfficeError
from tui_office.domain.text import control_problem, printable
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store import db as store_db, transfer
from tui_office.store.proxy import database

MAX_TARGET = 2_000
"""The longest database address accepted."""


def shown_address(target: str) -> str:
    """The database address as it may be shown: a password in it replaced by `***`."""
    parts = urlsplit(target)
    if not parts.password:
        return printable(target)
    host = parts.netloc.rsplit("@", 1)[1]
    return printable(urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}")))


@dataclass(frozen=True)
class CopyReport:
    """What `copy_office` did: rows per table, in copy order, and the verification on the target."""

    target: str
    rows: dict[str, int]
    verified: audit.ChainReport


def copy_office(office: Office, me: str, target: str,
                progress: Callable[[str, int, int], None] = lambda table, done, total: None) -> CopyReport:
    """Copy the office into the empty database `target` (a file path, `sqlite:///…` or
    `postgresql://…`), telling `progress` after each batch, then verify the audit trail there.

    Refused: not an admin; an address with control characters or too long; a target that has any
    table already (the copy never merges into or overwrites an office)."""
    require_admin(me)
    if not isinstance(target, str) or not target.strip() or len(target) > MAX_TARGET or control_problem(target):
        raise OfficeError("copy_target_invalid", target=printable(str(target)[:80]), limit=MAX_TARGET)
    source = database.obj
    models = transfer.copy_order(model for workflow in extensions.installed() for model in workflow.models)
    try:
        with store_db.using(target, create=True) as dest:
            if not transfer.is_empty(dest):
                raise OfficeError("copy_target_not_empty", target=shown_address(target))
            rows = transfer.copy_rows(source, dest, models, progress)
            verified = audit.verify()
    except (PeeweeException, OSError) as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
        raise OfficeError("copy_failed", target=shown_address(target), reason=reason) from exc
    return CopyReport(target=target, rows=rows, verified=verified)
