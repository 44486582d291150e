"""Provides process statistics (流程统计): `compute(office, me, …)` and the documents behind one
figure, `documents(office, me, figure, …)`.

For a date range (documents submitted from `since` to `until`; default the last twelve weeks):
counts by form, status and department; cycle time per form (submitted to finished) and per step
(a deciding task's creation to its decision), as median and 90th percentile in elapsed hours;
bottlenecks (the steps where tasks wait longest, still-open ones counted up to now, and the people
with the most overdue tasks); overdue and late tasks per department; and documents submitted and
finished per week.

Who may see them: administrators, every department; a department's manager, the departments they
manage (and only those). Anyone else is refused.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tui_office.domain import statistics as calc
from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.domain.text import printable
from tui_office.i18n import pick, t
from tui_office.services import registry
from tui_office.services.office import Office
from tui_office.services.permissions import is_admin
from tui_office.services.search import departments_named
from tui_office.services.views import DocumentSummary
from tui_office.services.workflow import user_by_login
from tui_office.store import statistics_sql
from tui_office.store.models import Department
from tui_office.store.statistics_sql import Scope

TOP = 10
"""Rows of each bottleneck list."""
DRILL_LIMIT = 500
"""Most documents a drill-down lists."""
FIGURES = ("form", "status", "dept", "week", "step", "overdue", "overdue_dept")
"""What a figure's documents can be asked for by (`Figure.kind`)."""
NO_DEPARTMENT = "-"
"""The department code of documents that belong to none."""


@dataclass(frozen=True)
class Figure:
    """One row of the statistics, as the key to the documents behind it: `kind:value`
    (`form:leave`, `status:approved`, `dept:sales`, `week:2026-11-16`, `step:leave/manager`,
    `overdue:wangfang`, `overdue_dept:sales`)."""

    kind: str
    value: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, text: object) -> "Figure":
        if not isinstance(text, str) or len(text) > 200 or not text.isprintable():
            raise ValidationError("figure", "stats_bad_figure", value=printable(str(text)[:40]))
        kind, _, value = text.partition(":")
        if kind not in FIGURES or not value:
            raise ValidationError("figure", "stats_bad_figure", value=text[:40])
        return cls(kind, value)


@dataclass(frozen=True)
class Count:
    key: str
    """Form id, status or department code (`-`: no department)."""
    label: str
    count: int
    figure: Figure

    def to_json(self) -> dict:
        return {"key": self.key, "label": self.label, "count": self.count}


@dataclass(frozen=True)
class Cycle:
    """Median and 90th percentile of the durations of one form, or one step of one form (hours)."""

    form_id: str
    form: str
    step: str
    """Step id ("" for a form's whole cycle)."""
    step_title: str
    count: int
    median_hours: float | None
    p90_hours: float | None
    waiting: int = 0
    """Tasks still waiting at the step now (bottlenecks only)."""
    longest_hours: float | None = None
    """The longest wait at the step (bottlenecks only)."""

    @property
    def figure(self) -> Figure:
        return Figure("step", f"{self.form_id}/{self.step}") if self.step else Figure("form", self.form_id)

    def to_json(self) -> dict:
        out = {"form_id": self.form_id, "form": self.form, "count": self.count,
               "median_hours": _hours(self.median_hours), "p90_hours": _hours(self.p90_hours)}
        if self.step:
            out.update(step=self.step, step_title=self.step_title)
        return out


@dataclass(frozen=True)
class Overdue:
    """Overdue tasks of one person, or of one department's documents."""

    key: str
    """Login, or department code (`-`: no department)."""
    label: str
    overdue: int
    """Open tasks past their due time."""
    late: int = 0
    """Tasks decided after their due time (departments only)."""

    def to_json(self, kind: str) -> dict:
        if kind == "person":
            return {"login": self.key, "name": self.label, "overdue": self.overdue}
        return {"department": self.key, "name": self.label, "overdue": self.overdue, "late": self.late}


@dataclass(frozen=True)
class Week:
    start: date
    """The week's Monday."""
    submitted: int
    finished: int

    def to_json(self) -> dict:
        return {"week": self.start.isoformat(), "submitted": self.submitted, "finished": self.finished}


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics screen and `tui-office stats` show for one range."""

    since: date
    until: date
    form: str | None
    departments: list[str]
    """Codes of the departments counted (empty: every department, for an administrator)."""
    now: datetime
    total: int
    by_form: list[Count]
    by_status: list[Count]
    by_department: list[Count]
    cycle_by_form: list[Cycle]
    cycle_by_step: list[Cycle]
    waiting_steps: list[Cycle]
    overdue_people: list[Overdue]
    overdue_by_department: list[Overdue]
    weeks: list[Week] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "from": self.since.isoformat(), "to": self.until.isoformat(), "form": self.form,
            "departments": self.departments, "unit": "hours", "total": self.total,
            "by_form": [c.to_json() for c in self.by_form],
            "by_status": [c.to_json() for c in self.by_status],
            "by_department": [c.to_json() for c in self.by_department],
            "cycle_by_form": [c.to_json() for c in self.cycle_by_form],
            "cycle_by_step": [c.to_json() for c in self.cycle_by_step],
            "bottlenecks": {
                "steps": [{**c.to_json(), "waiting": c.waiting, "longest_hours": _hours(c.longest_hours)}
                          for c in self.waiting_steps],
                "people": [o.to_json("person") for o in self.overdue_people],
            },
            "overdue_by_department": [o.to_json("department") for o in self.overdue_by_department],
            "weeks": [w.to_json() for w in self.weeks],
        }


def compute(office: Office, me: str, *, since: object = None, until: object = None, form: object = None,
            dept: object = None) -> Statistics:
    """The statistics `me` may see for documents submitted from `since` to `until` (default: the
    last twelve weeks), of one form and one department when given."""
    scope, codes = _scope(office, me, since, until, form, dept)
    now = office.clock.now()
    forms = _form_titles(office)
    departments = {d.id: d for d in Department.select()}
    steps = _step_titles(office)
    by_form = [Count(k, forms.get(k, k), n, Figure("form", k)) for k, n in statistics_sql.counts(scope, "form")]
    by_status = [Count(k, t(f"status.{k}"), n, Figure("status", k)) for k, n in statistics_sql.counts(scope, "status")]
    by_department = [Count(_code(departments, k), _dept_label(departments, k), n, Figure("dept", _code(departments, k)))
                     for k, n in statistics_sql.counts(scope, "department")]
    cycles: dict[str, list[float]] = defaultdict(list)
    for form_id, submitted, finished in statistics_sql.finished_documents(scope):
        cycles[form_id].append(calc.hours_between(_when(submitted), _when(finished)))
    decided: dict[tuple[str, str], list[float]] = defaultdict(list)
    waits: dict[tuple[str, str], list[float]] = defaultdict(list)
    open_now: dict[tuple[str, str], int] = defaultdict(int)
    for form_id, _, step, status, created, acted in statistics_sql.task_waits(scope):
        end = _when(acted) if status == "done" else now
        hours = calc.hours_between(_when(created), end)
        waits[(form_id, step)].append(hours)
        if status == "done":
            decided[(form_id, step)].append(hours)
        else:
            open_now[(form_id, step)] += 1
    cycle_by_form = [_cycle(forms, steps, form_id, "", values) for form_id, values in sorted(cycles.items())]
    cycle_by_step = [_cycle(forms, steps, *key, values) for key, values in sorted(decided.items())]
    waiting = sorted((_cycle(forms, steps, *key, values, waiting=open_now[key]) for key, values in waits.items()),
                     key=lambda c: (-(c.median_hours or 0), -c.waiting, c.form_id, c.step))[:TOP]
    people = [Overdue(login, pick(name_en, name) or login, int(n))
              for login, name, name_en, n in statistics_sql.overdue_people(scope, now, TOP)]
    overdue_depts = sorted((Overdue(_code(departments, k), _dept_label(departments, k), int(o or 0), int(late or 0))
                            for k, o, late in statistics_sql.overdue_by_department(scope, now) if (o or late)),
                           key=lambda o: (-o.overdue, -o.late, o.key))
    submitted = _days(statistics_sql.per_day(scope, "submitted_at"))
    finished = dict(calc.by_week(_days(statistics_sql.per_day(scope, "finished_at")), scope.since, scope.until))
    weeks = [Week(monday, n, finished.get(monday, 0)) for monday, n in calc.by_week(submitted, scope.since, scope.until)]
    return Statistics(
        since=scope.since, until=scope.until, form=scope.form, departments=codes, now=now,
        total=sum(c.count for c in by_status), by_form=by_form, by_status=by_status, by_department=by_department,
        cycle_by_form=cycle_by_form, cycle_by_step=cycle_by_step, waiting_steps=waiting, overdue_people=people,
        overdue_by_department=overdue_depts, weeks=weeks)


def documents(office: Office, me: str, figure: object, *, since: object = None, until: object = None,
              form: object = None, dept: object = None) -> list[DocumentSummary]:
    """The documents behind one figure of `compute(...)` with the same filters, newest first."""
    figure = figure if isinstance(figure, Figure) else Figure.parse(figure)
    scope, _ = _scope(office, me, since, until, form, dept)
    narrow: dict = {}
    kind, value = figure.kind, figure.value
    if kind in ("form", "step"):
        form_id, _, step = value.partition("/")
        if scope.form and scope.form != form_id:
            return []
        scope = Scope(scope.since, scope.until, form_id, scope.departments)
        if kind == "step":
            narrow["step"] = step
    elif kind == "status":
        narrow["status"] = value
    elif kind == "week":
        try:
            narrow["week"] = date.fromisoformat(value)
        except ValueError:
            raise ValidationError("figure", "stats_bad_figure", value=str(figure)[:40]) from None
    elif kind == "overdue":
        narrow.update(overdue_of=value, overdue_at=office.clock.now())
    if kind in ("dept", "overdue_dept"):
        if value == NO_DEPARTMENT:
            narrow["no_department"] = True
        else:
            found = Department.get_or_none(Department.code == value)
            if found is None:
                raise ValidationError("figure", "stats_bad_figure", value=str(figure)[:40])
            narrow["department"] = found.id
        if kind == "overdue_dept":
            narrow["overdue_at"] = office.clock.now()
    rows = statistics_sql.documents(scope, limit=DRILL_LIMIT, **narrow)
    return [_summary(office, row) for row in rows]


def choices(office: Office, me: str) -> dict[str, list[tuple[str, str]]]:
    """What the form and department filters may be set to for `me`, as (value, label): every form;
    every department for an administrator, the departments they manage for a manager."""
    user = user_by_login(me)
    query = Department.select().order_by(Department.code)
    if not is_admin(user.login):
        query = query.where(Department.manager == user)
    return {"form": sorted(_form_titles(office).items()),
            "dept": [(d.code, pick(d.name_en, d.name_zh)) for d in query]}


# ---- checks and scope ------------------------------------------------------------------------


def _scope(office: Office, me: str, since: object, until: object, form: object, dept: object) -> tuple[Scope, list[str]]:
    user = user_by_login(me)
    default_since, default_until = calc.default_range(office.clock.today())
    since = default_since if since is None else _day(since, "from")
    until = default_until if until is None else _day(until, "to")
    if since > until:
        raise ValidationError("from", "stats_bad_range", since=since.isoformat(), until=until.isoformat())
    if (until - since).days > calc.MAX_DAYS:
        raise ValidationError("to", "stats_range_too_long", days=calc.MAX_DAYS)
    if form is not None:
        if not isinstance(form, str) or not form or len(form) > 100 or not form.isprintable():
            raise ValidationError("form", "stats_bad_form", value=printable(str(form)[:40]))
        if form not in _form_titles(office):
            raise ValidationError("form", "stats_bad_form", value=form[:40])
    if dept is not None and (not isinstance(dept, str) or not dept or len(dept) > 100 or not dept.isprintable()):
        raise ValidationError("dept", "stats_bad_department", value=printable(str(dept)[:40]))
    wanted = departments_named(dept) if dept is not None else None
    if is_admin(user.login):
        allowed = None
    else:
        allowed = [d.id for d in Department.select(Department.id).where(Department.manager == user)]
        if not allowed:
            raise PermissionDenied("stats_denied")
    if wanted is not None and allowed is not None and not set(wanted) & set(allowed):
        raise PermissionDenied("stats_department_denied", dept=dept)
    ids = sorted(set(wanted) & set(allowed)) if wanted is not None and allowed is not None else (wanted or allowed)
    codes = [d.code for d in Department.select(Department.code).where(Department.id.in_(ids)).order_by(Department.code)] \
        if ids is not None else []
    return Scope(since, until, form or None, ids), codes


def _day(value: object, name: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        if isinstance(value, str) and len(value) <= 20:
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise ValidationError(name, "stats_bad_date", value=printable(str(value)[:40]))
    return value


# ---- labels --------------------------------------------------------------------------------


def _form_titles(office: Office) -> dict[str, str]:
    return {form.id: pick(form.title_en, form.title_zh) or form.id for _, form in registry.all_latest(office)}


def _step_titles(office: Office) -> dict[tuple[str, str], str]:
    return {(form.id, step.id): pick(step.title_en, step.title_zh) or step.id
            for _, form in registry.all_latest(office) for step in form.steps}


def _code(departments: dict[int, Department], key: object) -> str:
    found = departments.get(key)  # type: ignore[arg-type]
    return found.code if found is not None else NO_DEPARTMENT


def _dept_label(departments: dict[int, Department], key: object) -> str:
    found = departments.get(key)  # type: ignore[arg-type]
    return pick(found.name_en, found.name_zh) if found is not None else t("stats.no_department")


def _cycle(forms: dict[str, str], steps: dict, form_id: str, step: str, values: list[float], *,
           waiting: int = 0) -> Cycle:
    found = calc.durations(values)
    return Cycle(form_id, forms.get(form_id, form_id), step, steps.get((form_id, step), step) if step else "",
                 found.count, found.median, found.p90, waiting, max(values) if values else None)


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _when(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _days(rows: list[tuple[object, int]]) -> dict[date, int]:
    out: dict[date, int] = {}
    for day, count in rows:
        if day is None:
            continue
        key = day if isinstance(day, date) and not isinstance(day, datetime) else date.fromisoformat(str(day)[:10])
        out[key] = out.get(key, 0) + int(count)
    return out


def _summary(office: Office, row: tuple) -> DocumentSummary:
    _, number, form_id, definition_id, title, status, initiator, _ = row
    form = registry.labels_by_definition_id(office, definition_id)
    return DocumentSummary(number=number, form_id=form_id, form_title=pick(form.title_en, form.title_zh) or form_id,
                           title=title or "", status=status, initiator_name=initiator)

