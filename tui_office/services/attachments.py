"""Provides the reading of a file field's file into a reference (path, size, SHA-256, when it was
seen) when a document is saved or sent, and the copies an office keeps in the database.

A file is read in chunks (a large one never sits in memory) and before the writing transaction,
so hashing it never holds the database's write lock; in the app this runs in a worker thread.
Nothing of the file is copied into the database unless the form sets `store_files = true` or an
administrator sets `files.store` (then up to `STORED_LIMIT` bytes, in the `stored_file` table).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.domain.field_coercion import coerce_file
from tui_office.domain.file_reference import human_size
from tui_office.domain.office_settings import STORE_FILES
from tui_office.services import office_settings, registry
from tui_office.services.office import Office
from tui_office.store import documents as document_rows
from tui_office.store.models import StoredFile

FILE_TYPE = "file"
REFERENCE_LIMIT = 1 << 30
"""The largest file a file field refers to (1 GB) unless the field's `max` (bytes) says otherwise."""
STORED_LIMIT = 20 * 1024 * 1024
"""The largest file kept in the database when files are stored (20 MB)."""
CHUNK = 1 << 20


def file_fields(form: FormDef) -> list:
    return [f for f in form.fields if f.type == FILE_TYPE]


def stores_files(office: Office, form: FormDef) -> bool:
    """Whether a copy of this form's files goes into the database."""
    return form.store_files or bool(office_settings.get(office, STORE_FILES))


def read(path: str, where: str, limit: int, keep: bool) -> tuple[int, str, bytes | None]:
    """(size, sha256, content if `keep`) of the regular file at `path`, read in chunks."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ValidationError(where, "file_missing", path=path) from None
    except OSError as exc:
        raise ValidationError(where, "file_unreadable", path=path, reason=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError(where, "file_not_regular", path=path)
    if info.st_size > limit:
        raise ValidationError(where, "file_too_large", size=human_size(info.st_size), limit=human_size(limit))
    if keep and info.st_size > STORED_LIMIT:
        raise ValidationError(where, "file_too_large_to_store", size=human_size(info.st_size),
                              limit=human_size(STORED_LIMIT))
    digest, size, chunks = hashlib.sha256(), 0, []
    try:
        with open(path, "rb") as handle:
            while block := handle.read(CHUNK):
                digest.update(block)
                size += len(block)
                if size > limit or (keep and size > STORED_LIMIT):  # it grew while being read
                    raise ValidationError(where, "file_too_large", size=human_size(size),
                                          limit=human_size(STORED_LIMIT if keep else limit))
                if keep:
                    chunks.append(block)
    except OSError as exc:
        raise ValidationError(where, "file_unreadable", path=path, reason=exc.strerror or str(exc)) from None
    return size, digest.hexdigest(), b"".join(chunks) if keep else None


def reference(text: str, where: str, now: datetime, *, limit: int = REFERENCE_LIMIT,
              keep: bool = False) -> tuple[dict, bytes | None]:
    """The reference for the path `text` (made absolute), and the content when `keep`."""
    typed = coerce_file(text, where)
    path = os.path.abspath(os.path.expanduser(typed))
    size, digest, content = read(path, where, limit, keep)
    return {"path": path, "size": size, "sha256": digest, "seen_at": now.replace(microsecond=0).isoformat()}, content


@dataclass
class Attached:
    """What `attach` made of the file fields of one submission."""

    values: dict
    """The submitted values with each path read replaced by its reference."""
    problems: list[ValidationError] = field(default_factory=list)
    """Paths that could not be attached (their fields are left out of `values`)."""
    contents: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    """Field id → (sha256, content) to keep in the database."""


def _form_of(office: Office, form_id: str | None, number: str | None) -> tuple[FormDef, dict]:
    if number:
        doc = document_rows.by_number(number)
        if doc is None:
            raise OfficeError("no_such_document", number=number)
        return registry.form_by_definition_id(office, doc.definition_id), dict(doc.fields or {})
    return registry.latest(office, form_id or "")[1], {}


def attach(office: Office, form_id: str | None, number: str | None, values: Mapping, now: datetime,
           *, draft: bool = False) -> Attached:
    """Read the file of every path given for a file field (and of paths a draft kept unread).

    A draft keeps the paths as typed: its files are read when it is sent."""
    out = Attached(dict(values))
    if draft:
        return out
    try:
        form, stored = _form_of(office, form_id, number)
    except OfficeError:
        return out  # the submission itself says what is wrong with the form or the number
    keep = stores_files(office, form) if file_fields(form) else False
    for f in file_fields(form):
        raw = values[f.id] if f.id in values else stored.get(f.id)
        if not isinstance(raw, str) or not raw.strip():
            continue
        try:
            ref, content = reference(raw, f.id, now, limit=f.max if isinstance(f.max, int) else REFERENCE_LIMIT,
                                     keep=keep)
        except ValidationError as problem:
            out.problems.append(problem)
            out.values.pop(f.id, None)
            continue
        out.values[f.id] = ref
        if content is not None:
            out.contents[f.id] = (ref["sha256"], content)
    return out


def unread(form: FormDef, values: Mapping) -> list[ValidationError]:
    """A problem for each file field that still holds a path instead of a reference."""
    return [ValidationError(f.id, "file_unread", path=str(values[f.id])) for f in file_fields(form)
            if isinstance(values.get(f.id), str) and values[f.id]]


def keep(document_id: int, attached: Attached, now: datetime) -> None:
    """Store the contents `attach` read (inside the submitting transaction)."""
    for field_id, (digest, content) in attached.contents.items():
        exists = StoredFile.get_or_none((StoredFile.document == document_id) & (StoredFile.field == field_id)
                                        & (StoredFile.sha256 == digest))
        if exists is None:
            StoredFile.create(document=document_id, field=field_id, sha256=digest, size=len(content),
                              content=content, stored_at=now)
