"""Provides submitting documents and moving them through their steps.

`submit`, `save_draft` and `delete_draft` are use cases (one transaction each); the step
machinery below them (`enter_step`, `advance`, `finish`) is shared with the decisions in
`services/decisions.py`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from peewee import fn

from tui_office.domain import engine
from tui_office.domain.definitions import TRACK_ON_APPROVED, EvalContext, FollowupDef, FormDef
from tui_office.domain.errors import OfficeError, PermissionDenied, ValidationError, ValidationFailed
from tui_office import extensions
from tui_office.domain.formula_check import formula_problems
from tui_office.domain.numbering import AT_ARCHIVE
from tui_office.domain.rules import RuleContext
from tui_office.i18n import catalogue, t
from tui_office.services import (
    access_grants, attachments, audit, data_flags, field_secrets, links, numbering, people_fields, registry,
    submit_for,
)
from tui_office.services.assignment import resolve, resolvers, stand_in, users_with_role
from tui_office.services.lookups import document_by_number, user_by_login  # noqa: F401  (used here and re-exported)
from tui_office.services.office import Office
from tui_office.store import tasks as task_rows
from tui_office.store import users as user_rows
from tui_office.store.db import database
from tui_office.store.models import Document, Notification, Task, User, dumps
from tui_office.store.rows import create, save_columns

DEFAULT_DUE_HOURS = 48
DRAFT_SAVE = "draft-save"
"""Audit action of saving a draft again (the first save is `draft`): recorded, never shown as history."""
FOLLOWUP_KIND = "followup"
"""Task kind of a follow-up (`[[followups]]`), whose step is the follow-up's id."""
DECIDING_KINDS = ("approve", "record")
"""Task kinds whose decisions count for a step's mode (added approvers are `added`)."""
ENTRUSTED_KIND = "entrusted"
"""Task kind of a colleague's part in a task entrusted to them (委派): it advises, never decides."""
SEQUENCE = "sequence"
"""The step mode that asks its people one after another (circulation)."""


# ----------------------------------------------------------------------------- look-ups

def eval_context(office: Office, form: FormDef, me: str | None = None, doc: Document | None = None) -> EvalContext:
    """What the form's formulas see; for a user (`me`), with the names the form's workflow adds;
    for a document (`doc`), with the flags it carries (what routing's `flagged('name')` answers)."""
    params = dict(form.params)
    if me:
        owner = extensions.for_form(form.id)
        if owner is not None and owner.context_params is not None:
            params.update(owner.context_params(office, me))
    return EvalContext(today=office.clock.today(), calendar=office.calendar, params=params,
                       flags=flag_names(doc) if doc is not None else frozenset())


def flag_names(doc: Document) -> frozenset[str]:
    """The names of the flags a document carries."""
    return frozenset(str(f.get("flag")) for f in (doc.flags or []) if isinstance(f, dict) and f.get("flag"))


def values_of(office: Office, doc: Document) -> tuple[FormDef, dict]:
    """The document's form and typed values (a draft may still hold text that does not parse)."""
    form = registry.form_by_definition_id(office, doc.definition_id)
    return form, form.read_stored(doc.fields)


_JSON_COLUMNS = ("fields", "flags", "state")


def save_changes(doc: Document) -> None:
    """Write the columns set since the document was read (and its JSON, which may change in place).

    A plain `save()` rewrites every column, so SQLite updates every index of the document table."""
    if doc.id is None:
        doc.save()
        return
    save_columns(doc, [*doc.dirty_field_names, *_JSON_COLUMNS])


NOTICE_PARAMS = "json:"
"""Prefix of a notification message that holds the words to fill in, not finished text."""


def notify(user_id: int, doc: Document | None, kind: str, at: datetime, **params: object) -> None:
    """Tell a user something; `params` (who urged, when it was due …) fill the message in their language."""
    message = NOTICE_PARAMS + dumps(params) if params else ""
    create(Notification, user=user_id, document=doc, kind=kind, created_at=at, message=message)


CORE_NOTICES = {"new_task": "new_task", "reminder": "reminder", "urge": "urge_notice", "cc": "cc_notice",
                "returned": "returned_notice", "finished": "finished_notice", "away": "away_notice"}
"""Notification kinds the core words itself (`workflow.<key>`); others are the catalogue's `notice.<kind>`."""
_NOTICE_DEFAULTS = {"due": "", "name": "", "start": "", "end": ""}
_NOTICE_RESERVED = frozenset({"number", "title", "status"})


def has_notice_words(kind: str) -> bool:
    """True when `kind` has words of its own (the core's, or a catalogue's `notice.<kind>`)."""
    return kind in CORE_NOTICES or f"notice.{kind}" in catalogue("en")


def notice_text(kind: str, doc: Document | None, stored: str = "", **params: object) -> str:
    """The words of a notification in the current language: its stored text, or the words for its
    kind filled with the document's number, title, status and fields and the notice's own params."""
    if stored and not stored.startswith(NOTICE_PARAMS):
        return stored
    filled: dict[str, object] = dict(_NOTICE_DEFAULTS)
    if doc is not None:
        filled.update({k: v for k, v in (doc.fields or {}).items()
                       if k not in _NOTICE_RESERVED and isinstance(v, (str, int, float))})
    if stored:
        filled.update(json.loads(stored[len(NOTICE_PARAMS):]))
    filled.update(params)
    key = f"workflow.{CORE_NOTICES[kind]}" if kind in CORE_NOTICES else (
        f"notice.{kind}" if f"notice.{kind}" in catalogue("en") else "workflow.new_task")
    return t(key, number=doc.number if doc else "", title=doc.title if doc else "",
             status=t(f"status.{doc.status}") if doc else "", **filled)


def run_rules(office: Office, form: FormDef, doc: Document | None, initiator: User, values: dict) -> tuple[list[ValidationError], list[dict]]:
    """The form's named domain rules (problems) and flaggers (flags) for these values.

    Each rule gets the look-up and context of the workflow that declares it."""
    contexts: dict[str, RuleContext] = {}

    def context(owner: extensions.Workflow) -> RuleContext:
        if owner.id not in contexts:
            contexts[owner.id] = RuleContext(
                values=values, now=office.clock.now(), calendar=office.calendar, initiator=initiator.login,
                document_id=doc.id if doc else None, settings=office.settings,
                lookup=owner.lookup(office) if owner.lookup else None, submitted_at=office.clock.now(),
                extra={"params": dict(form.params),
                       **(owner.rule_context(office, initiator) if owner.rule_context else {})},
            )
        return contexts[owner.id]

    problems: list[ValidationError] = []
    flags: list[dict] = []
    known_rules, known_flaggers = extensions.rules(), extensions.flaggers()
    for name in form.rules:
        if name not in known_rules:
            raise OfficeError(message=f"{form.id}: no installed workflow has the rule {name!r}")
        owner, rule = known_rules[name]
        problems.extend(rule(context(owner)))
    for name in form.flaggers:
        if name not in known_flaggers:
            raise OfficeError(message=f"{form.id}: no installed workflow has the flagger {name!r}")
        owner, flagger = known_flaggers[name]
        flags.extend(flagger(context(owner)))
    return problems, flags


def run_hooks(office: Office, form: FormDef, event: str, doc: Document, values: dict) -> None:
    """The hooks the form names for `event` (`on_submitted`, `on_step`: the document has just entered
    the step `doc.step` names, `after_<step>`: that step was approved, `on_approved`), from the
    installed workflows; a hook that raises an `OfficeError` refuses the whole action that got there."""
    names = form.hooks.get(event, [])
    if not names:
        return
    known = extensions.hooks()
    for name in names:
        if name not in known:
            raise OfficeError(message=f"{form.id}: no installed workflow has the hook {name!r}")
        known[name](office, doc, form, values)


# ----------------------------------------------------------------------------- steps

def due_time(office: Office, step, now: datetime) -> datetime:
    if step.due_working_days:
        day = office.calendar.add_working_days(now.date(), int(step.due_working_days))
        return datetime.combine(day, now.time())
    hours = step.due_hours or DEFAULT_DUE_HOURS
    return now + timedelta(hours=float(hours))


def next_round(doc: Document) -> int:
    """A round number this document has never used: each entry into a step gets its own."""
    used = Task.select(fn.MAX(Task.round)).where(Task.document == doc.id).scalar() or 0
    return max(doc.round or 0, used) + 1


def enter_step(office: Office, doc: Document, form: FormDef, step_id: str | None, values: dict, now: datetime,
               *, skipped: tuple[str, ...] = ()) -> None:
    """Enter `step_id` (skipping steps that find nobody) or finish the document as approved.

    A document ends approved only if someone approved it (`state.path` holds the steps people
    approved), unless its form sets `allow_unattended_approval`: when skipping empty steps would
    approve it unattended, the first of them goes to an administrator instead. `skipped` names
    steps already found empty by the caller (a step whose last approver left)."""
    ctx = eval_context(office, form, doc=doc)
    skipped_steps = list(skipped)
    for _ in range(len(form.steps) + 1):
        if step_id is None:
            if skipped_steps and not (doc.state or {}).get("path") and not form.allow_unattended_approval:
                step = form.step(skipped_steps[0])
                admins = [u for u in users_with_role("admin")
                          if u.id != doc.initiator_id or form.allow_self_approval]
                if not admins:
                    raise OfficeError("nobody_to_approve", number=doc.number, step=step.title)
                assign(office, doc, form, step, admins, now)
                return
            _record_skips(office, doc, skipped_steps, now)
            finish(office, doc, form, engine.APPROVED, values, now)
            return
        step = form.step(step_id)
        if form.skips(step.id, values, ctx):
            _record_skips(office, doc, [step.id], now)
            step_id = form.route(step.id, values, ctx)
            continue
        users = resolve(step, doc, values, self_approval=form.allow_self_approval)
        if not users:
            skipped_steps.append(step.id)
            step_id = form.route(step.id, values, ctx)
            continue
        _record_skips(office, doc, skipped_steps, now)
        assign(office, doc, form, step, users, now)
        run_hooks(office, form, "on_step", doc, values)
        return
    raise OfficeError(message=f"{form.id}: the route loops without reaching a person or the end")


def _record_skips(office: Office, doc: Document, steps: list[str], now: datetime) -> None:
    for step_id in steps:
        audit.record(document_id=doc.id, actor_id=None, action="skip", step=step_id, at=now,
                     definition_version=_version(office, doc))


def assign(office: Office, doc: Document, form: FormDef, step, users: list[User], now: datetime) -> None:
    """Make `step` the current one, in a new round, with a task for each user (or their deputy).

    In a `sequence` step only the first is asked now; the others wait their turn in order."""
    doc.step = step.id
    doc.round = next_round(doc)
    numbering.give(office, doc, form, step.id, now)
    due = due_time(office, step, now)
    kind = "record" if step.kind in engine.RECORDING_KINDS else "approve"
    in_turn = step.mode == SEQUENCE
    for position, (assignee, principal) in enumerate(stand_ins(doc, form, step, users, now)):
        waits = in_turn and position > 0
        create(Task, document=doc, step=step.id, round=doc.round, kind=kind, assignee=assignee,
               principal=principal, created_at=now, due_at=due, position=position if in_turn else 0,
               status="waiting" if waits else "open")
        if not waits:
            notify(assignee.id, doc, "new_task", now)
    save_changes(doc)


def stand_ins(doc: Document, form: FormDef, step, users: list[User], now: datetime) -> list[tuple[User, User | None]]:
    """(assignee, principal) for each user at `step`: whoever stands in for them (`assignment.stand_in`),
    else themselves, never twice the same."""
    out, assigned = [], set()
    for user in users:
        deputy = stand_in(user, doc, step, now.date(), self_approval=form.allow_self_approval)
        assignee = deputy or user
        if assignee.id in assigned:
            continue
        assigned.add(assignee.id)
        out.append((assignee, user if deputy else None))
    return out


def finish(office: Office, doc: Document, form: FormDef, status: str, values: dict, now: datetime) -> None:
    """End the document (approved, rejected, withdrawn): close its tasks and archive it."""
    task_rows.skip_unfinished(doc.id, keep_kind=FOLLOWUP_KIND if status == engine.APPROVED else "")
    doc.status = status
    doc.step = None
    doc.finished_at = now
    doc.archived = True
    doc.updated_at = now
    doc.version += 1
    if status == engine.APPROVED:
        numbering.give(office, doc, form, AT_ARCHIVE, now)
    save_changes(doc)
    notify(doc.initiator_id, doc, "finished", now)
    if status == engine.APPROVED:
        start_followups(office, doc, form, values, now)
        start_tracked(office, doc, form, values, now, TRACK_ON_APPROVED)
        run_hooks(office, form, "on_approved", doc, values)


def _due_day(office: Office, form: FormDef, followup: FollowupDef, values: dict, today: date) -> date:
    calendar = office.calendar
    ctx = eval_context(office, form)
    functions = {**form.functions(ctx), "today": lambda: today,
                 "add_working_days": lambda day, n: calendar.add_working_days(day, int(n)),
                 "next_working_day": calendar.next_working_day}
    due = followup.due.evaluate(form.env(values, ctx), functions)
    if isinstance(due, datetime):
        due = due.date()
    if not isinstance(due, date):
        raise OfficeError(message=f"{form.id}: follow-up {followup.id!r} is due {due!r}, not a day")
    return _not_before(office, due, today)


def _not_before(office: Office, due: date, today: date) -> date:
    """A due day already past when the task starts: the end of the first working day from today."""
    calendar = office.calendar
    if due < today:
        due = today if calendar.is_working_day(today) else calendar.next_working_day(today)
    return due


def deadline(due: date) -> datetime:
    """The end of the due day: after it the follow-up is overdue."""
    return datetime.combine(due + timedelta(days=1), datetime.min.time())


def start_followups(office: Office, doc: Document, form: FormDef, values: dict, now: datetime) -> None:
    """Create the form's follow-up tasks for a document just approved (part of that transaction)."""
    if not form.followups:
        return
    known = resolvers()
    state = dict(doc.state or {})
    started = dict(state.get("followups") or {})
    for followup in form.followups:
        resolver = known.get(followup.assignee.kind)
        people = [u for u in (resolver(followup.assignee, doc, values) if resolver else []) if u is not None and u.active]
        due = _due_day(office, form, followup, values, now.date())
        started[followup.id] = {"due": due.isoformat(), "done_at": None}
        for person in {u.id: u for u in people}.values():
            Task.create(document=doc, step=followup.id, round=doc.round, kind=FOLLOWUP_KIND, assignee=person, created_at=now,
                        due_at=deadline(due) - timedelta(seconds=1))
            notify(person.id, doc, followup.notice, now, due=due.isoformat())
    state["followups"] = started
    doc.state = state
    doc.save()


def start_tracked(office: Office, doc: Document, form: FormDef, values: dict, now: datetime, event: str) -> None:
    """Make each row of the tables tracked on `event` ("approved" or a step id just finished) a
    follow-up task for the user in its owner column (the initiator when that is nobody active), due
    by the end of the day in its due column; a row already started is not started again."""
    tracks = [track for track in form.tracks if track.on == event]
    if not tracks:
        return
    state = dict(doc.state or {})
    started = dict(state.get("followups") or {})
    for track in tracks:
        for index, row in enumerate(values.get(track.table) or []):
            followup_id = track.row_id(index)
            if followup_id in started or not isinstance(row, dict):
                continue
            owner = user_rows.active_by_login(str(row.get(track.owner) or "")) or doc.initiator
            due = row.get(track.due) if track.due else None
            due = _not_before(office, due, now.date()) if isinstance(due, date) else None
            started[followup_id] = {"due": due.isoformat() if due else None, "done_at": None, "owner": owner.login}
            create(Task, document=doc, step=followup_id, round=doc.round, kind=FOLLOWUP_KIND, assignee=owner,
                   created_at=now, due_at=deadline(due) - timedelta(seconds=1) if due else None)
            notify(owner.id, doc, "new_task", now, due=due.isoformat() if due else "")
    state["followups"] = started
    doc.state = state
    save_changes(doc)


def _version(office: Office, doc: Document) -> int:
    return registry.definition_row(office, doc.definition_id).version


def step_tasks(doc: Document) -> list[Task]:
    return task_rows.of_round(doc.id, doc.round)


def advance(office: Office, doc: Document, form: FormDef, values: dict, now: datetime) -> str:
    """Re-evaluate the current step after a decision; returns the step's outcome."""
    step = form.step(doc.step)
    tasks = step_tasks(doc)
    primary = [task for task in tasks
               if task.kind in DECIDING_KINDS and task.decision != "delegated" and task.status != "skipped"]
    decisions = [task.decision if task.status == "done" else None for task in primary]
    outcome = engine.step_outcome(step.mode, step.min_approvals or 1, decisions)
    added_refused = any(task.kind == "added" and task.decision == "reject" for task in tasks)
    if outcome == engine.REJECTED or added_refused:
        finish(office, doc, form, engine.REJECTED, values, now)
        return engine.REJECTED
    if outcome == engine.APPROVED:  # the step is decided: nobody else in it need act
        added_pending = any(x.kind == "added" and x.status in ("open", "waiting") for x in tasks)
        for task in primary:
            if task.status == "open" or (task.status == "waiting" and not added_pending):
                task.status, task.decision = "skipped", None
                task.version += 1
                task.save()
        for task in tasks:  # a colleague's advice is not needed any more either
            if task.kind == ENTRUSTED_KIND and task.status == "open":
                task.status = "skipped"
                task.version += 1
                task.save()
    tasks = step_tasks(doc)
    if any(task.status == "open" for task in tasks):
        return engine.PENDING
    waiting = [task for task in tasks if task.status == "waiting"]
    if waiting:
        first = min(task.position for task in waiting)
        for task in waiting:
            if task.position == first:
                task.status = "open"
                if step.mode == SEQUENCE:  # their time to act starts with their turn
                    task.due_at = due_time(office, step, now)
                task.version += 1
                task.save()
                notify(task.assignee_id, doc, "new_task", now)
        return engine.PENDING
    if outcome != engine.APPROVED:
        return engine.PENDING
    state = dict(doc.state or {})
    state["path"] = list(state.get("path", [])) + [step.id]
    doc.state = state
    start_tracked(office, doc, form, values, now, step.id)
    run_hooks(office, form, f"after_{step.id}", doc, values)
    enter_step(office, doc, form, form.route(step.id, values, eval_context(office, form, doc=doc)), values, now)
    return engine.APPROVED


# ----------------------------------------------------------------------------- use cases

def _title(form: FormDef, values: dict) -> str:
    try:
        return (form.document_title(values) or form.title)[:200]
    except Exception:  # noqa: BLE001 - a draft's half-typed values still get a title
        return form.title


def _coerce_lenient(form: FormDef, raw: dict) -> dict:
    """For drafts: keep what parses, and the raw text of what does not yet."""
    out = {}
    for key, value in raw.items():
        try:
            out.update(form.coerce({key: value}, partial=True))
        except ValidationFailed:
            out[key] = value
    return out


def _roles(user: User) -> list[str]:
    return user_rows.roles_of(user.id)


def _may_start(user: User, form: FormDef) -> bool:
    return form.may_start(_roles(user))


def field_changes(old: dict, new: dict) -> dict:
    """The audit row's record of changed stored fields: `{"changed": [[field, old, new], …]}` (or {})."""
    return _diff(old, new)


def _diff(old: dict, new: dict) -> dict:
    changed = [[k, old.get(k), new.get(k)] for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return {"changed": changed} if changed else {}


def submit(office: Office, me: str, form_id: str | None, values: dict, *, draft: bool = False,
           number: str | None = None, started_from: str | None = None, for_login: str | None = None) -> str:
    """Create (or update a draft / returned document) and, unless `draft`, send it on its way.

    `started_from`: the number of the document it was started from (`start_from.submit`), kept in
    the audit row as `from`. `for_login` (代提交): submit it for that person, who becomes its
    initiator and is told; `me` needs a role in the form's `submit_for` and is on record as who
    submitted it. A draft saved `for_login` stays `me`'s, with that person kept beside it, and is
    handed over to them when it is submitted (`for_login` None keeps whom it was for, `me` makes
    it `me`'s own again); a returned document is its initiator's alone to send."""
    now = office.clock.now()
    registry.sync(office)  # outside the transaction: a refused submit must not undo stored definitions
    attached = attachments.attach(office, form_id, number, values, now, draft=draft)  # reads files: no lock held
    values = attached.values
    with database.atomic():
        user = user_by_login(me)
        submitter = person = None
        if number:
            doc = document_by_number(number)
            if doc.initiator_id != user.id:
                raise PermissionDenied("not_initiator", name=doc.initiator.name, action=t("action.submit"))
            engine.check_transition(doc.status, "submit")
            if for_login and for_login != me and doc.status != engine.DRAFT:
                raise OfficeError("submit_for_new_only")
            form = registry.form_by_definition_id(office, doc.definition_id)
            old_raw = dict(doc.fields or {})
            old_fields = field_secrets.opened(office, doc, form, old_raw)
            if doc.status == engine.DRAFT:
                def_row, form = registry.latest(office, doc.form_id)
                doc.definition = def_row
                person = _draft_person(user, form, doc, for_login)
                if person is None and not _may_start(user, form):  # filled in for someone, now one's own
                    raise PermissionDenied("not_starter", form=form.title)
            old_values = form.from_storage(old_fields) if doc.status != engine.DRAFT else {}
            merged = {**old_fields, **values} if doc.status == engine.DRAFT else values
            base = old_values
        else:
            def_row, form = registry.latest(office, form_id or "")
            if for_login and for_login != me:
                person = submit_for.person_for(user, form, for_login)
            elif not _may_start(user, form):
                raise PermissionDenied("not_starter", form=form.title)
            owner = person if person is not None and not draft else user
            doc = Document(number="", form_id=form.id, definition=def_row,
                           initiator=owner, department=owner.department_id, created_at=now, updated_at=now)
            old_raw, old_fields, merged, base = {}, {}, values, {}
        kept_for = (doc.state or {}).get(submit_for.RECORDED)
        if draft:
            submit_for.record(doc, person)
        elif person is not None:  # handed over: the document is theirs, as if they had sent it
            submitter, user = user, person
            submit_for.record(doc, None)
            doc.initiator, doc.department = person, person.department_id
        if draft:
            typed = _coerce_lenient(form, merged)
        else:
            try:
                typed = {**base, **form.coerce(merged, partial=bool(base))}
                if attached.problems:
                    raise ValidationFailed([])
            except ValidationFailed as failed:
                failed.problems.extend(attached.problems)
                _report_all(office, form, user, base, merged, failed)
                raise
        initiator = person or doc.initiator
        ctx = eval_context(office, form, initiator.login)
        typed = form.compute(typed, ctx)
        flags: list[dict] = []
        if not draft:
            rule_problems, flags = run_rules(office, form, doc if doc.id else None, initiator, typed)
            rule_problems += links.check(office, form, typed) + people_fields.check(form, typed)
            rule_problems += access_grants.check(office, form, typed)
            ruled = {p.field for p in rule_problems}  # a named rule says it more precisely than the generic check
            problems = [p for p in form.validate(typed, ctx) if p.field not in ruled] + rule_problems
            problems += formula_problems(form, typed, ctx) + attachments.unread(form, typed)
            if form.numbering is not None:
                problems += form.numbering.problems(typed)
            if problems:
                raise ValidationFailed(problems)
            flags += data_flags.raised(office, form, doc.id, typed, ctx)
        stored = form.to_storage(typed) if not draft else _storage_lenient(form, typed)
        if doc.id is None:
            doc.number, given = numbering.first_number(form, stored, now, draft=draft)
            if given:
                numbering.mark_numbered(doc)
        stored = field_secrets.seal(office, doc, form, stored, old_raw, old_fields)
        doc.fields = stored
        doc.title = _title(form, typed)
        doc.updated_at = now
        doc.version = (doc.version or 0) + 1
        resubmitting = doc.status == engine.RETURNED
        if draft:
            created = doc.id is None
            doc.status = engine.DRAFT
            doc.save()
            changes = _diff(old_raw, stored)
            if (doc.state or {}).get(submit_for.RECORDED) != kept_for:  # whom it is for is on record too
                changes["for"] = person.login if person is not None else None
            if created or changes:
                # Every change is sealed in the audit trail, but saving again (every few seconds
                # while typing) is bookkeeping, not history: the timeline shows only "draft".
                audit.record(document_id=doc.id, actor_id=user.id, action="draft" if created else DRAFT_SAVE,
                             at=now, definition_version=_version(office, doc), changes=_from(changes, started_from))
            return doc.number
        numbering.give(office, doc, form, numbering.AT_SUBMIT, now, user.id)
        doc.status = engine.IN_PROGRESS
        doc.submitted_at = doc.submitted_at or now
        doc.flags = _merge_flags(doc.flags or [], flags)
        doc.save()
        attachments.keep(doc.id, attached, now)
        audit.record(document_id=doc.id, actor_id=(submitter or user).id,
                     on_behalf_of_id=user.id if submitter else None,
                     action="resubmit" if resubmitting else "submit", at=now,
                     definition_version=_version(office, doc), changes=_from(_diff(old_raw, stored), started_from))
        if submitter is not None:
            notify(user.id, doc, "submitted_for_you", now, name=submitter.name)
        state = dict(doc.state or {})
        start = state.pop("returned_from", None) if resubmitting else None
        if not resubmitting:
            state["path"] = []
        doc.state = state
        run_hooks(office, form, "on_submitted", doc, typed)
        enter_step(office, doc, form, start or form.first_step, typed, now)
        return doc.number


def _draft_person(me: User, form: FormDef, doc: Document, for_login: str | None) -> User | None:
    """Whom `me`'s draft is for: `for_login` when given (`me` itself: nobody else), else the
    colleague kept with the draft, checked again (they may have left, or `me` lost the role)."""
    if for_login is None:
        kept = submit_for.recorded_person(doc)
        return submit_for.person_for(me, form, kept.login) if kept is not None else None
    return submit_for.person_for(me, form, for_login) if for_login != me.login else None


def _from(changes: dict, started_from: str | None) -> dict:
    return {**changes, "from": started_from} if started_from else changes


def _report_all(office: Office, form: FormDef, user: User, base: dict, merged: dict, failed: ValidationFailed) -> None:
    """Add the other fields' problems (e.g. missing required ones) to a failed conversion,
    so a clerk or a script sees every problem at once, not one per attempt."""
    bad = {_field_root(p.field) for p in failed.problems}  # a bad cell (items[2].qty) makes its table bad
    rest = _coerce_lenient(form, {k: v for k, v in merged.items() if k not in bad})
    typed = {**form.defaults(), **base, **{k: v for k, v in rest.items() if k not in bad}}
    try:
        ctx = eval_context(office, form, user.login)
        typed = form.compute(typed, ctx)
        failed.problems.extend(p for p in form.validate(typed, ctx) if _field_root(p.field) not in bad)
    except Exception:  # noqa: BLE001 - the conversion problems alone still stand
        pass


def _field_root(field: str) -> str:
    """The form field a problem is about: `items` for `items[2].qty`."""
    return field.split("[", 1)[0].split(".", 1)[0]


def _storage_lenient(form: FormDef, values: dict) -> dict:
    out = {}
    for key, value in values.items():
        try:
            out.update(form.to_storage({key: value}))
        except Exception:  # a draft keeps text that does not parse yet
            out[key] = value if isinstance(value, (str, int, bool, type(None), list, dict)) else str(value)
    return out


def _merge_flags(old: list[dict], new: list[dict]) -> list[dict]:
    keep = [f for f in old if f.get("flag") not in {n.get("flag") for n in new}]
    return keep + new


def save_draft(office: Office, me: str, form_id: str, values: dict, number: str | None = None,
               for_login: str | None = None) -> str:
    """Save (or update) a draft; nothing is validated yet and nothing is sent. `for_login`: the
    colleague it is filled in for, kept with the draft (see `submit`)."""
    return submit(office, me, form_id, values, draft=True, number=number, for_login=for_login)


def delete_draft(office: Office, me: str, number: str) -> str:
    """Delete a draft of one's own: it leaves the Drafts tab (its number is not reused, and the
    audit trail keeps that it existed)."""
    now = office.clock.now()
    with database.atomic():
        user = user_by_login(me)
        doc = document_by_number(number)
        if doc.initiator_id != user.id:
            raise PermissionDenied("not_initiator", name=doc.initiator.name, action=t("action.discard"))
        engine.check_transition(doc.status, "discard")
        doc.status = engine.DISCARDED
        doc.updated_at = now
        doc.version += 1
        doc.save()
        audit.record(document_id=doc.id, actor_id=user.id, action="discard", at=now,
                     definition_version=_version(office, doc))
    return t("workflow.draft_discarded", number=number)


discard_draft = delete_draft
"""The earlier name of `delete_draft`."""
