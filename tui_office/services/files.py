"""Provides what became of a document's attached files: whether each is still as it was when
attached (`check`), and the copy an office kept in the database (`get`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui_office.domain.field_coercion import plain_line
from tui_office.domain.errors import NotFound, OfficeError, PermissionDenied, ValidationError
from tui_office.domain.file_reference import REFERENCE_KEYS, is_reference
from tui_office.i18n import t
from tui_office.services import registry
from tui_office.services.attachments import REFERENCE_LIMIT, file_fields, read
from tui_office.services.decisions import can_view
from tui_office.services.office import Office
from tui_office.services.workflow import document_by_number, user_by_login
from tui_office.store.db import database
from tui_office.store.models import StoredFile

OK, CHANGED, MISSING = "ok", "changed", "missing"


@dataclass(frozen=True)
class FileState:
    """One file field of a document, and how its file is now."""

    field: str
    label: str
    path: str
    size: int
    sha256: str
    seen_at: str
    state: str
    """`ok`, `changed` (size or content differs from when it was attached) or `missing` (gone or unreadable)."""
    stored: bool
    """A copy is kept in the database (`files get`)."""

    def to_json(self) -> dict:
        return {"field": self.field, "path": self.path, "size": self.size, "sha256": self.sha256,
                "seen_at": self.seen_at, "state": self.state, "stored": self.stored}


def _now_state(ref: Mapping) -> str:
    try:
        size, digest, _ = read(ref["path"], "", max(ref["size"], REFERENCE_LIMIT), False)
    except ValidationError as problem:
        return CHANGED if problem.code in ("file_too_large", "file_not_regular") else MISSING
    return OK if (size, digest) == (ref["size"], ref["sha256"]) else CHANGED


def _viewable(office: Office, me: str, number: str):
    user = user_by_login(me)
    doc = document_by_number(number)
    if not can_view(user, doc, office.clock.now().date()):
        raise PermissionDenied("cannot_view", number=number)
    return doc, registry.form_by_definition_id(office, doc.definition_id)


def check(office: Office, me: str, number: str) -> list[FileState]:
    """Each file field of the document that refers to a file, and whether the file is as attached.

    Reads every file (streamed): call it from a worker thread in the app."""
    with database.atomic():
        doc, form = _viewable(office, me, number)
        refs = [(f, (doc.fields or {}).get(f.id)) for f in file_fields(form)]
        refs = [(f, ref) for f, ref in refs if is_reference(ref)]
        kept = {(row.field, row.sha256) for row in StoredFile.select(StoredFile.field, StoredFile.sha256)
                .where(StoredFile.document == doc.id)}
    return [FileState(f.id, f.label, *(ref[key] for key in REFERENCE_KEYS), state=_now_state(ref),
                      stored=(f.id, ref["sha256"]) in kept) for f, ref in refs]


def get(office: Office, me: str, number: str, field_id: str, out: Path, *, force: bool = False) -> Path:
    """Write the copy of a file field's file kept in the database to `out`; checks it first."""
    with database.atomic():
        doc, form = _viewable(office, me, number)
        if not any(f.id == field_id for f in file_fields(form)):
            raise OfficeError("not_a_file_field", field=field_id, number=doc.number,
                              fields=", ".join(f.id for f in file_fields(form)) or "-")
        ref = (doc.fields or {}).get(field_id)
        if not is_reference(ref):
            raise OfficeError("no_file", field=field_id, number=doc.number)
        row = StoredFile.get_or_none((StoredFile.document == doc.id) & (StoredFile.field == field_id)
                                     & (StoredFile.sha256 == ref["sha256"]))
        if row is None:
            raise NotFound("file_not_stored", field=field_id, number=doc.number, path=ref["path"])
        content = bytes(row.content)
    if hashlib.sha256(content).hexdigest() != ref["sha256"]:
        raise OfficeError("file_copy_damaged", field=field_id, number=doc.number)
    return _write(out, content, force)


def _write(out: Path, content: bytes, force: bool) -> Path:
    plain_line(str(out), "--out")
    target = out.expanduser()
    part = None
    try:
        if target.is_dir():
            raise OfficeError("file_out_is_folder", path=str(target))
        if target.exists() and not force:
            raise OfficeError("file_out_exists", path=str(target))
        handle, part = tempfile.mkstemp(prefix=f".{target.name[:100]}.", suffix=".part", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(part, target)
        part = None
    except OSError as exc:  # a name too long, a folder that is not there or not writable, a full disk
        raise OfficeError("file_out_failed", path=str(target), reason=exc.strerror or str(exc)) from None
    finally:
        if part is not None:
            with contextlib.suppress(OSError):
                os.unlink(part)
    return target


def warnings(states: list[FileState]) -> list[str]:
    """One line for each file that changed or went since it was attached (empty: all as attached)."""
    return [t(f"files.warn_{s.state}", label=s.label, path=s.path) for s in states if s.state != OK]
