"""Provides `explain()`: a failure of the disk under the database, as one clear `OfficeError`.

A full disk (or a database at its size limit) and a failing disk are not bugs: SQLite rolls the
write back and the file stays intact, so the user needs to hear what happened, not a traceback.
Anything else is left alone, so real bugs stay visible.
"""

from __future__ import annotations

from tui_office.domain.errors import OfficeError
from tui_office.store.db import storage_failure


def explain(exc: BaseException, target: str = "") -> OfficeError | None:
    """`disk_full` / `disk_io` as an `OfficeError` naming the database `target`, else None."""
    code = storage_failure(exc)
    return OfficeError(code, target=target) if code else None
