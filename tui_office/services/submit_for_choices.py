"""Provides what the form screen offers someone who may submit a form for others (代提交):
whom they may choose, and whom a draft of theirs is being filled in for. Read-only."""

from __future__ import annotations

from tui_office.services import directory, registry
from tui_office.services.directory import UserInfo
from tui_office.services.lookups import document_by_number, user_by_login
from tui_office.services.office import Office
from tui_office.services.submit_for import may_submit_for_others, recorded_person


def choices(office: Office, me: str, form_id: str) -> list[UserInfo] | None:
    """Whom `me` may file `form_id` for (active users the form may have as initiator, `me` among
    them), or None when `me` holds no role in its `submit_for`. Read-only."""
    form = registry.latest(office, form_id)[1]
    if not may_submit_for_others(user_by_login(me), form):
        return None
    return [u for u in directory.list_users(office) if form.may_start(u.roles)]


def recorded(office: Office, me: str, number: str) -> str | None:
    """The login of the colleague `me`'s draft `number` is filled in for (None: for `me`)."""
    doc = document_by_number(number)
    if doc.initiator_id != user_by_login(me).id:
        return None
    person = recorded_person(doc)
    return person.login if person is not None else None

