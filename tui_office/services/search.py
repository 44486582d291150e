"""Provides finding documents by what is in them (检索): `find(office, me, text)`.

Only documents the user may see come back (the same rule as `decisions.can_view`, applied in the
query, plus the archived documents an access request of theirs lets them read today). Each word of
the query must occur in the document; an English word that spells a person's Chinese name in pinyin
(`wangfang`, `wf`) also finds the documents that name that person. Results come newest first with
the line of text that matched and where in it each word is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from tui_office.domain import search_query, search_text
from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.domain.search_query import SearchQuery
from tui_office.i18n import pick
from tui_office.services import access_grants, people_search, registry
from tui_office.services.decisions import sees_everything, standing_in
from tui_office.services.office import Office
from tui_office.services.views import DocumentSummary
from tui_office.services.workflow import user_by_login
from tui_office.store import search_index
from tui_office.store.models import Department, User

PAGE = 50
"""Results shown at a time (newest first)."""
MAX_LIMIT = 1_000


@dataclass(frozen=True)
class SearchHit(DocumentSummary):
    """One document found."""

    submitted_at: datetime | None
    archived: bool
    excerpt: str
    """The line of the document's text where the first word matched (shortened around it)."""
    spans: tuple[tuple[int, int], ...]
    """Where the words are in `excerpt` (start, end), for highlighting."""

    def to_json(self) -> dict:
        out = asdict(self)
        out["submitted_at"] = self.submitted_at.isoformat(sep=" ") if self.submitted_at else None
        out["spans"] = [list(s) for s in self.spans]
        return out


@dataclass(frozen=True)
class SearchResult:
    hits: list[SearchHit]
    more: bool
    """True when more documents match than were returned."""


def find(office: Office, me: str, text: object, *, limit: int = PAGE) -> SearchResult:
    """The documents `me` may see that match `text` (words and filters, see `domain.search_query`)."""
    query = search_query.parse(text)
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
        raise ValidationError("limit", "search_bad_limit", max=MAX_LIMIT)
    user = user_by_login(me)
    if query.empty:
        return SearchResult(hits=[], more=False)
    if not search_index.enabled():
        raise OfficeError("search_unavailable")
    long, short, highlight = match(query)
    sees_all = sees_everything(user)
    rows = search_index.backend().find(
        long=long, short=short, user_id=user.id, sees_all=sees_all, form=query.form,
        status=query.status, since=query.since, until=query.until,
        departments=departments_named(query.dept) if query.dept else None,
        initiators=_initiators(query.by) if query.by else None, limit=limit + 1,
        also=() if sees_all else seen_besides(office, user),
    )
    hits = [_hit(office, row, highlight) for row in rows[:limit]]
    return SearchResult(hits=hits, more=len(rows) > limit)


def seen_besides(office: Office, user: User) -> list[int]:
    """Ids of the documents `user` may see today besides their own part in them: those whose open
    task they hold as someone's deputy, and the archived ones an access request of theirs grants."""
    return sorted({*standing_in(user, office.clock.today()), *access_grants.granted_documents(office, user)})


def rebuild(office: Office, me: str) -> int:
    """Build the whole index anew (an administrator's repair), with progress on a terminal;
    returns how many documents it holds."""
    from tui_office.services.permissions import require_admin

    require_admin(me)
    if not search_index.enabled():
        raise OfficeError("search_unavailable")
    from tui_office.store.db import database

    with database.atomic():
        return search_index.rebuild(search_index.terminal_progress)


def match(query: SearchQuery) -> tuple[list[list[str]], list[str], list[str]]:
    """What the index is asked: groups of substrings (three characters or more; a document must
    have one of each group: the word, or the login of a person whose name it spells), the short
    words it must have, and the texts to highlight."""
    long_groups: list[list[str]] = []
    short: list[str] = []
    highlight: list[str] = []
    for term in query.terms:
        highlight.append(term)
        named = _spelled(term)
        highlight.extend(name for _, name in named)
        logins = [login for login, _ in named if not search_text.is_short(login)]
        if search_text.is_short(term) and not logins:
            short.append(term)
            continue
        long_groups.append(([] if search_text.is_short(term) else [term]) + logins)
    return long_groups, short, highlight


def _spelled(term: str) -> list[tuple[str, str]]:
    """(login, name) of the people whose Chinese name `term` spells in pinyin."""
    if not (term.isascii() and term.isalpha()):
        return []
    return [(login, name) for login, name in User.select(User.login, User.name).tuples()
            if people_search.spelled(term, name)]


def _initiators(value: str) -> list[int]:
    ids = [i for i, login, name in User.select(User.id, User.login, User.name).tuples()
           if value.lower() in (login.lower(), name.lower()) or people_search.spelled(value, name)]
    if not ids:
        raise ValidationError("by", "search_no_person", value=value)
    return ids


def departments_named(value: str) -> list[int]:
    """Ids of the departments whose code or name (English or Chinese) is `value`; refused when none."""
    wanted = value.lower()
    ids = [d.id for d in Department.select()
           if wanted in (d.code.lower(), d.name_en.lower(), (d.name_zh or "").lower())]
    if not ids:
        raise ValidationError("dept", "search_no_department", value=value)
    return ids


def _hit(office: Office, row: tuple, highlight: list[str]) -> SearchHit:
    (_, number, form_id, definition_id, title, status, initiator, submitted, _, archived, body) = row
    form = registry.labels_by_definition_id(office, definition_id)
    excerpt = search_text.excerpt(body or "", highlight)
    return SearchHit(
        number=number, form_id=form_id, form_title=pick(form.title_en, form.title_zh) or form_id, title=title or "",
        status=status, initiator_name=initiator, archived=bool(archived),
        submitted_at=datetime.fromisoformat(str(submitted)) if submitted else None,
        excerpt=excerpt, spans=tuple(search_text.spans(excerpt, highlight)),
    )
