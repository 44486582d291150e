"""Provides the office key and the encryption of encrypted fields (`encrypted = true`).

The office key is 32 random bytes in a file outside the database (`Office.key_file`: config
`key_file`, else `<database file>.key` beside it), made by `init` and `demo` with mode 0600. Each
encrypted value is stored as AES-GCM (a fresh 12-byte nonce) over its stored JSON, with the
document's id and the field's id as associated data, so a value moved to another document or field
does not decrypt. The database records the key's id (`office.key_id`), so a key file of another
office is named as such. Values are encrypted when a document is written (`seal`) and decrypted
when a reader looks (`for_viewer`); the search index never sees them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui_office.domain import secret_fields
from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import OfficeError
from tui_office.domain.field_coercion import is_empty
from tui_office.i18n import t
from tui_office.services.office import Office
from tui_office.store import users as user_rows
from tui_office.store.db import database
from tui_office.store.models import Document, OfficeSetting

KEY_HEADER = "tui-office-key-v1"
"""The first word of a key file; the base64 of the key follows on the same line."""
KEY_BYTES = 32
KEY_ID_SETTING = "office.key_id"
"""The office setting that records which key this database's values are encrypted under."""
NONCE_BYTES = 12
KEY_FILE_LIMIT = 200
"""A key file is one short line; anything longer is not a key (and is not read whole)."""


@dataclass(frozen=True)
class OfficeKey:
    """The office key as read from its file."""

    path: Path
    secret: bytes
    id: str


def key_id(secret: bytes) -> str:
    """A short public name of a key (it reveals nothing of the key)."""
    return hashlib.sha256(b"tui-office key id\0" + secret).hexdigest()[:16]


def _recorded_id() -> str | None:
    row = OfficeSetting.get_or_none(OfficeSetting.key == KEY_ID_SETTING)
    return row.value if row is not None else None


def _record_id(value: str) -> None:
    OfficeSetting.insert(key=KEY_ID_SETTING, value=value).on_conflict(
        conflict_target=[OfficeSetting.key], update={OfficeSetting.value: value}).execute()


def _read(path: Path) -> OfficeKey:
    try:
        with path.open("rb") as fh:
            text = fh.read(KEY_FILE_LIMIT + 1).decode("ascii")
    except FileNotFoundError:
        raise OfficeError("key_missing", path=str(path)) from None
    except UnicodeDecodeError:
        raise OfficeError("key_invalid", path=str(path)) from None
    except OSError as exc:
        raise OfficeError("key_unreadable", path=str(path), reason=exc.strerror or type(exc).__name__) from None
    words = text.split() if len(text) <= KEY_FILE_LIMIT else []
    try:
        secret = base64.b64decode(words[1], validate=True) if len(words) == 2 and words[0] == KEY_HEADER else b""
    except ValueError:
        secret = b""
    if len(secret) != KEY_BYTES:
        raise OfficeError("key_invalid", path=str(path))
    return OfficeKey(path, secret, key_id(secret))


def load_key(office: Office) -> OfficeKey:
    """The office key, checked against the id this database recorded; one-line OfficeError when
    the file is missing, unreadable, not a key, or another office's."""
    key = _read(office.key_file)
    recorded = _recorded_id()
    if recorded is not None and recorded != key.id:
        raise OfficeError("key_other_office", path=str(key.path), expected=recorded, found=key.id)
    return key


def ensure_key(office: Office, *, replace_lost: bool = False) -> Path | None:
    """Make the office key when the office has none (`init`, `demo`); adopt a key file that is
    already there for a database that recorded none (an office moved to a new database). Returns
    the path of a key made now, else None. `replace_lost`: the recorded key's file is lost, make a
    new one (what it encrypted stays unreadable)."""
    with database.atomic():
        return _ensure_key(office, replace_lost)


def _ensure_key(office: Office, replace_lost: bool) -> Path | None:
    path = office.key_file
    recorded = _recorded_id()
    if path.exists():
        if replace_lost:
            raise OfficeError("key_exists", path=str(path))
        key = _read(path)
        if recorded is None:
            _record_id(key.id)
        elif recorded != key.id:
            raise OfficeError("key_other_office", path=str(path), expected=recorded, found=key.id)
        return None
    if recorded is not None and not replace_lost:
        raise OfficeError("key_missing", path=str(path))
    secret = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(f"{KEY_HEADER} {base64.b64encode(secret).decode('ascii')}\n")
    except OSError as exc:
        raise OfficeError("key_unwritable", path=str(path), reason=exc.strerror or type(exc).__name__) from None
    _record_id(key_id(secret))
    return path


# ----------------------------------------------------------------------------- values

def _encrypt(key: OfficeKey, document_id: int, field_id: str, stored: Any) -> str:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    sealed = AESGCM(key.secret).encrypt(nonce, json.dumps(stored).encode(),
                                        secret_fields.associated_data(document_id, field_id))
    return secret_fields.envelope(key.id, base64.b64encode(nonce + sealed).decode("ascii"))


def _decrypt(key: OfficeKey, doc: Document, field_id: str, label: str, stored: str) -> Any:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    parsed = secret_fields.parse_envelope(stored)
    if parsed is None:
        raise OfficeError("value_not_encrypted", field=label, number=doc.number)
    kid, payload = parsed
    if kid != key.id:
        raise OfficeError("value_other_key", field=label, number=doc.number, key=kid)
    try:
        raw = base64.b64decode(payload, validate=True)
        clear = AESGCM(key.secret).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:],
                                           secret_fields.associated_data(doc.id, field_id))
    except (InvalidTag, ValueError):
        raise OfficeError("value_tampered", field=label, number=doc.number) from None
    return json.loads(clear)


def _present(form: FormDef, stored: dict) -> list:
    return [f for f in secret_fields.encrypted_fields(form) if not is_empty(stored.get(f.id))]


def seal(office: Office, doc: Document, form: FormDef, stored: dict, previous: dict | None = None,
         previous_clear: dict | None = None) -> dict:
    """`stored` with each encrypted field's clear value encrypted for `doc` (saved first when new,
    for its id). A value equal to what `previous` held keeps its ciphertext, so resubmitting does
    not show it as changed. Refused with one line when the office key cannot be used."""
    present = _present(form, stored)
    if not present:
        return stored
    previous, previous_clear = previous or {}, previous_clear or {}
    out = dict(stored)
    key = None
    for f in present:
        value = stored[f.id]
        if value == previous.get(f.id) and secret_fields.parse_envelope(value):
            continue  # carried over unchanged (a step approving other fields)
        if f.id in previous_clear and previous_clear[f.id] == value and secret_fields.parse_envelope(previous.get(f.id)):
            out[f.id] = previous[f.id]
            continue
        if key is None:
            key = load_key(office)
        if doc.id is None:
            doc.fields = {k: v for k, v in stored.items() if k not in {p.id for p in present}}
            doc.save()
        out[f.id] = _encrypt(key, doc.id, f.id, value)
    return out


def opened(office: Office, doc: Document, form: FormDef, stored: dict | None) -> dict:
    """`stored` with every encrypted value decrypted, for the initiator editing their own document;
    one-line OfficeError when a value cannot be decrypted."""
    stored = dict(stored or {})
    present = [f for f in _present(form, stored) if secret_fields.parse_envelope(stored[f.id])]
    if not present:
        return stored
    key = load_key(office)
    for f in present:
        stored[f.id] = _decrypt(key, doc, f.id, f.label, stored[f.id])
    return stored


@dataclass(frozen=True)
class Shown:
    """What a viewer may see of a document's stored fields."""

    fields: dict
    """The stored fields, each encrypted one in clear, masked (`****1234`) or marked unreadable."""
    problems: tuple[str, ...] = ()
    """One line for each encrypted value that could not be decrypted, saying why."""


def for_viewer(office: Office, doc: Document, form: FormDef, viewer_id: int) -> Shown:
    """The document's stored fields as this viewer may see them: an encrypted value in clear for
    its readers and the initiator, masked for everyone else; one that cannot be decrypted is
    marked, with the reason in `problems` (the rest of the document is unaffected)."""
    stored = dict(doc.fields or {})
    present = _present(form, stored)
    if not present:
        return Shown(stored)
    problems: list[str] = []
    roles = None
    try:
        key = load_key(office)
    except OfficeError as exc:
        key, problems = None, [str(exc)]
    for f in present:
        try:
            if key is None:
                raise OfficeError("key_unusable")
            clear = _decrypt(key, doc, f.id, f.label, stored[f.id])
        except OfficeError as exc:
            if key is not None:
                problems.append(str(exc))
            stored[f.id] = t("secret.unreadable")
            continue
        if roles is None:
            roles = user_rows.roles_of(viewer_id)
        if secret_fields.may_read(f, roles, viewer_id == doc.initiator_id):
            stored[f.id] = clear
        else:
            stored[f.id] = secret_fields.mask(f, f.display(f.from_storage(clear)))
    return Shown(stored, tuple(problems))
