"""Provides the rules of encrypted fields (`encrypted = true`): who reads them, how they are masked,
the stored envelope's shape, and what a definition may not do with them.

An encrypted field's value is stored as an envelope, `enc:v1:KEYID:BASE64`, made with AES-GCM
under the office key (`services/field_secrets.py` does the cryptography). The engine never needs
the clear value: conditions, checks, formulas, totals, titles and numbering schemes may not name an
encrypted field (`definitions check` says where), so only the people allowed to read it ever get
it in clear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui_office.domain.definitions import FormDef
    from tui_office.domain.expressions import Expression
    from tui_office.domain.fields import FieldDef

ENCRYPTABLE_TYPES = ("text", "integer", "decimal", "money")
"""Field types that may be encrypted: ID numbers, bank accounts, salaries."""

MASK = "****"
"""What replaces an encrypted value for someone who may not read it."""
VISIBLE_TAIL = 4
"""Characters of a text value left visible after the mask (`****1234`) ..."""
TAIL_FROM = 8
"""... when the value has at least this many characters (a shorter one is masked whole)."""

ENVELOPE_PREFIX = "enc:v1:"
_ENVELOPE = re.compile(r"enc:v1:([0-9a-f]{16}):([A-Za-z0-9+/=]+)\Z")


def may_read(field: FieldDef, roles: Iterable[str], is_initiator: bool) -> bool:
    """True when a viewer sees the field in clear: its document's initiator, or a role in `readers`."""
    return is_initiator or bool(set(field.readers) & set(roles))


def mask(field: FieldDef, text: str) -> str:
    """The masked form of a value as shown: `****` and the last four characters of a text value
    of eight or more characters, spaces and hyphens left out (an ID number, an account:
    `****1234`); a shorter text and every number wholly masked."""
    compact = re.sub(r"[\s-]", "", text)  # 6222 0210 … 789 shows as ****6789
    if field.type == "text" and len(compact) >= TAIL_FROM:
        return MASK + compact[-VISIBLE_TAIL:]
    return MASK


def envelope(key_id: str, sealed: str) -> str:
    """The stored form of an encrypted value: the key's id and the base64 of nonce + ciphertext."""
    return f"{ENVELOPE_PREFIX}{key_id}:{sealed}"


def parse_envelope(stored: Any) -> tuple[str, str] | None:
    """(key id, base64 payload) of a stored envelope, or None when `stored` is not one."""
    match = _ENVELOPE.match(stored) if isinstance(stored, str) else None
    return (match.group(1), match.group(2)) if match else None


def associated_data(document_id: int, field_id: str) -> bytes:
    """What binds a ciphertext to its place: the document's id and the field's id, so a value
    copied to another document or field does not decrypt."""
    return f"tui-office field v1|{document_id}|{field_id}".encode()


def encrypted_fields(form: FormDef) -> tuple[FieldDef, ...]:
    """The form's encrypted fields (its own and those its steps declare)."""
    return tuple(f for f in form.fields if f.encrypted)


def definition_problems(form: FormDef, expressions: Sequence[tuple[Expression, int, str, str | None]]) -> list[tuple[int, str]]:
    """(line, message) for every use of an encrypted field the engine would have to read in clear."""
    secret = {f.id: f for f in encrypted_fields(form)}
    if not secret:
        return []
    out = []
    for expression, line, what, _scope in expressions:
        for name in sorted({n.split(".", 1)[0] for n in expression.names} & set(secret)):
            out.append((line, f"{what}: {name!r} is encrypted, so no condition, check or formula may use it"))
    for step in form.steps:
        for name in [fid for fid in step.fields if fid in secret]:
            out.append((secret[name].line, f"step {step.id!r}: {name!r} is encrypted; an encrypted field is"
                                           " filled at submit, by the document's initiator, not at a step"))
    for f in secret.values():
        if "total_of" in f.extra:
            out.append((f.line, f"field {f.id!r}: an encrypted field cannot be checked against a total (total_of)"))
    if form.title_field in secret:
        out.append((form.line, f"title_field {form.title_field!r} is encrypted: titles are shown in every list"))
    for name in sorted(set(re.findall(r"\{(\w+)\}", form.title_template or "")) & set(secret)):
        out.append((form.line, f"title_template names {name!r}, which is encrypted: titles are shown in every list"))
    if form.numbering is not None:
        for name in sorted(set(form.numbering.fields) & set(secret)):
            out.append((form.numbering.line, f"number names {name!r}, which is encrypted: numbers are shown in every list"))
    return out


def reader_roles(form: FormDef) -> list[tuple[int, str]]:
    """(line, role) for each role an encrypted field names in `readers`."""
    return [(f.line, role) for f in encrypted_fields(form) for role in f.readers]
