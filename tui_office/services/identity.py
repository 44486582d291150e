"""Provides who the current user is: the OS account, mapped to a user of the office.

A user's `os_login` names the OS account they sign in as; with none set, the account with the
same name as their login is theirs. Acting as someone else (`--user`, or config `user`, naming
another user) is allowed for admins, and for everyone only when the office turns on
`security.allow_user_switch` (a demo office does). A refused attempt is one line and one audit row.

An office with `security.require_pin` also asks for a PIN (`sign_in`): the PIN of the user acted
as, or an administrator's own when they act as someone else (whose decisions are then unsigned,
as the administrator cannot open that person's signing key).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from peewee import PeeweeException

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.domain.office_settings import ALLOW_USER_SWITCH
from tui_office.services import audit, directory, office_settings, permissions, pins
from tui_office.services.directory import UserInfo
from tui_office.services.office import Office
from tui_office.store.db import database
from tui_office.store.models import User


def user_for_account(account: str) -> User | None:
    """The active user bound to OS account `account`: an explicit `os_login` wins over a login
    of the same name that has no `os_login` of its own."""
    user = User.get_or_none(User.os_login == account)
    if user is None:
        user = User.get_or_none((User.login == account) & (User.os_login.is_null()))
    return user if user is not None and user.active else None


@dataclass(frozen=True)
class Who:
    """Who this process acts as, and whose PIN signs it in."""

    user: UserInfo
    """The user acted as."""
    signer: str
    """The login whose PIN is asked: the user's own, or the switching administrator's."""
    own: bool
    """True when the signer is the user acted as (their decisions can be signed)."""


def identify(office: Office, requested: str | None = None, *, account: str | None = None) -> UserInfo:
    """The user this process acts as: `requested` (`--user`), else config `user`, else the user
    bound to the OS account. Acting as another user than one's own needs the right to switch."""
    return resolve(office, requested, account=account).user


def resolve(office: Office, requested: str | None = None, *, account: str | None = None) -> Who:
    """`identify`, saying also whose PIN signs this process in."""
    if not User.select().exists():
        raise OfficeError("no_users", target=office.target)
    account = account or permissions.os_account()
    me = user_for_account(account)
    wanted = requested or office.settings.user or None
    if not wanted or (me is not None and wanted == me.login):
        if me is None:
            raise OfficeError("unknown_os_user", account=account)
        return Who(directory.get_user(office, me.login), me.login, True)
    if not may_switch(office, me):
        _record_refusal(office, account, me, wanted)
        raise PermissionDenied("user_switch_refused", account=account, requested=wanted)
    target = User.get_or_none((User.login == wanted) & (User.active == True))  # noqa: E712
    if target is None:
        raise OfficeError("unknown_user", name=wanted)
    if me is not None and permissions.is_admin(me.login) and not office_settings.get(office, ALLOW_USER_SWITCH):
        return Who(directory.get_user(office, target.login), me.login, False)
    return Who(directory.get_user(office, target.login), target.login, True)


def sign_in(office: Office, requested: str | None, read_pin: Callable[[], str | None], *,
            account: str | None = None) -> Who:
    """`resolve`, then, where the office requires PINs, the signer's PIN (`read_pin` is asked
    only then; None: there is no way to ask)."""
    who = resolve(office, requested, account=account)
    if pins.required(office):
        if not pins.has_pin(who.signer):
            raise OfficeError("pin_not_set", login=who.signer)
        pin = read_pin()
        if pin is None:
            raise OfficeError("pin_needed", login=who.signer)
        pins.sign_in(office, who.signer, pin, unlock=who.own)
    return who


def may_switch(office: Office, me: User | None) -> bool:
    """Admins may act as anyone; others only when the office allows switching."""
    if me is not None and permissions.is_admin(me.login):
        return True
    return bool(office_settings.get(office, ALLOW_USER_SWITCH))


def _record_refusal(office: Office, account: str, me: User | None, wanted: str) -> None:
    """One audit row for the refused attempt; a database that cannot be written still refuses."""
    try:
        with database.atomic():
            audit.record(document_id=None, actor_id=me.id if me else None, action="switch_refused",
                         at=office.clock.now(), changes={"os_account": account, "requested": wanted})
    except PeeweeException:
        pass
