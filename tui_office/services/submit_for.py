"""Provides the checks of submitting on someone's behalf (代提交).

A person with a role in a form's `submit_for` may file it for a colleague, who becomes its
initiator. `person_for` is the one check every path makes (a new document, a draft saved for
someone, a draft handed over when it is submitted): the submitter holds the role, the colleague is
an active user who may start the form. A draft filled in for someone stays the submitter's until it
is submitted; the colleague chosen is kept with it (`RECORDED`), so reopening it shows them again.
What the form screen offers is in `services/submit_for_choices.py`.
"""

from __future__ import annotations

from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import NotFound, PermissionDenied
from tui_office.services.lookups import user_by_login
from tui_office.store import inbox_sql, users as user_rows
from tui_office.store.models import Document, User

LOGIN_MOST = 64
"""Longer than any login: a longer one is refused without looking it up (and shown cut short)."""
RECORDED = inbox_sql.FOR_WHOM
"""Key in a draft's `state`: the id of the colleague it is being filled in for (the drafts tab reads it too)."""


def may_submit_for_others(submitter: User, form: FormDef) -> bool:
    """`submitter` holds a role the form lists in `submit_for`."""
    return form.may_submit_for_others(user_rows.roles_of(submitter.id))


def person_for(submitter: User, form: FormDef, login: str) -> User:
    """The colleague `submitter` files `form` for, once every check passed: refused as the CLI's
    `submit --for` is (`no_such_user` for an unknown or inactive login, `not_submit_for` without
    the role, `not_starter` for someone the form may not have as its initiator)."""
    if not isinstance(login, str) or len(login) > LOGIN_MOST:  # no login is this long: say so briefly
        shown = str(login)
        raise NotFound("no_such_user", login=shown[:LOGIN_MOST] + ("…" if len(shown) > LOGIN_MOST else ""))
    person = user_by_login(login)
    if not may_submit_for_others(submitter, form):
        raise PermissionDenied("not_submit_for", form=form.title, name=person.name)
    if not form.may_start(user_rows.roles_of(person.id)):
        raise PermissionDenied("not_starter", form=form.title)
    return person


def recorded_person(doc: Document) -> User | None:
    """The colleague a draft is being filled in for, if any (still there if they left since: then
    submitting it is refused, never silently sent as the submitter's own)."""
    ident = (doc.state or {}).get(RECORDED)
    return User.get_or_none(User.id == ident) if isinstance(ident, int) and not isinstance(ident, bool) else None


def record(doc: Document, person: User | None) -> None:
    """Keep (or, with None, forget) the colleague a draft is filled in for; the caller saves `doc`."""
    state = {k: v for k, v in (doc.state or {}).items() if k != RECORDED}
    if person is not None:
        state[RECORDED] = person.id
    doc.state = state
