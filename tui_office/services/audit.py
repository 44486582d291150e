"""Provides the append-only audit trail (审计留痕) with a hash chain, and its verification.

Each `Action` row stores the SHA-256 of its own content plus the previous row's hash, so a
changed, removed or inserted row breaks the chain from that row on. Each row also seals the state
it left behind: the document it touches (fields, status, step, every task and its decision) or,
for user administration, the user (record and roles). `verify()` checks the chain and then every
document and user against its last row, so an edit made outside tui-office shows up even when the
trail itself was not touched.

Rows are appended inside the caller's (IMMEDIATE) transaction and sealed just before it commits
(`store.db.before_commit`), so the digest is of the state the whole use case left, whatever order
its writes came in, and concurrent writers cannot fork the chain.

A decision taken by someone signed in with a PIN is also signed (`services.signing`): its row
names the key in its hashed content and holds an Ed25519 signature over that content, checked by
`verify()` against the public key the trail recorded when the key was made.

What the chain cannot show alone: rows cut off the end, or a trail rewritten and re-hashed from
start to finish. `checkpoint()` gives the head (row count and hash) to write down or send away;
`verify(checkpoint=…)` then proves the trail up to that row is the one that was written.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from peewee import PeeweeException

from tui_office.store import actions
from tui_office.store import state as stored
from tui_office.store.db import before_commit
from tui_office.store.models import Action, dumps
from tui_office.store.rows import create

PENDING = "pending"
"""`state_hash` of a row appended in the current transaction and not sealed yet."""

CHECKPOINT_HEX = 20
"""Hex digits of the head hash in a checkpoint: short enough to write down, 80 bits to forge."""


def _canonical(row: dict) -> str:
    return dumps(row)


def _content(
    document_id: int | None, task_id: int | None, actor_id: int | None, on_behalf_of_id: int | None,
    action: str, step: str, comment: str, at: datetime, definition_version: int, changes: object,
    state_hash: str = "", subject_user: int | None = None, signature_key: int | None = None,
) -> dict:
    content = {
        "document": document_id,
        "task": task_id,
        "actor": actor_id,
        "on_behalf_of": on_behalf_of_id,
        "action": action,
        "step": step,
        "comment": comment,
        "at": at.isoformat(sep=" "),
        "definition_version": definition_version,
        "changes": changes or {},
    }
    if state_hash:  # rows written before states were sealed hash exactly as they did then
        content["state"] = state_hash
    if subject_user is not None:
        content["subject_user"] = subject_user
    if signature_key is not None:
        content["signature_key"] = signature_key
    return content


def row_hash(prev_hash: str, content: dict) -> str:
    return hashlib.sha256((prev_hash + "\n" + _canonical(content)).encode("utf-8")).hexdigest()


def record(
    *, document_id: int | None, actor_id: int | None, action: str, at: datetime,
    step: str = "", comment: str = "", task_id: int | None = None, on_behalf_of_id: int | None = None,
    definition_version: int = 0, changes: object = None, subject_user_id: int | None = None,
) -> Action:
    """Append one audit row (call inside the use case's transaction).

    The row is chained and sealed with the state of its document (or `subject_user_id`'s user)
    when the transaction commits, so it may be called before or after the use case's writes.
    """
    at = at.replace(microsecond=0)
    row = create(
        Action, document=document_id, task=task_id, actor=actor_id, on_behalf_of=on_behalf_of_id,
        action=action, step=step, comment=comment, at=at, definition_version=definition_version,
        changes=changes or {}, prev_hash="", hash="", state_hash=PENDING, subject_user=subject_user_id,
    )
    before_commit(_seal)
    if document_id is not None:
        from tui_office.store import search_index  # loaded by the first write, not by reading

        search_index.touch(document_id)
        before_commit(search_index.flush)
    return row


def _state_of(document_id: int | None, subject_user: int | None) -> str:
    if document_id is not None:
        return stored.document_digest(document_id)
    if subject_user is not None:
        return stored.user_digest(subject_user)
    return ""


def _seal() -> None:
    """Chain and seal every row appended in this transaction, with the state it leaves."""
    pending = actions.unsealed(PENDING)
    if not pending:
        return
    from tui_office.services import signing

    prev = stored.hash_before(pending[0].id)
    for row in pending:
        state = _state_of(row.document_id, row.subject_user)
        signer = signing.signer_for(row.action, row.actor_id)
        content = _content(row.document_id, row.task_id, row.actor_id, row.on_behalf_of_id, row.action, row.step,
                           row.comment, row.at, row.definition_version, row.changes, state, row.subject_user,
                           signer.key_id if signer else None)
        digest = row_hash(prev, content)
        signature = signing.sign(signer, signed_bytes(content)) if signer else ""
        actions.seal(row.id, prev, digest, state, signer.key_id if signer else None, signature)
        prev = digest


def signed_bytes(content: dict) -> bytes:
    """What a signature covers: the row's canonical content, as its hash does."""
    return _canonical(content).encode("utf-8")


@dataclass(frozen=True)
class Checkpoint:
    """The head of the trail: how many rows, and the hash of the last one."""

    rows: int
    hash: str

    def __str__(self) -> str:
        return f"{self.rows}:{self.hash[:CHECKPOINT_HEX]}"

    def to_json(self) -> dict:
        return {"checkpoint": str(self), "rows": self.rows, "hash": self.hash}

    @classmethod
    def parse(cls, text: str) -> "Checkpoint":
        """`ROWS:HEX` as `checkpoint()` prints it (at least 8 hex digits); ValueError otherwise."""
        match = re.fullmatch(r"\s*(\d+)\s*:\s*([0-9a-fA-F]{8,64})\s*", text or "")
        if not match:
            raise ValueError(f"a checkpoint looks like 42:{'0' * CHECKPOINT_HEX}, not {text!r}")
        return cls(int(match.group(1)), match.group(2).lower())


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    rows: int
    bad_row: int | None = None
    reason: str = ""
    documents: int = 0
    users: int = 0
    checkpoint: Checkpoint | None = None
    signatures: int = 0
    """Signed decisions whose signature was checked."""


def checkpoint() -> Checkpoint:
    """The current head of the trail (0 rows: an empty hash)."""
    head = Action.select(Action.hash).order_by(Action.id.desc()).first()
    return Checkpoint(Action.select().count(), (head.hash if head else "") or "")


def verify(checkpoint: Checkpoint | None = None) -> ChainReport:
    """Walk the whole trail in order, then check every document and user against its last row.

    The first row whose hash or link does not match is reported; then a document or user whose
    stored state is not the one its last row sealed, or a document no row mentions. With a
    checkpoint, the row at that position must have that hash. A database too damaged to read is
    reported, not raised.
    """
    try:
        return _verify(checkpoint)
    except (PeeweeException, ValueError, TypeError, OverflowError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        return ChainReport(False, 0, None, f"the database cannot be read ({reason}); it was damaged or altered")


def _verify(checkpoint: Checkpoint | None) -> ChainReport:
    for table in ("action", "document", "task", "user"):
        if not stored.table_exists(table):
            return ChainReport(False, 0, None, f"the table '{table}' is missing (the database was altered)")
    prev = ""
    count = 0
    sealed_documents: dict[int, tuple[int, str]] = {}
    mentioned: set[int] = set()
    sealed_users: dict[int, tuple[int, str]] = {}
    public_keys: dict[int, str] = {}
    signatures = 0
    query = Action.select().order_by(Action.id).iterator()
    while True:
        try:
            row = next(query)
        except StopIteration:
            break
        except ValueError:  # a JSON column no longer parses
            return ChainReport(False, count + 1, None, "a row cannot be read (it was altered)")
        count += 1
        try:
            at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
            content = _content(row.document_id, row.task_id, row.actor_id, row.on_behalf_of_id, row.action,
                               row.step, row.comment, at, row.definition_version, row.changes, row.state_hash,
                               row.subject_user, row.signature_key)
        except (ValueError, TypeError):
            return ChainReport(False, count, row.id, "the row cannot be read (it was altered)")
        if row.prev_hash != prev:
            return ChainReport(False, count, row.id, "link to the previous row is broken (a row was removed or inserted)")
        if row_hash(prev, content) != row.hash:
            return ChainReport(False, count, row.id, "content does not match its hash (the row was altered)")
        prev = row.hash
        problem = _signature_problem(row, content, public_keys)
        if problem:
            return ChainReport(False, count, row.id, problem)
        signatures += row.signature_key is not None
        if checkpoint is not None and count == checkpoint.rows and not row.hash.startswith(checkpoint.hash):
            return ChainReport(False, count, row.id, f"it does not match the checkpoint {checkpoint} "
                               "(the trail was rewritten up to there)")
        if row.document_id is not None:
            mentioned.add(row.document_id)
            if row.state_hash:
                sealed_documents[row.document_id] = (row.id, row.state_hash)
        elif row.subject_user is not None and row.state_hash:
            sealed_users[row.subject_user] = (row.id, row.state_hash)
    if checkpoint is not None and count < checkpoint.rows:
        return ChainReport(False, count, None, f"the trail has {count} rows, fewer than the {checkpoint.rows} of "
                           f"checkpoint {checkpoint} (rows were removed from the end)")
    documents = stored.document_ids()
    present = {document_id for document_id, _ in documents}
    for document_id, (row_id, _) in sealed_documents.items():
        if document_id not in present:
            return ChainReport(False, count, row_id, f"the document this row is about (id {document_id}) is gone "
                               "(it was deleted outside tui-office)")
    for document_id, number in documents:
        if document_id not in mentioned:
            return ChainReport(False, count, None, f"document {number} has no audit row (the trail was cut, or the "
                               "document was added outside tui-office)")
        sealed = sealed_documents.get(document_id)
        if sealed and stored.document_digest(document_id) != sealed[1]:
            return ChainReport(False, count, sealed[0], f"document {number} is not in the state this row sealed "
                               "(the document or its tasks were changed outside tui-office)")
    for user_id, login in stored.user_ids():
        sealed = sealed_users.get(user_id)
        if sealed and stored.user_digest(user_id) != sealed[1]:
            return ChainReport(False, count, sealed[0], f"user {login} is not in the state this row sealed "
                               "(the user or their roles were changed outside tui-office)")
    return ChainReport(True, count, documents=len(sealed_documents), users=len(sealed_users), checkpoint=checkpoint,
                       signatures=signatures)


def _signature_problem(row: Action, content: dict, public_keys: dict[int, str]) -> str:
    """Why a row's signature does not hold ("" when it does, or the row is unsigned); a row that
    records a new key adds it to `public_keys`."""
    from tui_office.services import signing

    if row.action == signing.KEY_ADDED and isinstance(row.changes, dict):
        public_keys[row.changes.get("key")] = str(row.changes.get("public_key", ""))
    if row.signature_key is None:
        return "a signature without the key it was made with (the row was altered)" if row.signature else ""
    public = public_keys.get(row.signature_key)
    if public is None:
        return f"signed with key {row.signature_key}, which the trail never recorded (the row was altered)"
    if not signing.verifies(public, row.signature or "", signed_bytes(content)):
        return "the signature does not match the row (the signature or the row was altered)"
    return ""
