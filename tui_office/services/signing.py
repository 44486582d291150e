"""Provides electronic signatures (电子签名): users' Ed25519 key pairs and signing audit rows.

A user's key pair is made when their PIN is first set. The private key is kept sealed with
AES-GCM under a key derived from the PIN (Argon2id), so it is usable only after a sign-in with
that PIN (`unlock`), for the rest of the process. A decision recorded while its actor's key is
unlocked is signed over the same canonical content its audit row hashes (`services.audit`).

Each new key's public half is written into the audit trail when it is made, and `audit verify`
checks signatures against that recorded copy: replacing a key in its table does not make a forged
signature pass. A retired key (after an administrator reset a PIN) keeps verifying what it signed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime

from typing import TYPE_CHECKING, Any

from tui_office.domain.signatures import SIGNED_ACTIONS
from tui_office.store.models import SigningKey

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
# The cryptography and argon2 modules are imported where they are used: most processes (the app
# starting, a command that signs nothing) never need them.

KDF_TIME_COST = 2
KDF_MEMORY_KIB = 19 * 1024
"""Argon2id cost of deriving the key that seals a private key (OWASP's minimum for Argon2id)."""

KEY_ADDED = "signing_key_add"
"""The audit action that records a new public key (`changes`: key id and public key, hex)."""


@dataclass(frozen=True)
class UnlockedKey:
    """A signing key opened by its owner's PIN for this process."""

    key_id: int
    private: Any
    """The opened `Ed25519PrivateKey`."""


_unlocked: dict[int, UnlockedKey] = {}
"""User id -> their key opened in this process (the app's workers are threads, so not per thread)."""
_lock = threading.Lock()


def _derive(pin: str, salt: bytes) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(pin.encode("utf-8"), salt, time_cost=KDF_TIME_COST, memory_cost=KDF_MEMORY_KIB,
                           parallelism=1, hash_len=32, type=Type.ID)


def _raw(private: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    return private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def _seal(raw_private: bytes, pin: str) -> tuple[bytes, bytes]:
    """(salt, nonce + ciphertext) of a raw private key under a PIN-derived key."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    return salt, nonce + AESGCM(_derive(pin, salt)).encrypt(nonce, raw_private, b"tui-office signing key")


def _open(row: SigningKey, pin: str) -> Ed25519PrivateKey | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    sealed = bytes(row.private_key)
    try:
        raw = AESGCM(_derive(pin, bytes(row.salt))).decrypt(sealed[:12], sealed[12:], b"tui-office signing key")
    except (InvalidTag, ValueError):
        return None
    return Ed25519PrivateKey.from_private_bytes(raw)


def current_key(user_id: int) -> SigningKey | None:
    """The user's key in use (not retired), if they have one."""
    return (SigningKey.select().where((SigningKey.user == user_id) & (SigningKey.retired_at.is_null()))
            .order_by(SigningKey.id.desc()).first())


def new_key(user_id: int, pin: str, now: datetime) -> SigningKey:
    """Make a key pair for the user sealed under `pin`, retiring any key they had (call inside the
    use case's transaction; the caller records the public key with `KEY_ADDED`)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    SigningKey.update(retired_at=now).where((SigningKey.user == user_id) & (SigningKey.retired_at.is_null())).execute()
    private = Ed25519PrivateKey.generate()
    salt, sealed = _seal(_raw(private), pin)
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    row = SigningKey.create(user=user_id, public_key=public, private_key=sealed, salt=salt, created_at=now)
    with _lock:
        _unlocked[user_id] = UnlockedKey(row.id, private)
    return row


def reseal(user_id: int, old_pin: str, new_pin: str) -> bool:
    """Seal the user's current key under a new PIN; False if the old PIN does not open it."""
    row = current_key(user_id)
    if row is None:
        return False
    private = _open(row, old_pin)
    if private is None:
        return False
    row.salt, row.private_key = _seal(_raw(private), new_pin)
    row.save()
    return True


def unlock(user_id: int, pin: str) -> bool:
    """Open the user's current key with their PIN for this process; False if they have none or it
    does not open."""
    row = current_key(user_id)
    private = _open(row, pin) if row is not None else None
    if private is None:
        return False
    with _lock:
        _unlocked[user_id] = UnlockedKey(row.id, private)
    return True


def forget(user_id: int | None = None) -> None:
    """Close one user's key (all keys with None): their later decisions are not signed."""
    with _lock:
        if user_id is None:
            _unlocked.clear()
        else:
            _unlocked.pop(user_id, None)


def signer_for(action: str, actor_id: int | None) -> UnlockedKey | None:
    """The key that signs this audit row: its actor's opened key, for a decision."""
    if action not in SIGNED_ACTIONS or actor_id is None:
        return None
    with _lock:
        return _unlocked.get(actor_id)


def sign(key: UnlockedKey, content: bytes) -> str:
    return key.private.sign(content).hex()


def verifies(public_key_hex: str, signature_hex: str, content: bytes) -> bool:
    """Whether the signature is the key's over `content` (a malformed key or signature is not)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(bytes.fromhex(signature_hex), content)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
