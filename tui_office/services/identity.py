"""Provides who the current user is: the OS account, mapped to a user of the office.

A user's `os_login` names the OS account they sign in as; with none set, the account with the
same name as their login is theirs. Acting as someone else (`--user`, or config `user`, naming
another user) is allowed for admins, and for everyone only when the office turns on
`security.allow_user_switch` (a demo office does). A refused attempt is one line and one audit row.
"""

from __future__ import annotations

from peewee import PeeweeException

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.domain.office_settings import ALLOW_USER_SWITCH
from tui_office.services import audit, directory, office_settings, permissions
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


def identify(office: Office, requested: str | None = None, *, account: str | None = None) -> UserInfo:
    """The user this process acts as: `requested` (`--user`), else config `user`, else the user
    bound to the OS account. Acting as another user than one's own needs the right to switch."""
    if not User.select().exists():
        raise OfficeError("no_users", target=office.target)
    account = account or permissions.os_account()
    me = user_for_account(account)
    wanted = requested or office.settings.user or None
    if not wanted or (me is not None and wanted == me.login):
        if me is None:
            raise OfficeError("unknown_os_user", account=account)
        return directory.get_user(office, me.login)
    if not may_switch(office, me):
        _record_refusal(office, account, me, wanted)
        raise PermissionDenied("user_switch_refused", account=account, requested=wanted)
    target = User.get_or_none((User.login == wanted) & (User.active == True))  # noqa: E712
    if target is None:
        raise OfficeError("unknown_user", name=wanted)
    return directory.get_user(office, target.login)


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
