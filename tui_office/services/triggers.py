"""Provides what `remind` does for date-relative triggers (`[[triggers]]` in a definition).

Each trigger of a document in progress or approved (a `decide` trigger: in progress only) fires
once its day has come — once per document, or once per row for a line-item date — and never
again: the firing is kept in the document's `state["triggers"]` and sealed by an audit row
(action `trigger`) in the same transaction, so running `remind` again changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tui_office.domain import engine
from tui_office.domain.definitions import FormDef
from tui_office.domain.triggers import TriggerDef
from tui_office.services import audit, registry, workflow
from tui_office.services.assignment import resolvers
from tui_office.services.office import Office
from tui_office.services.workflow import DECIDING_KINDS, FOLLOWUP_KIND, deadline, notify, save_changes
from tui_office.store.db import database
from tui_office.store.models import Definition, Document, Task, User
from tui_office.store.rows import create

WATCHED = (engine.IN_PROGRESS, engine.APPROVED)
"""Statuses whose documents' triggers are watched (`decide` triggers: in progress only)."""


def sweep(office: Office) -> list[str]:
    """Fire every trigger whose day has come and that has not fired; one line per firing."""
    now = office.clock.now()
    lines: list[str] = []
    with database.atomic():
        definitions = {row.id: form for row, form in _defined(office)}
        if not definitions:
            return lines
        documents = (Document.select().where(Document.definition.in_(list(definitions))
                                             & Document.status.in_(WATCHED)).order_by(Document.id))
        for doc in documents:
            form = definitions[doc.definition_id]
            for trigger in form.triggers:
                if doc.status not in WATCHED:  # a lapse just rejected it
                    break
                lines.extend(_fire_due(office, doc, form, trigger, now))
    return lines


def _defined(office: Office):
    """(definition row, form) of every stored definition that has triggers."""
    for row in Definition.select(Definition.id):
        form = registry.form_by_definition_id(office, row.id)
        if form.triggers:
            yield row, form


def _fire_due(office: Office, doc: Document, form: FormDef, trigger: TriggerDef, now: datetime) -> list[str]:
    fired = dict((doc.state or {}).get("triggers") or {})
    lines = []
    for row, reference in _references(doc, form, trigger):
        key = trigger.key(row)
        day = trigger.when.day(reference, office.calendar)
        if key in fired or day > now.date():
            continue
        if trigger.action == "decide" and not _decidable(doc, trigger):
            continue
        line = _fire(office, doc, form, trigger, key, day, reference, now)
        fired = dict((doc.state or {}).get("triggers") or {})
        lines.append(line)
        if doc.status not in WATCHED:
            break
    return lines


def _references(doc: Document, form: FormDef, trigger: TriggerDef) -> list[tuple[int | None, date]]:
    """(row index or None, reference day) for each day the trigger counts from."""
    when = trigger.when
    values = form.read_stored(doc.fields)
    if when.ref == "submitted":
        days = [(None, doc.submitted_at)]
    elif when.ref == "approved":
        days = [(None, doc.finished_at if doc.status == engine.APPROVED else None)]
    elif when.table is not None:
        days = [(index, row.get(when.column)) for index, row in enumerate(values.get(when.table) or [])
                if isinstance(row, dict)]
    else:
        days = [(None, values.get(when.ref))]
    out = []
    for row, day in days:
        if isinstance(day, datetime):
            day = day.date()
        if isinstance(day, date):
            out.append((row, day))
    return out


def _decidable(doc: Document, trigger: TriggerDef) -> bool:
    return doc.status == engine.IN_PROGRESS and (trigger.step is None or doc.step == trigger.step)


def _people(trigger: TriggerDef, doc: Document) -> list[User]:
    if not trigger.to:
        return [doc.initiator] if doc.initiator.active else []
    known = resolvers()
    values = dict(doc.fields or {})
    people = {u.id: u for rule in trigger.to
              for u in (known[rule.kind](rule, doc, values) if rule.kind in known else []) if u is not None and u.active}
    return list(people.values())


def _fire(office: Office, doc: Document, form: FormDef, trigger: TriggerDef, key: str, day: date,
          reference: date, now: datetime) -> str:
    """Do what the trigger says, record that it fired, and seal it with its audit row."""
    changes: dict = {"trigger": key, "action": trigger.action, "day": day.isoformat(), "date": reference.isoformat()}
    state = dict(doc.state or {})
    if trigger.action == "remind":
        people = _people(trigger, doc)
        for person in people:
            notify(person.id, doc, trigger.notice, now, due=reference.isoformat())
        changes["to"] = [p.login for p in people]
    elif trigger.action == "task":
        people = _people(trigger, doc)
        started = dict(state.get("followups") or {})
        started[key] = {"due": reference.isoformat(), "done_at": None}
        state["followups"] = started
        for person in people:
            create(Task, document=doc, step=key, round=doc.round, kind=FOLLOWUP_KIND, assignee=person, created_at=now,
                   due_at=deadline(max(reference, now.date())) - timedelta(seconds=1))
            notify(person.id, doc, trigger.notice, now, due=reference.isoformat())
        changes["to"] = [p.login for p in people]
    elif trigger.action == "flag":
        if not any(f.get("flag") == trigger.flag for f in doc.flags or []):
            doc.flags = [*(doc.flags or []), {"flag": trigger.flag, "due": reference.isoformat()}]
        changes["flag"] = trigger.flag
    state["triggers"] = {**(state.get("triggers") or {}), key: {"at": now.isoformat(), "day": day.isoformat()}}
    doc.state = state
    step = doc.step
    if trigger.action == "decide":
        changes["decision"] = trigger.decide
        changes["step"] = step
        _decide(office, doc, form, trigger, now)
    doc.updated_at = now
    doc.version += 1
    save_changes(doc)
    audit.record(document_id=doc.id, actor_id=None, action="trigger", step=step or "", at=now,
                 comment=trigger.title or trigger.id, changes=changes,
                 definition_version=registry.definition_row(office, doc.definition_id).version)
    return f"{doc.number}: {key} ({trigger.action}, {day.isoformat()})"


def _decide(office: Office, doc: Document, form: FormDef, trigger: TriggerDef, now: datetime) -> None:
    """The lapse: the system approves or rejects the current step's open tasks, and the document
    moves on as if their assignees had."""
    values = form.read_stored(doc.fields)
    tasks = list(Task.select().where((Task.document == doc) & (Task.round == doc.round)
                                     & Task.status.in_(["open", "waiting"]) & Task.kind.in_(DECIDING_KINDS)))
    for task in tasks:
        task.status, task.decision, task.acted_at = "done", trigger.decide, now
        task.comment = trigger.title or trigger.id
        task.version += 1
        task.save()
    if trigger.decide == "reject":
        workflow.finish(office, doc, form, engine.REJECTED, values, now)
    else:
        workflow.advance(office, doc, form, values, now)

