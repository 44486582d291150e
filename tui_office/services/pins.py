"""Provides PINs: setting one's own, signing in with it, the lockout, and an administrator's reset.

An office turns PINs on with `security.require_pin`. A PIN is stored only as its Argon2id hash
(`User.pin_hash`, sealed with the user's record in the audit trail) and never written anywhere
in clear. `security.pin_max_tries` wrong PINs in a row lock the account for
`security.pin_lock_minutes`; each wrong try and each lock is an audit row. Setting a PIN for
the first time (or again after an administrator's reset) makes the user's signing key pair.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.domain.office_settings import PIN_LOCK_MINUTES, PIN_MAX_TRIES, PIN_MIN_LENGTH, REQUIRE_PIN
from tui_office.domain.text import control_problem
from tui_office.services import audit, inactivity, office_settings, signing
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store.db import database
from tui_office.store.models import Credential, User

MAX_PIN_LENGTH = 128
"""Longer PINs are refused: hashing megabytes is no stronger and would stall sign-in."""

def _hasher():  # noqa: ANN202 - argon2's PasswordHasher, imported only when a PIN is checked or set
    """Argon2id at OWASP's minimum cost: a few hundredths of a second per sign-in."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def required(office: Office) -> bool:
    """Whether this office signs everyone in with a PIN."""
    return bool(office_settings.get(office, REQUIRE_PIN))


def has_pin(login: str) -> bool:
    user = User.get_or_none(User.login == login)
    return bool(user is not None and user.pin_hash)


def _user(login: str) -> User:
    user = User.get_or_none((User.login == login) & (User.active == True))  # noqa: E712
    if user is None:
        raise OfficeError("unknown_user", name=login)
    return user


def check_new_pin(office: Office, pin: object) -> str:
    """The new PIN if it is acceptable; `pin_too_short` or `pin_invalid` otherwise."""
    if not isinstance(pin, str) or len(pin) > MAX_PIN_LENGTH or control_problem(pin) or pin != pin.strip():
        raise OfficeError("pin_invalid", most=MAX_PIN_LENGTH)
    least = office_settings.get(office, PIN_MIN_LENGTH)
    if len(pin) < least:
        raise OfficeError("pin_too_short", least=least)
    return pin


def _locked_until(user: User, now: datetime) -> datetime | None:
    row = Credential.get_or_none(Credential.user == user.id)
    if row is not None and row.locked_until is not None and row.locked_until > now:
        return row.locked_until
    return None


def _matches(user: User, pin: object) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    if not isinstance(pin, str) or len(pin) > MAX_PIN_LENGTH or not user.pin_hash:
        return False
    try:
        return _hasher().verify(user.pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def _check(office: Office, user: User, pin: object) -> None:
    """Refuse a locked account; count a wrong PIN (committed, audited, locking at the limit) and
    refuse it; clear the count on a right one."""
    now = office.clock.now()
    until = _locked_until(user, now)
    if until is not None:
        raise PermissionDenied("pin_locked", login=user.login, until=until.strftime("%Y-%m-%d %H:%M"))
    if _matches(user, pin):
        Credential.delete().where(Credential.user == user.id).execute()
        return
    with database.atomic():
        row, _ = Credential.get_or_create(user=user.id)
        tries = row.failed_tries + 1 if row.locked_until is None else 1  # a lock that ran out starts again
        most = office_settings.get(office, PIN_MAX_TRIES)
        locked = now + timedelta(minutes=office_settings.get(office, PIN_LOCK_MINUTES)) if tries >= most else None
        Credential.update(failed_tries=0 if locked else tries, locked_until=locked).where(Credential.id == row.id).execute()
        audit.record(document_id=None, actor_id=user.id, action="pin_locked" if locked else "pin_failed", at=now,
                     changes={"tries": tries, **({"until": locked.isoformat(sep=" ")} if locked else {})})
    if locked:
        raise PermissionDenied("pin_locked", login=user.login, until=locked.strftime("%Y-%m-%d %H:%M"))
    raise PermissionDenied("pin_wrong", login=user.login, left=most - tries)


def sign_in(office: Office, login: str, pin: object, *, unlock: bool = True) -> None:
    """Check `login`'s PIN (see `_check`); with `unlock`, open their signing key for this process
    so their decisions are signed. A user without a PIN is told to set one."""
    user = _user(login)
    if not user.pin_hash:
        raise OfficeError("pin_not_set", login=login)
    _check(office, user, pin)
    if unlock:
        signing.unlock(user.id, pin)


def set_pin(office: Office, login: str, new_pin: object, old_pin: object = None, *, new_key: bool = False) -> None:
    """Set `login`'s own PIN: the old one must be given when there is one (a wrong one counts
    towards the lock). The signing key is sealed under the new PIN; a first PIN, a PIN after a
    reset, or `new_key` makes a new key pair (older keys stay, retired, for verifying)."""
    user = _user(login)
    new_pin = check_new_pin(office, new_pin)
    if user.pin_hash:
        _check(office, user, old_pin)
    now = office.clock.now()
    with database.atomic():
        User.update(pin_hash=_hasher().hash(new_pin)).where(User.id == user.id).execute()
        kept = not new_key and bool(user.pin_hash) and signing.reseal(user.id, str(old_pin), new_pin)
        audit.record(document_id=None, actor_id=user.id, action="pin_set", at=now, subject_user_id=user.id,
                     changes={"login": login})
        if not kept:
            key = signing.new_key(user.id, new_pin, now)
            audit.record(document_id=None, actor_id=user.id, action=signing.KEY_ADDED, at=now,
                         changes={"login": login, "key": key.id, "public_key": key.public_key})
    signing.unlock(user.id, new_pin)
    inactivity.mark_seen(office, login)


def pin_states(office: Office, by: str) -> dict[str, str]:
    """Each user's PIN state for an administrator: `set`, `none` or `locked` (until a time)."""
    require_admin(by)
    now = office.clock.now()
    locked = {row.user_id: row.locked_until for row in Credential.select()
              if row.locked_until is not None and row.locked_until > now}
    return {user.login: "locked" if user.id in locked else "set" if user.pin_hash else "none"
            for user in User.select(User.id, User.login, User.pin_hash)}


def reset_pin(office: Office, by: str, login: str) -> None:
    """An administrator clears `login`'s PIN and lock: they set a new PIN at their next sign-in,
    which gives them a new signing key (the old one stays for verifying)."""
    with database.atomic():
        admin = require_admin(by)
        user = _user(login)
        User.update(pin_hash=None).where(User.id == user.id).execute()
        Credential.delete().where(Credential.user == user.id).execute()
        audit.record(document_id=None, actor_id=admin.id, action="pin_reset", at=office.clock.now(),
                     subject_user_id=user.id, changes={"login": login})
    signing.forget(user.id)
