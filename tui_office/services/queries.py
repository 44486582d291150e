"""Provides the read side: inbox pages and counts, document views, verdicts, forms, live changes.

The inbox is the hot path: one page is one fixed SQL string (`store.inbox_sql`) plus the total,
with the form and step titles looked up once per page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from tui_office import extensions
from tui_office.domain import engine
from tui_office.domain.errors import PermissionDenied
from tui_office.i18n import pick, t
from tui_office.services import registry
from tui_office.services.office import Office
from tui_office.services.views import (
    HAND_OVER, Assignee, CurrentStep, DocumentView, FieldValue, FormInfo, HistoryEntry, InboxPage, InboxRow,
    NotificationInfo, Verdict,
)
from tui_office.services.lookups import document_by_number, user_by_login
from tui_office.store import actions, inbox_sql, user_lists
from tui_office.store import documents as document_rows
from tui_office.store.db import database
from tui_office.store.models import Action, Document, Notification, Task, User

if TYPE_CHECKING:
    from tui_office.domain.definitions import FormDef


def _dt(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _spelled_by(text: str) -> tuple[int, ...]:
    """Ids of the people whose Chinese names `text` spells in pinyin (`wf`, `wangfang` → 王芳)."""
    words = text.split()
    if not words or not all(w.isascii() and w.isalpha() for w in words):
        return ()
    from tui_office.services import people_search

    return tuple(u.id for u in User.select(User.id, User.name) if people_search.spelled(text, u.name))


def inbox(office: Office, me: str, tab: str = "todo", *, after: tuple | None = None, limit: int = 50,
          text: str = "") -> InboxPage:
    """One page of a tab, earliest due first (to do) or newest first (the others), with the total."""
    user_id = _user_id(me)
    fetched = inbox_sql.page(tab, user_id, after=after, limit=limit, text=text, people=_spelled_by(text))
    now = office.clock.now()
    rows = []
    labels: dict[tuple, tuple[str, str]] = {}  # (definition, step, status) -> form and step titles, once per page
    drafted: set[int] = set()  # drafts filled in for a colleague (the drafts tab's eleventh column)
    if tab == "drafts":
        drafted = {row[0] for row in fetched if row[10]}
        fetched = [row[:10] for row in fetched]
    for (row_id, key0, number, form_id, definition_id, title, from_name, step_id, received, status) in fetched:
        label = labels.get((definition_id, step_id, status))
        if label is None:
            titles = registry.titles_by_definition_id(office, definition_id)
            step_title = titles.step_title(step_id) if step_id else None
            if step_title is None and step_id:  # a follow-up task the titles do not name: the whole form tells
                followup = registry.followup_of(office, registry.labels_by_definition_id(office, definition_id), step_id)
                step_title = followup.title if followup else None
            if step_title is None:
                step_title = t(f"action.{step_id}" if step_id else f"status.{status}")
            label = labels[(definition_id, step_id, status)] = (titles.title, step_title)
        due = _dt(key0) if tab == "todo" and row_id > 0 else None
        rows.append(InboxRow(
            key=(key0, row_id), number=number, form_id=form_id, form_title=label[0], title=title,
            from_name=from_name, step=step_id or "", step_title=label[1],
            received_at=_dt(received), due_at=due, overdue=bool(due and due < now), status=status,
            task_id=row_id if tab in ("todo", "cc", "done") and row_id > 0 else None,
        ))
    if drafted:
        rows = [replace(row, filled_in_for=True) if row.key[1] in drafted else row for row in rows]
    if tab == "todo" and rows:
        marked = document_rows.escalated_task_ids([row.number for row in rows])
        rows = [replace(row, escalated=True) if row.task_id in marked else row for row in rows]
    total = inbox_sql.total(tab, user_id)
    return InboxPage(rows=rows, total=total)


def verdicts(office: Office, me: str, number: str) -> list[Verdict]:
    """Every action on document `number` with whether `me` may take it now, and if not, why
    (`decisions.verdicts`, loaded with the first document shown rather than on start)."""
    from tui_office.services import decisions

    return decisions.verdicts(office, me, number)


def counts(office: Office, me: str) -> dict[str, int]:
    """How many rows each tab has."""
    user_id = _user_id(me)
    return inbox_sql.totals(user_id)


_user_ids: dict[tuple[str, str], int] = {}


def _user_id(login: str) -> int:
    key = (str(database.obj.database), login)
    if key not in _user_ids:
        _user_ids[key] = user_by_login(login).id
    return _user_ids[key]


def _user_names(ids: set[int]) -> dict[int, tuple[str, str]]:
    if not ids:
        return {}
    return {u.id: (u.login, u.name) for u in User.select(User.id, User.login, User.name).where(User.id.in_(list(ids)))}


def describe_value(field, value) -> str:
    """A field value as a person reads it: people and departments by name, the rest as the field shows it."""
    if value in (None, "", []):
        return ""
    try:
        if field.type == "user":
            user = User.get_or_none(User.login == str(value))
            return f"{user.name} ({user.login})" if user else str(value)
        if field.type == "users" and isinstance(value, list):
            named = {u.login: u.name for u in User.select(User.login, User.name).where(User.login.in_([str(v) for v in value]))}
            return ", ".join(f"{named[str(v)]} ({v})" if str(v) in named else str(v) for v in value)
        if field.type == "department":
            from tui_office.store.models import Department

            dept = Department.get_or_none(Department.code == str(value))
            return pick(dept.name_en, dept.name_zh) if dept else str(value)
        return field.display(value)
    except (ValueError, TypeError, ArithmeticError, AttributeError):  # a draft's unparsed text
        return str(value)


def _display(office: Office, form: FormDef, values: dict) -> list[FieldValue]:
    from tui_office.services.workflow import eval_context

    ctx = eval_context(office, form)
    env, functions = form.env(values, ctx), form.functions(ctx)
    out = []
    for field in form.fields:
        if not form.visible(field, env, functions):
            continue
        value = values.get(field.id)
        text = describe_value(field, value)
        rows = None
        if field.type == "table":
            rows = list(value or [])
        elif field.type == "checklist":
            ticked = set(value or [])
            rows = [{"id": item.id, "label": item.label, "checked": item.id in ticked} for item in field.items
                    if form.holds(item.visible_if, env, functions, default=True)]
        out.append(FieldValue(id=field.id, label=field.label, type=field.type, value=value, text=text, rows=rows))
    return out


def area_details(office: Office, me: str, number: str, form_id: str) -> dict:
    """What the area owning `form_id` adds to a document's JSON (`Workflow.details`), by area id."""
    owner = extensions.for_form(form_id)
    if owner is None or owner.details is None:
        return {}
    found = owner.details(office, me, number)
    return {owner.id: found} if found else {}


def show(office: Office, me: str, number: str, *, opening: bool = True) -> DocumentView:
    """Everything `me` may see of one document: fields, flags, where it is now, its history.

    `opening`: this is someone opening the document (not a screen showing it again after a
    change), so an archived document opened by an outsider is logged (`archive.record_opening`).
    Someone who may not see it otherwise may while an approved document of theirs grants it
    (`access_grants`); the log names that document."""
    from tui_office.services import access_grants, field_secrets, links, numbering  # the list needs none of them
    from tui_office.services.decisions import can_view

    user = user_by_login(me)
    doc = document_by_number(number)
    grant = None
    if not can_view(user, doc, office.clock.now().date()):
        grant = access_grants.in_force(office, user, doc)  # an approved request to read it (档案查阅)
        if grant is None:
            raise PermissionDenied("cannot_view", number=number)
    if doc.archived and opening:
        from tui_office.services import archive

        archive.record_opening(office, user, doc, grant=grant)
    form = registry.form_by_definition_id(office, doc.definition_id)
    shown = field_secrets.for_viewer(office, doc, form, user.id)
    values = form.read_stored(shown.fields)
    actions = _history_rows(list(Action.select().where(Action.document == doc).order_by(Action.id)))
    tasks = list(Task.select().where((Task.document == doc) & (Task.round == doc.round) & (Task.kind != "cc")
                                     & (Task.status.in_(["open", "waiting", "done"]))).order_by(Task.position, Task.id))
    names = _user_names({a.actor_id for a in actions if a.actor_id} | {a.on_behalf_of_id for a in actions if a.on_behalf_of_id}
                        | {tk.assignee_id for tk in tasks} | {tk.principal_id for tk in tasks if tk.principal_id}
                        | {doc.initiator_id})
    targets = set()
    for a in actions:
        for key in ("to", "from"):
            to = (a.changes or {}).get(key) if isinstance(a.changes, dict) else None
            targets.update(str(x) for x in (to if isinstance(to, list) else [to] if to else []))
    people = ({u.login: u.name for u in User.select(User.login, User.name).where(User.login.in_(sorted(targets)))}
              if targets else {})
    history = []
    for a in actions:
        actor = names.get(a.actor_id, ("", t("action.system")))
        behalf = names.get(a.on_behalf_of_id) if a.on_behalf_of_id else None
        step = form.step(a.step) if a.step and _has_step(form, a.step) else None
        history.append(HistoryEntry(
            actor=actor[0], actor_name=actor[1], on_behalf_of=behalf[0] if behalf else None,
            on_behalf_of_name=behalf[1] if behalf else None, action=a.action, step=a.step,
            step_title=step.title if step else "", comment=a.comment, at=_dt(a.at),
            target=_target(form, (a.changes or {}).get("to") if isinstance(a.changes, dict) else None, people),
            signed=a.signature_key is not None, detail=_detail(a, people),
        ))
    current = []
    if doc.step and doc.status == engine.IN_PROGRESS:
        step = form.step(doc.step)
        assignees = [Assignee(login=names[tk.assignee_id][0], name=names[tk.assignee_id][1], status=tk.status,
                              decision=tk.decision, on_behalf_of=names[tk.principal_id][0] if tk.principal_id else None)
                     for tk in tasks if tk.decision != "delegated"]
        dues = [tk.due_at for tk in tasks if tk.status == "open" and tk.due_at]
        current.append(CurrentStep(step=step.id, title=step.title, mode=step.mode, assignees=assignees,
                                   due=min(dues) if dues else None, kind=step.kind))
    initiator = names[doc.initiator_id]
    return DocumentView(
        number=doc.number, form_id=doc.form_id, form_title=form.title,
        version=registry.definition_row(office, doc.definition_id).version, title=doc.title, status=doc.status,
        archived=doc.archived, initiator=initiator[0], initiator_name=initiator[1],
        department=pick(doc.department.name_en, doc.department.name_zh) if doc.department_id else "",
        created_at=_dt(doc.created_at), submitted_at=_dt(doc.submitted_at), fields=shown.fields,
        display=_display(office, form, values), flags=list(doc.flags or []), current_steps=current, history=history,
        ahead=_ahead(office, form, doc, values), links=links.links_of(office, doc, form),
        earlier_numbers=numbering.earlier_numbers(doc), filled_in_for=_filled_in_for(doc),
    )


def _filled_in_for(doc: Document) -> str | None:
    from tui_office.services import submit_for

    person = submit_for.recorded_person(doc) if doc.status == engine.DRAFT else None
    return person.name if person is not None else None


def _detail(action: Action, people: dict[str, str]) -> str:
    """The words of an action whose name says too little (see `HistoryEntry.detail`)."""
    changes = action.changes if isinstance(action.changes, dict) else {}
    if action.action != HAND_OVER or not all(isinstance(changes.get(k), str) for k in ("from", "to", "start", "end")):
        return ""
    return t("hand_over.history", deputy=people.get(changes["to"], changes["to"]),
             principal=people.get(changes["from"], changes["from"]), start=changes["start"][5:], end=changes["end"][5:])


def _history_rows(actions: list[Action]) -> list[Action]:
    """The actions a timeline shows: saving a draft again is not history, only its creation is
    (older databases recorded every save as `draft`)."""
    from tui_office.services.workflow import DRAFT_SAVE

    out, drafted = [], False
    for a in actions:
        if a.action == DRAFT_SAVE:
            continue
        if a.action == "draft":
            if drafted:
                continue
            drafted = True
        out.append(a)
    return out


def _target(form: FormDef, to: object, people: dict[str, str]) -> str:
    """Names for an action's target: users by name, steps by title, the initiator in words."""
    if not to:
        return ""
    out = []
    for item in (to if isinstance(to, list) else [to]):
        item = str(item)
        if item == "initiator":
            out.append(t("workflow.initiator"))
        elif item in people:
            out.append(people[item])
        elif _has_step(form, item):
            out.append(form.step(item).title)
        else:
            out.append(item)
    return ", ".join(out)


def _has_step(form: FormDef, step_id: str) -> bool:
    return any(s.id == step_id for s in form.steps)


def _ahead(office: Office, form: FormDef, doc: Document, values: dict) -> list[tuple[str, str]]:
    """The steps still ahead on the route the current values take."""
    if doc.status not in (engine.IN_PROGRESS, engine.DRAFT, engine.RETURNED):
        return []
    from tui_office.services.workflow import eval_context

    ctx = eval_context(office, form, doc=doc)
    out: list[tuple[str, str]] = []
    step_id = doc.step if doc.status == engine.IN_PROGRESS else None
    try:
        nxt = form.route(step_id, values, ctx) if step_id else form.first_step
        for _ in range(len(form.steps)):
            if not nxt:
                break
            step = form.step(nxt)
            if not form.skips(step.id, values, ctx):  # a step its `skip_if` passes by is not ahead
                out.append((step.id, step.title))
            nxt = form.route(step.id, values, ctx)
    except Exception:  # noqa: BLE001 - an incomplete draft may not route yet
        pass
    return out


def forms_for(office: Office, me: str) -> list[FormInfo]:
    """The forms this user may start."""
    from tui_office.services.workflow import _may_start

    user = user_by_login(me)
    out = []
    for row, form in registry.all_latest(office):
        if _may_start(user, form):
            out.append(_form_info(row.version, form))
    return sorted(out, key=lambda f: f.id)


def all_forms(office: Office) -> list[FormInfo]:
    return sorted((_form_info(row.version, form) for row, form in registry.all_latest(office)), key=lambda f: f.id)


def _form_info(version: int, form: FormDef) -> FormInfo:
    return FormInfo(id=form.id, version=version, title=form.title,
                    fields=[{"id": f.id, "type": f.type, "required": bool(f.required)} for f in form.fields])


def form_definition(office: Office, form_id: str) -> FormDef:
    """The newest definition of a form (for the form screen)."""
    return registry.latest(office, form_id)[1]


def document_form(office: Office, number: str) -> FormDef:
    """The definition version a document runs under (for editing drafts and returned documents)."""
    return registry.form_by_definition_id(office, document_by_number(number).definition_id)


def data_version(office: Office) -> int:
    """A number that changes whenever anyone records anything (every change writes an audit row)."""
    action_id, note_id = actions.newest_ids()
    return action_id * 1_000_003 + note_id


def list_changes(office: Office, me: str) -> int | None:
    """A number that grows whenever one of `me`'s lists or notifications may have changed; None when
    the database does not keep it (then any change of `data_version` may concern anyone)."""
    return user_lists.changes(_user_id(me))


def notifications_since(office: Office, me: str, last_id: int = 0) -> list[NotificationInfo]:
    """New notifications for the user, oldest first (new tasks, reminders, urges, copies)."""
    from tui_office.services.workflow import notice_text

    user_id = _user_id(me)
    query = (Notification.select().where((Notification.user == user_id) & (Notification.id > last_id))
             .order_by(Notification.id))
    out = []
    for n in query:
        doc = n.document if n.document_id else None
        number = doc.number if doc else None
        message = notice_text(n.kind, doc, n.message or "")
        out.append(NotificationInfo(id=n.id, kind=n.kind, number=number, message=message,
                                    created_at=_dt(n.created_at)))
    return out


def last_notification_id(office: Office, me: str) -> int:
    user_id = _user_id(me)
    return Notification.select(Notification.id).where(Notification.user == user_id).order_by(
        Notification.id.desc()).limit(1).scalar() or 0
