"""Provides the meetings use cases around the `meeting`, `meeting_absence` and `minutes` forms:
who attends, sign-in and sign-out (签到), the recorder's marks, materials, action items, the
meeting's page, repeated-absence flags, the assignee resolvers and approval hooks.

Calling a meeting, asking for leave of absence and writing minutes are ordinary documents
(`workflow.submit`, `decisions.act`); what those forms cannot say as data lives here. Each use case
below is one transaction that checks who may do it, changes the area's tables and writes the audit
row, or changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from tui_office.domain import engine
from tui_office.domain.errors import NotFound, OfficeError, PermissionDenied
from tui_office.domain.field_coercion import plain_line
from tui_office.i18n import t
from tui_office.services import attachments, audit, workflow
from tui_office.services.assignment import manager_of_user, users_with_role
from tui_office.services.decisions import can_view
from tui_office.services.office import Office
from tui_office.services.workflow import FOLLOWUP_KIND, document_by_number, notify, user_by_login
from tui_office.store.db import database
from tui_office.store.models import Department, Document, Role, Task, User, UserRole
from tui_office.workflows.meetings import rules
from tui_office.workflows.meetings.models import MeetingAttendance, MeetingMaterial
from tui_office.workflows.meetings.rules import Attendance
from tui_office.workflows.meetings.settings import MeetingSettings

MEETING, ABSENCE, MINUTES = "meeting", "meeting_absence", "minutes"
FORMS = (MEETING, ABSENCE, MINUTES)
RESOLUTIONS = "resolutions"
"""The minutes' tracked table: its rows are the action items (`resolutions-<n>`)."""
REPEATED = "repeated_absence"
OVERSIGHT_ROLES = frozenset({"hr", "gm", "admin"})
"""Roles that see every meeting's attendance and every action item."""
MAX_REASON = 1000


# ----------------------------------------------------------------------------- shapes


def _at(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _time(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M") if value else None


@dataclass(frozen=True)
class MeetingInfo:
    """One meeting as the area reads it from its notice."""

    number: str
    title: str
    kind: str
    chair: str
    recorder: str
    place: str
    start: datetime
    end: datetime
    status: str
    attendees: tuple[str, ...]
    """Logins of everyone expected: chair, recorder, named attendees, members of named departments."""
    agenda: tuple[dict, ...] = ()

    @property
    def issued(self) -> bool:
        return self.status == engine.APPROVED

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title, "kind": self.kind, "chair": self.chair,
                "recorder": self.recorder, "place": self.place, "start": _time(self.start),
                "end": _time(self.end), "status": self.status}


def _department_members(codes: list[str]) -> list[str]:
    if not codes:
        return []
    query = (User.select(User.login).join(Department, on=(User.department == Department.id))
             .where((Department.code.in_(codes)) & (User.active == True)).order_by(User.login))  # noqa: E712
    return [login for (login,) in query.tuples()]


def meeting_of(doc: Document) -> MeetingInfo:
    """The meeting a notice describes (`NotFound` for another form's document)."""
    if doc.form_id != MEETING:
        raise NotFound("meeting_not_a_meeting", number=doc.number)
    fields = doc.fields or {}
    named = [fields.get("chair"), fields.get("recorder"), *(fields.get("attendees") or [])]
    codes = [row.get("department") for row in fields.get("departments") or [] if isinstance(row, dict)]
    people = [p for p in [*named, *_department_members([c for c in codes if c])] if isinstance(p, str) and p]
    start = _at(fields.get("start")) or datetime.min
    end = _at(fields.get("end")) or start
    return MeetingInfo(doc.number, str(fields.get("title") or doc.title), str(fields.get("kind") or ""),
                       str(fields.get("chair") or ""), str(fields.get("recorder") or ""), str(fields.get("place") or ""),
                       start, end, doc.status, tuple(dict.fromkeys(people)),
                       tuple(r for r in fields.get("agenda") or [] if isinstance(r, dict)))


def policy(office: Office) -> MeetingSettings:
    """The office's `[meetings]` settings."""
    found = (getattr(office.settings, "sections", None) or {}).get("meetings")
    return found if isinstance(found, MeetingSettings) else MeetingSettings()


class Lookup:
    """What the meeting rules ask of the database."""

    def __init__(self, office: Office) -> None:
        self.office = office

    def meeting(self, number: str) -> MeetingInfo | None:
        doc = Document.get_or_none(Document.number == number)
        return meeting_of(doc) if doc is not None and doc.form_id == MEETING else None


def lookup_for(office: Office) -> Lookup:
    return Lookup(office)


# ----------------------------------------------------------------------------- resolvers and hooks


def _meeting_field(values: dict, field_id: str) -> MeetingInfo | None:
    number = values.get(field_id)
    doc = Document.get_or_none(Document.number == number) if isinstance(number, str) else None
    return meeting_of(doc) if doc is not None and doc.form_id == MEETING else None


def resolve_chair(rule, document: Document, values: dict) -> list[User]:  # noqa: ANN001
    """`assignee = { meeting_chair = "<document field>" }`: the chair of the meeting it names."""
    meeting = _meeting_field(values, rule.value)
    user = User.get_or_none(User.login == meeting.chair) if meeting else None
    return [user] if user is not None else []


def resolve_adhoc_approver(rule, document: Document, values: dict) -> list[User]:  # noqa: ANN001
    """`assignee = { adhoc_meeting_approver = "<user field>" }`: for an ad-hoc meeting the manager
    of the person in that field (the chair); a standing meeting needs no approval (nobody)."""
    if values.get("kind") != rules.ADHOC:
        return []
    chair = User.get_or_none(User.login == values.get(rule.value))
    manager = manager_of_user(chair) if chair is not None else None
    return [manager] if manager is not None else []


def _copy_to(doc: Document, logins: tuple[str, ...] | list[str], now: datetime, kind: str, **params: object) -> None:
    """Put `doc` in these people's inboxes as a copy (CC) and tell them, once each."""
    already = {a for (a,) in Task.select(Task.assignee).where((Task.document == doc) & (Task.kind == "cc")).tuples()}
    for user in User.select().where((User.login.in_(list(logins))) & (User.active == True)):  # noqa: E712
        if user.id in already or user.id == doc.initiator_id:
            continue
        Task.create(document=doc, step=doc.step or "", round=doc.round, kind="cc", assignee=user,
                    status="cc", created_at=now)
        notify(user.id, doc, kind, now, **params)


def issue_notice(office: Office, doc: Document, form: object, values: dict) -> None:
    """`meeting.issue_notice` (on approved): every attendee gets the notice with time and place."""
    meeting = meeting_of(doc)
    now = office.clock.now()
    _copy_to(doc, meeting.attendees, now, "meeting_notice", start=meeting.start.strftime("%Y-%m-%d %H:%M"),
             place=meeting.place)
    audit.record(document_id=doc.id, actor_id=None, action="meeting_issued", at=now,
                 changes={"to": list(meeting.attendees)})


def issue_minutes(office: Office, doc: Document, form: object, values: dict) -> None:
    """`meeting.issue_minutes` (on approved = issued, 签发): every attendee gets the minutes."""
    meeting = _meeting_field(values, MEETING)
    if meeting is None:
        return
    now = office.clock.now()
    _copy_to(doc, meeting.attendees, now, "minutes_issued", meeting=meeting.number)
    audit.record(document_id=doc.id, actor_id=None, action="minutes_issued", at=now,
                 changes={"to": list(meeting.attendees), "meeting": meeting.number})


# ----------------------------------------------------------------------------- attendance


@dataclass(frozen=True)
class AttendanceRow:
    """One attendee's line on the meeting's page."""

    login: str
    name: str
    status: str
    signed_in_at: datetime | None = None
    signed_out_at: datetime | None = None
    reason: str = ""
    excused_by: str = ""
    """The approved leave of absence (its number) that excuses them."""

    @property
    def label(self) -> str:
        return t(f"meetings.status.{self.status}")

    def to_json(self) -> dict:
        return {"user": self.login, "name": self.name, "status": self.status,
                "signed_in_at": _time(self.signed_in_at), "signed_out_at": _time(self.signed_out_at),
                "reason": self.reason, "leave_of_absence": self.excused_by or None}


def _leaves_of_absence(number: str) -> dict[str, str]:
    """Login → number of the approved leave of absence from meeting `number`."""
    out: dict[str, str] = {}
    query = (Document.select(Document.number, Document.fields, User.login).join(User, on=(Document.initiator == User.id))
             .where((Document.form_id == ABSENCE) & (Document.status == engine.APPROVED)).tuples())
    for doc_number, fields, login in query:
        if (fields or {}).get(MEETING) == number:
            out.setdefault(login, doc_number)
    return out


def _attendance(office: Office, doc: Document, meeting: MeetingInfo) -> list[AttendanceRow]:
    now, rules_of = office.clock.now(), policy(office)
    rows = {r.user.login: r for r in MeetingAttendance.select(MeetingAttendance, User)
            .join(User, on=(MeetingAttendance.user == User.id)).where(MeetingAttendance.meeting == doc)}
    names = {u.login: u.name for u in User.select(User.login, User.name).where(User.login.in_(list(meeting.attendees)))}
    excused = _leaves_of_absence(meeting.number)
    out = []
    for login in meeting.attendees:
        row = rows.get(login)
        known = Attendance(row.signed_in_at if row else None, row.signed_out_at if row else None,
                           row.mark if row else None, login in excused)
        out.append(AttendanceRow(login, names.get(login, login), rules.status(known, meeting.start, meeting.end, now, rules_of),
                                 known.signed_in_at, known.signed_out_at, row.reason if row else "",
                                 excused.get(login, "")))
    return out


def _meeting(me: str, number: str) -> tuple[User, Document, MeetingInfo]:
    user = user_by_login(me)
    doc = document_by_number(number)
    return user, doc, meeting_of(doc)


def _oversees(user: User) -> bool:
    """HR, the general manager and administrators see every meeting and action item."""
    return UserRole.select().join(Role).where((UserRole.user == user) & Role.code.in_(list(OVERSIGHT_ROLES))).exists()


def _may_see(user: User, doc: Document, meeting: MeetingInfo) -> bool:
    return user.login in meeting.attendees or can_view(user, doc) or _oversees(user)


def _viewable_meeting(me: str, number: str) -> tuple[User, Document, MeetingInfo]:
    user, doc, meeting = _meeting(me, number)
    if not _may_see(user, doc, meeting):
        raise PermissionDenied("cannot_view", number=doc.number)
    return user, doc, meeting


def attendance(office: Office, me: str, number: str) -> list[AttendanceRow]:
    """Everyone expected at meeting `number` with their status now."""
    with database.atomic():
        _, doc, meeting = _viewable_meeting(me, number)
        return _attendance(office, doc, meeting)


def _row(doc: Document, user: User) -> MeetingAttendance:
    row = MeetingAttendance.get_or_none((MeetingAttendance.meeting == doc) & (MeetingAttendance.user == user))
    return row or MeetingAttendance(meeting=doc, user=user)


def _refuse_unless_issued(meeting: MeetingInfo) -> None:
    if not meeting.issued:
        raise OfficeError("meeting_not_issued", number=meeting.number)


def sign_in(office: Office, me: str, number: str) -> str:
    """`me` signs in to meeting `number` (签到), from `sign_in_opens_minutes` before the start to its end."""
    now = office.clock.now()
    with database.atomic():
        user, doc, meeting = _meeting(me, number)
        if me not in meeting.attendees:
            raise PermissionDenied("meeting_not_attendee", number=number)
        _refuse_unless_issued(meeting)
        opens, closes = rules.sign_in_window(meeting.start, meeting.end, policy(office))
        if not opens <= now <= closes:
            raise OfficeError("meeting_sign_in_closed", number=number, opens=opens.strftime("%Y-%m-%d %H:%M"),
                              closes=closes.strftime("%H:%M"))
        row = _row(doc, user)
        if row.signed_in_at is not None:
            raise OfficeError("meeting_signed_in_already", number=number, at=row.signed_in_at.strftime("%H:%M"))
        return _record_time(office, row, meeting, "signed_in_at", "sign_in", now)


def sign_out(office: Office, me: str, number: str) -> str:
    """`me` signs out of meeting `number` before it ends (早退 beyond the threshold counts as absent)."""
    now = office.clock.now()
    with database.atomic():
        user, doc, meeting = _viewable_meeting(me, number)
        row = _row(doc, user)
        if row.signed_in_at is None:
            raise OfficeError("meeting_not_signed_in", number=number)
        if row.signed_out_at is not None or now >= meeting.end:
            raise OfficeError("meeting_sign_out_closed", number=number)
        return _record_time(office, row, meeting, "signed_out_at", "sign_out", now)


def _record_time(office: Office, row: MeetingAttendance, meeting: MeetingInfo, column: str, action: str,
                 now: datetime) -> str:
    """Keep `now` as the attendee's sign-in or sign-out time, audit it, and say the status it gives."""
    setattr(row, column, now)
    row.save()
    audit.record(document_id=row.meeting_id, actor_id=row.user_id, action=action, at=now, changes={column: _time(now)})
    status = next(r.status for r in _attendance(office, row.meeting, meeting) if r.login == row.user.login)
    return t(f"meetings.{column.removesuffix('_at')}", number=meeting.number, at=now.strftime("%H:%M"),
             status=t(f"meetings.status.{status}"))


def _reason(text: str, required: bool) -> str:
    reason = plain_line(text or "", "reason").strip() if text else ""
    if len(reason) > MAX_REASON:
        raise OfficeError("meeting_reason_too_long", limit=MAX_REASON)
    if required and not reason:
        raise OfficeError("meeting_reason_required")
    return reason


def mark(office: Office, me: str, number: str, login: str, mark_as: str, reason: str = "") -> str:
    """The recorder (or chair) marks an attendee present, absent or excused; absent and excused need a reason."""
    now = office.clock.now()
    if mark_as not in rules.MARKS:
        raise OfficeError("meeting_unknown_mark", mark=plain_line(str(mark_as)[:40], "mark"),
                          marks=", ".join(rules.MARKS))
    text = _reason(reason, required=mark_as != rules.PRESENT)
    with database.atomic():
        user, doc, meeting = _viewable_meeting(me, number)
        _refuse_unless_issued(meeting)
        if me not in (meeting.recorder, meeting.chair):
            raise PermissionDenied("meeting_not_recorder", number=number)
        if login not in meeting.attendees:
            raise OfficeError("meeting_not_an_attendee", login=plain_line(str(login)[:60], "login"), number=number)
        if now < rules.sign_in_window(meeting.start, meeting.end, policy(office))[0]:
            raise OfficeError("meeting_not_started", number=number, start=meeting.start.strftime("%Y-%m-%d %H:%M"))
        person = user_by_login(login)
        row = _row(doc, person)
        row.mark, row.reason, row.marked_by, row.marked_at = mark_as, text, user, now
        row.save()
        audit.record(document_id=doc.id, actor_id=user.id, action="mark_attendance", at=now, comment=text,
                     changes={"user": login, "mark": mark_as})
    return t("meetings.marked", name=person.name, status=t(f"meetings.status.{mark_as}"), number=number)


# ----------------------------------------------------------------------------- series


def repeat(office: Office, me: str, number: str, count: int) -> list[str]:
    """The next `count` meetings of a standing meeting's series, each its own notice with the same
    chair, recorder, place, attendees and agenda (weekly: same weekday; monthly, quarterly: same
    day of the month). All of them or none."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= rules.MAX_SERIES:
        raise OfficeError("meeting_series_count", limit=rules.MAX_SERIES)
    with database.atomic():
        user, doc, meeting = _viewable_meeting(me, number)
        if me not in (meeting.chair, meeting.recorder) and doc.initiator_id != user.id:
            raise PermissionDenied("meeting_not_organiser_series", number=number)
        if meeting.kind not in rules.STANDING:
            raise OfficeError("meeting_not_standing", number=number)
        if doc.status not in (engine.IN_PROGRESS, engine.APPROVED):
            raise OfficeError("meeting_not_issued", number=number)
        length = meeting.end - meeting.start
        base = dict(doc.fields or {})
        made = []
        for start in rules.occurrences(meeting.kind, meeting.start, count):
            values = {**base, "start": start.isoformat(), "end": (start + length).isoformat()}
            made.append(workflow.submit(office, me, MEETING, values))
        audit.record(document_id=doc.id, actor_id=user.id, action="meeting_series", at=office.clock.now(),
                     changes={"numbers": made})
    return made


# ----------------------------------------------------------------------------- leave of absence


def request_absence(office: Office, me: str, number: str, reason: str) -> str:
    """`me` asks the chair of meeting `number` to be excused: a `meeting_absence` document."""
    return workflow.submit(office, me, ABSENCE, {MEETING: number, "reason": reason}, started_from=number)


# ----------------------------------------------------------------------------- materials


@dataclass(frozen=True)
class Material:
    path: str
    size: int
    sha256: str
    attached_at: datetime
    attached_by: str
    late: bool
    reason: str

    def to_json(self) -> dict:
        return {"path": self.path, "size": self.size, "sha256": self.sha256, "attached_at": _time(self.attached_at),
                "attached_by": self.attached_by, "late": self.late, "reason": self.reason}


def attach_material(office: Office, me: str, number: str, path: str, reason: str = "") -> str:
    """The chair, recorder or whoever called the meeting attaches a file (by reference: path,
    size, SHA-256). Later than `materials_lead_days` working days before the start it is marked
    late and needs a reason."""
    now = office.clock.now()
    text = _reason(reason, required=False)
    reference, _ = attachments.reference(path, "path", now)  # reads the file before any lock is held
    with database.atomic():
        user, doc, meeting = _viewable_meeting(me, number)
        if me not in (meeting.chair, meeting.recorder) and doc.initiator_id != user.id:
            raise PermissionDenied("meeting_not_organiser", number=number)
        if doc.status not in (engine.IN_PROGRESS, engine.APPROVED) or now >= meeting.end:
            raise OfficeError("meeting_materials_closed", number=number)
        late = rules.materials_late(office.calendar, meeting.start.date(), now.date(), policy(office))
        if late and not text:
            due = rules.materials_due(office.calendar, meeting.start.date(), policy(office))
            raise OfficeError("meeting_materials_late", number=number, due=due.isoformat())
        MeetingMaterial.create(meeting=doc, path=reference["path"], size=reference["size"], sha256=reference["sha256"],
                               attached_by=user, attached_at=now, late=late, reason=text)
        audit.record(document_id=doc.id, actor_id=user.id, action="attach_material", at=now, comment=text,
                     changes={"path": reference["path"], "sha256": reference["sha256"], "late": late})
    return t("meetings.material_attached" + ("_late" if late else ""), number=number, path=reference["path"])


def materials(doc: Document) -> list[Material]:
    query = (MeetingMaterial.select(MeetingMaterial, User).join(User, on=(MeetingMaterial.attached_by == User.id))
             .where(MeetingMaterial.meeting == doc).order_by(MeetingMaterial.attached_at, MeetingMaterial.id))
    return [Material(m.path, m.size, m.sha256, m.attached_at, m.attached_by.login, m.late, m.reason) for m in query]


# ----------------------------------------------------------------------------- action items


@dataclass(frozen=True)
class ActionItem:
    """One resolution of issued minutes, tracked as its owner's follow-up task."""

    minutes: str
    meeting: str
    meeting_title: str
    row: int
    key: str
    """The follow-up's id (`resolutions-2`): `tui-office act resolutions-2 MINUTES` completes it."""
    text: str
    owner: str
    owner_name: str
    due: date | None
    status: str
    """`open`, `overdue` or `done`."""
    done_at: datetime | None = None
    note: str = ""

    def to_json(self) -> dict:
        return {"minutes": self.minutes, "meeting": self.meeting, "meeting_title": self.meeting_title, "row": self.row,
                "key": self.key, "text": self.text, "owner": self.owner, "due": self.due.isoformat() if self.due else None,
                "status": self.status, "done_at": _time(self.done_at), "note": self.note}


def _items_of(doc: Document, now: datetime) -> list[ActionItem]:
    fields = doc.fields or {}
    rows = [r for r in fields.get(RESOLUTIONS) or [] if isinstance(r, dict)]
    tasks = {task.step: task for task in Task.select(Task, User).join(User, on=(Task.assignee == User.id))
             .where((Task.document == doc) & (Task.kind == FOLLOWUP_KIND)).order_by(Task.id)}
    out = []
    for index, row in enumerate(rows, start=1):
        key = f"{RESOLUTIONS}-{index}"
        task = tasks.get(key)
        if task is None:
            continue
        due = date.fromisoformat(row["due"]) if isinstance(row.get("due"), str) else None
        if task.status == "open":
            state = "overdue" if task.due_at is not None and now > task.due_at else "open"
        else:
            state = "done"
        out.append(ActionItem(doc.number, str(fields.get(MEETING) or ""), str(fields.get("title") or ""), index, key,
                              str(row.get("text") or ""), task.assignee.login, task.assignee.name,
                              task.due_at.date() if task.due_at else due, state,
                              task.acted_at if state == "done" else None, task.comment if state == "done" else ""))
    return out


def _item(office: Office, me: str, number: str, key: str) -> tuple[User, Document, MeetingInfo | None, Task]:
    user = user_by_login(me)
    doc = document_by_number(number)
    if doc.form_id != MINUTES or doc.status != engine.APPROVED:
        raise OfficeError("meeting_not_issued_minutes", number=number)
    task = (Task.select().where((Task.document == doc) & (Task.kind == FOLLOWUP_KIND) & (Task.step == key))
            .order_by(Task.id.desc()).first())
    if task is None:
        raise NotFound("meeting_no_such_item", key=plain_line(str(key)[:40], "key"), number=number)
    return user, doc, _meeting_field(doc.fields or {}, MEETING), task


def _recorder_only(user: User, doc: Document, meeting: MeetingInfo | None) -> None:
    allowed = {doc.initiator.login} | ({meeting.recorder, meeting.chair} if meeting else set())
    if user.login not in allowed:
        raise PermissionDenied("meeting_item_recorder_only", number=doc.number)


def _open_item(task: Task, number: str) -> None:
    if task.status != "open":
        raise OfficeError("meeting_item_closed", key=task.step, number=number)


def _item_state(doc: Document, key: str, **changes: object) -> None:
    state = dict(doc.state or {})
    started = dict(state.get("followups") or {})
    started[key] = {**dict(started.get(key) or {}), **changes}
    state["followups"] = started
    doc.state = state
    workflow.save_changes(doc)


def reassign_item(office: Office, me: str, number: str, key: str, to: str, reason: str) -> str:
    """The recorder (or chair) hands an open action item to someone else, with a reason."""
    now = office.clock.now()
    text = _reason(reason, required=True)
    with database.atomic():
        user, doc, meeting, task = _item(office, me, number, key)
        _recorder_only(user, doc, meeting)
        _open_item(task, number)
        person = User.get_or_none((User.login == to) & (User.active == True))  # noqa: E712
        if person is None:
            raise NotFound("meeting_no_such_owner", login=plain_line(str(to)[:60], "to"))
        before = task.assignee.login
        if person.id == task.assignee_id:
            raise OfficeError("meeting_item_same_owner", name=person.name)
        task.assignee = person
        task.save()
        _item_state(doc, key, owner=person.login)
        notify(person.id, doc, "new_task", now, due=f"{task.due_at:%Y-%m-%d}" if task.due_at else "")
        audit.record(document_id=doc.id, actor_id=user.id, action="reassign_item", step=key, at=now, comment=text,
                     changes={"from": before, "to": person.login})
    return t("meetings.item_reassigned", key=key, number=number, name=person.name)


def extend_item(office: Office, me: str, number: str, key: str, due: date, reason: str) -> str:
    """The recorder (or chair) moves an open action item's due date later, with a reason."""
    now = office.clock.now()
    text = _reason(reason, required=True)
    if not isinstance(due, date) or due < now.date():
        raise OfficeError("meeting_item_due_past", today=now.date().isoformat())
    with database.atomic():
        user, doc, meeting, task = _item(office, me, number, key)
        _recorder_only(user, doc, meeting)
        _open_item(task, number)
        before = f"{task.due_at:%Y-%m-%d}" if task.due_at else None
        task.due_at = workflow.deadline(due) - timedelta(seconds=1)
        task.reminded_at = None
        task.save()
        _item_state(doc, key, due=due.isoformat())
        audit.record(document_id=doc.id, actor_id=user.id, action="extend_item", step=key, at=now, comment=text,
                     changes={"from": before, "to": due.isoformat()})
    return t("meetings.item_extended", key=key, number=number, due=due.isoformat())


def report_progress(office: Office, me: str, number: str, key: str, note: str) -> str:
    """The owner of an open action item reports how it is going (kept in the minutes' history)."""
    now = office.clock.now()
    text = _reason(note, required=True)
    with database.atomic():
        user, doc, _, task = _item(office, me, number, key)
        if task.assignee_id != user.id:
            raise PermissionDenied("meeting_item_not_owner", key=key, number=number)
        _open_item(task, number)
        audit.record(document_id=doc.id, actor_id=user.id, action="item_progress", step=key, at=now, comment=text)
    return t("meetings.item_progress", key=key, number=number)


def action_items(office: Office, me: str, *, mine: bool = False, meeting: str | None = None) -> list[ActionItem]:
    """Action items of issued minutes that `me` may see (theirs, their meetings', or all for
    oversight roles): `mine` only theirs; `meeting` only that meeting's."""
    now = office.clock.now()
    with database.atomic():
        user = user_by_login(me)
        oversees = _oversees(user)
        docs = Document.select().where((Document.form_id == MINUTES) & (Document.status == engine.APPROVED))
        out = []
        for doc in docs.order_by(Document.submitted_at, Document.id):
            if meeting and (doc.fields or {}).get(MEETING) != meeting:
                continue
            items = _items_of(doc, now)
            if mine or not (oversees or can_view(user, doc)):
                items = [i for i in items if i.owner == me]
            out += items
    return out


# ----------------------------------------------------------------------------- the meeting's page


@dataclass(frozen=True)
class MeetingPage:
    meeting: MeetingInfo
    attendance: list[AttendanceRow]
    materials: list[Material]
    minutes: list[tuple[str, str]]
    """(number, status) of the minutes written for it."""
    action_items: list[ActionItem]
    flags: list[dict] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    """Login → name of the people the page names (chair, recorder, presenters, attendees)."""

    def to_json(self) -> dict:
        return {**self.meeting.to_json(),
                "attendance": [a.to_json() for a in self.attendance],
                "materials": [m.to_json() for m in self.materials],
                "minutes": [{"number": n, "status": s} for n, s in self.minutes],
                "action_items": [i.to_json() for i in self.action_items]}


def page(office: Office, me: str, number: str) -> MeetingPage:
    """Everything the meeting's page shows."""
    now = office.clock.now()
    with database.atomic():
        user, doc, meeting = _viewable_meeting(me, number)
        minutes_docs = [d for d in Document.select().where((Document.form_id == MINUTES)
                                                            & (Document.status.not_in([engine.DRAFT, engine.DISCARDED])))
                        .order_by(Document.id) if (d.fields or {}).get(MEETING) == number]
        items = [i for d in minutes_docs if d.status == engine.APPROVED for i in _items_of(d, now)]
        presenters = [str(r.get("presenter")) for r in meeting.agenda if r.get("presenter")]
        names = {u.login: u.name for u in User.select(User.login, User.name)
                 .where(User.login.in_([*meeting.attendees, *presenters]))}
        return MeetingPage(meeting, _attendance(office, doc, meeting), materials(doc),
                           [(d.number, d.status) for d in minutes_docs], items, list(doc.flags or []), names)


def details(office: Office, me: str, number: str) -> dict:
    """What `show --json` of a meeting adds: attendance, materials, minutes and action items."""
    if document_by_number(number).form_id != MEETING:
        return {}
    return page(office, me, number).to_json()


def meetings(office: Office, me: str, start: date, end: date) -> list[MeetingInfo]:
    """Issued or pending meetings from `start` to `end` (inclusive) that `me` attends or may see."""
    with database.atomic():
        user = user_by_login(me)
        found = []
        for doc in Document.select().where((Document.form_id == MEETING)
                                           & (Document.status.in_([engine.IN_PROGRESS, engine.APPROVED]))):
            meeting = meeting_of(doc)
            if start <= meeting.start.date() <= end and _may_see(user, doc, meeting):
                found.append(meeting)
    return sorted(found, key=lambda m: (m.start, m.number))


# ----------------------------------------------------------------------------- repeated absence


def sweep_absences(office: Office) -> list[str]:
    """`remind`: flag each person with `absence_limit` unexcused absences within the window on the
    latest of those meetings (`repeated_absence`, once per meeting) and tell its chair and HR."""
    now, rules_of = office.clock.now(), policy(office)
    since = now - timedelta(days=rules_of.absence_window_days)
    lines: list[str] = []
    with database.atomic():
        absences: dict[str, list[tuple[date, Document, MeetingInfo]]] = {}
        for doc in Document.select().where((Document.form_id == MEETING) & (Document.status == engine.APPROVED)):
            meeting = meeting_of(doc)
            if not since <= meeting.end <= now:
                continue
            for row in _attendance(office, doc, meeting):
                if row.status in rules.UNEXCUSED:
                    absences.setdefault(row.login, []).append((meeting.start.date(), doc, meeting))
        for login, found in sorted(absences.items()):
            days = rules.repeated_absence([d for d, _, _ in found], now.date(), rules_of)
            if not days:
                continue
            _, doc, meeting = max(found, key=lambda f: (f[0], f[1].id))
            flags = list(doc.flags or [])
            if any(f.get("flag") == REPEATED and f.get("user") == login for f in flags):
                continue
            flags.append({"flag": REPEATED, "user": login, "count": len(days), "since": days[0].isoformat()})
            doc.flags = flags
            workflow.save_changes(doc)
            person = user_by_login(login)
            told = {u.id for u in users_with_role("hr")}
            chair = User.get_or_none(User.login == meeting.chair)
            if chair is not None:
                told.add(chair.id)
            for user_id in sorted(told):
                notify(user_id, doc, REPEATED, now, name=person.name, count=len(days))
            audit.record(document_id=doc.id, actor_id=None, action="flag", at=now,
                         changes={"flag": REPEATED, "user": login, "count": len(days)})
            lines.append(f"{doc.number}: {REPEATED} {login} ({len(days)})")
    return lines


def flag_text(flag: dict) -> str:
    if flag.get("flag") == REPEATED:
        return t("meetings.flag.repeated_absence", user=flag.get("user", ""), count=flag.get("count", ""))
    return ""
