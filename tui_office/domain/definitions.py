"""Provides forms and processes as data: `FormDef`, `StepDef` and loading them from TOML files.

A definition file (`data/forms/<id>.toml`) declares a form (its fields) and its process (its steps);
the format is documented at the top of each shipped file. `parse_definition` reads one file's text,
`load_all` a folder, `check_paths` reports every problem as `file:line: message`. A `FormDef` coerces,
computes, validates, routes, stores and displays the values of one document.

Versioning: `FormDef.source` is the file's text and `FormDef.digest` its sha256, so the services can
store the exact version a document started with and keep using it after the file changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tui_office.domain import engine
from tui_office.domain.access_grants import AccessGrant
from tui_office.domain.checks import CheckDef, form_problems, row_problems
from tui_office.domain.totals import total_warnings
from tui_office.domain.errors import NotFound, ValidationError, ValidationFailed
from tui_office.domain.evaluation import Evaluation, read_raw, root_of
from tui_office.domain.expressions import Expression, ExpressionError
from tui_office.domain.fields import FieldDef
from tui_office.domain.timeouts import Timeout
from tui_office.domain.triggers import TriggerDef
from tui_office.domain.numbering import NumberScheme
from tui_office.i18n import pick

ASSIGNEE_KINDS = ("role", "dept_manager", "manager_of", "user", "field", "initiator", "manager_of_field")
MODES = ("one", "all", "any", "at_least", "sequence")
STEP_KINDS = ("approve", "record", "seal")
ON_NOBODY = ("skip", "dept_manager", "admin")
ON_INITIATOR = ("skip", "manager", "allow")
STEP_ACTIONS = engine.ACTIONS
"""Actions a step's `actions` may list (the engine's action table)."""
DEFAULT_ACTIONS = {
    "approve": ("approve", "reject", "return", "delegate", "entrust", "add-approver", "cc", "comment"),
    "record": ("approve", "return", "delegate", "cc", "comment"),
    "seal": ("approve", "return", "cc", "comment"),
}
STEP_KIND_ROLES = {"seal": "seal_keeper"}
"""Step kinds only holders of a role may act on, whoever holds the task: the company seal (用印)
is applied only by its keeper. Such a step cannot be delegated or widened with added approvers."""
END = "end"
"""The routing target that finishes the process (the document is approved)."""


@dataclass(frozen=True)
class Problem:
    """One definition problem, printed as `file:line: message`."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class AssigneeRule:
    """Who acts on a step.

    kind: `role` (value: a role code; `values` may hold several, all asked), `dept_manager` (the
    manager of the initiator's department), `manager_of` (value: a department code), `user` (value:
    a login; `values` may hold several), `field` (value: a `user` or `users` field of the form, or a
    table's user column as "table.column": everyone it names, in order), `manager_of_field` (value:
    a `department` field: that department's manager), `initiator`.
    """

    kind: str
    value: str | None = None
    """The (first) argument: role code, department code, login or field id; None for dept_manager/initiator."""
    values: tuple[str, ...] = ()
    """Every argument (a list of roles or users); `(value,)` when a single one is given."""
    line: int = field(default=0, compare=False)
    """Line of the `assignee` key in the definition file."""


@dataclass(frozen=True)
class Route:
    """One routing rule of a step: go `to` (a step id or "end") when `condition` holds (None: always)."""

    condition: Expression | None
    to: str
    line: int = 0


FOLLOWUP_FUNCTIONS = frozenset({"add_working_days", "next_working_day"})
"""Calendar functions a follow-up's `due` formula may call besides the built-in ones."""
ROUTE_FUNCTIONS = frozenset({"flagged"})
"""Functions a step's `next` conditions and `skip_if` may call besides the built-in ones:
`flagged('name')` is true when the document carries the flag `name` (put on it at submit by a
`[[flags]]` condition or by a workflow's flagger)."""


@dataclass(frozen=True)
class FollowupDef:
    """A task that follows a finished document (`[[followups]]`): who does it, by when, and the
    flag the document gets when it is overdue. Completing it is the action named by `id`
    (`tui-office act <id> NUMBER`)."""

    id: str
    title_en: str
    title_zh: str
    assignee: AssigneeRule
    """Who does it: the same rules as a step's assignee (`{ initiator = true }`, `{ field = "x" }`, `{ role = "hr" }` …)."""
    due: Expression | None
    """The due day: a formula over the fields and params; `today()` is the day the document was
    approved, `add_working_days(day, n)` and `next_working_day(day)` follow the office calendar.
    The task is due by the end of that day."""
    overdue_flag: str | None = None
    """The flag `remind` puts on the document once the task is overdue (None: reminders only)."""
    also: tuple[str, ...] = ()
    """Role codes that may complete it for the assignee."""
    notice: str = "new_task"
    """Kind of the notification the assignee gets when the task starts (its words: the catalogue's
    `notice.<kind>`, else the core's own notices)."""
    overdue_notice: str = "reminder"
    """Kind of the notification sent once the task is overdue; with a catalogue entry
    `notice.<kind>`, also the line `remind` prints."""
    overdue_notify: tuple[AssigneeRule, ...] = ()
    """Who is told when it is overdue, as assignee rules (none: the task's assignees)."""
    done_message: str = ""
    """Catalogue key of the message shown when it is done (empty: the core's own)."""
    check: tuple[str, ...] = ()
    """Hooks a workflow package declares (`Workflow.followup_checks`) that may refuse completing it:
    `fn(office, doc, followup, user)` raising an `OfficeError`, run before the core's own checks."""
    line: int = 0

    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_zh)


TRACK_ON_APPROVED = "approved"
"""`track.on` value: rows become tasks when the document is approved (else: a step id)."""


@dataclass(frozen=True)
class TrackDef:
    """A line-item table whose rows become follow-up tasks (`track = { … }` on a table field): on
    `on` (approved, or a step finished), each row is a task for the user in column `owner`, due by
    the end of the day in column `due`, described by column `text`. The task's follow-up id is
    `<table>-<row number>` (`tui-office act actions-2 NUMBER` completes the second row)."""

    table: str
    on: str
    owner: str
    due: str | None
    text: str
    overdue_flag: str | None = None
    also: tuple[str, ...] = ()
    line: int = 0

    def row_id(self, index: int) -> str:
        """The follow-up id of row `index` (0-based)."""
        return f"{self.table}-{index + 1}"


@dataclass(frozen=True)
class Prefill:
    """One field of a form started from another document (`[prefill]`): its value is `expression`
    evaluated over the source document's fields and parameters."""

    field: str
    expression: Expression
    line: int = 0


@dataclass(frozen=True)
class FlagDef:
    """A flag put on a document at submit when its condition holds (`[[flags]]`), e.g. repeated
    absence: `count(form='meeting_attendance', status='absent', by=person, within='90 days') >= 2`."""

    id: str
    when: Expression
    text_en: str
    text_zh: str = ""
    line: int = 0

    def raised(self) -> dict:
        """The flag as a document stores it: its id and its words in both languages."""
        return {"flag": self.id, "en": self.text_en, "zh": self.text_zh}


@dataclass(frozen=True)
class StepDef:
    """One step of a process."""

    id: str
    title_en: str
    title_zh: str = ""
    kind: str = "approve"
    """`approve` (a decision), `record` (work done and recorded, e.g. purchasing) or `seal` (the
    seal keeper records a use of the company seal; only `seal_keeper` holders act on it)."""
    assignee: AssigneeRule = AssigneeRule("dept_manager")
    mode: str = "one"
    """`one` person, `all` of them (countersign), `any` of them, `at_least` min_approvals of them,
    `sequence`: all of them one after another in the order found (circulation: each is asked once
    the one before approved)."""
    min_approvals: int = 0
    due_hours: float | None = None
    due_working_days: float | None = None
    actions: tuple[str, ...] = DEFAULT_ACTIONS["approve"]
    next: tuple[Route, ...] = ()
    """Ordered routing rules; the first whose condition holds wins (always ends with a default)."""
    on_nobody: str = "admin"
    """When the rule finds nobody: `skip` the step, send to the `dept_manager`, or to an `admin`."""
    on_initiator: str = "manager"
    """When the approver is the initiator: `skip`, send to their `manager`, or `allow`."""
    fields: tuple[str, ...] = ()
    """Fields filled in at this step (e.g. purchasing records the supplier); not asked at submit."""
    skip_if: Expression | None = None
    """A condition under which the document passes this step by (a rule of the form, not a person
    missing: it never sends the step to an administrator)."""
    timeout: Timeout | None = None
    """How long a task of the step may wait before `on_timeout` happens (None: no limit)."""
    on_timeout: str = "remind"
    """Once past the timeout: `remind`, `escalate` (to the assignee's manager, or `escalate_to`),
    `approve` or `reject` (decided by the system, with the rule recorded)."""
    escalate_to: AssigneeRule | None = None
    """Whom `escalate` asks instead of the assignee's manager (e.g. `{ role = "gm" }`)."""
    line: int = 0

    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_zh) or self.id


@dataclass
class EvalContext:
    """What expressions may use besides the values: today, the working-day calendar, parameter overrides."""

    today: date
    calendar: Any = None
    """A `WorkCalendar` (supplies `working_days`); None: the function is unavailable."""
    params: dict = field(default_factory=dict)
    """Parameter values that override the form's own `params`."""
    flags: frozenset[str] = frozenset()
    """Names of the flags the document carries (what `flagged('name')` answers; none before submit)."""


@dataclass(eq=False)
class FormDef:
    """A parsed form with its process."""

    id: str
    version: int
    title_en: str
    title_zh: str
    prefix: str
    fields: tuple[FieldDef, ...]
    steps: tuple[StepDef, ...]
    allow_self_approval: bool = False
    """The initiator may approve their own document. Off: no route (role step, added approver,
    delegation, deputy) lets the initiator approve, reject or choose approvers for it."""
    allow_unattended_approval: bool = False
    """A document may end approved when every step found nobody. Off: at least one person must
    approve, and a step that finds nobody goes to an administrator instead."""
    cc_allowed: tuple[str, ...] = ("*",)
    """Role codes of the people a document of this form may be copied (抄送) to; `*` means everyone."""
    starters: tuple[str, ...] = ("*",)
    """Role codes that may start the form; `*` means everyone."""
    submit_for: tuple[str, ...] = ()
    """Role codes that may submit the form on someone else's behalf (代提交), who becomes its
    initiator; empty: nobody may."""
    params: dict = field(default_factory=dict)
    """Named constants for expressions (the file's `[params]` with config `forms.<id>` overrides)."""
    rules: tuple[str, ...] = ()
    flaggers: tuple[str, ...] = ()
    hooks: dict = field(default_factory=dict)
    followups: tuple[FollowupDef, ...] = ()
    """Tasks that follow the approved document (`[[followups]]`)."""
    triggers: tuple[TriggerDef, ...] = ()
    """Date-relative reminders, tasks, flags and lapses (`[[triggers]]`), run by `remind`."""
    tracks: tuple[TrackDef, ...] = ()
    """Line-item tables whose rows become follow-up tasks (`track` on a table field)."""
    start_from: tuple[str, ...] = ()
    """Ids of the forms a document of this form may be started from (`start_from`)."""
    prefill: tuple[Prefill, ...] = ()
    """Fields filled from the source document when started from one (`[prefill]`)."""
    checks: tuple[CheckDef, ...] = ()
    """Conditions across fields that must hold (`[[checks]]`), each with its message."""
    flags: tuple[FlagDef, ...] = ()
    """Flags raised at submit by a condition (`[[flags]]`), aggregates over other documents allowed."""
    store_files: bool = False
    """Keep a copy of each file field's file in the database (besides the office setting `files.store`)."""
    grants_access: AccessGrant | None = None
    """What an approved document of this form lets its initiator read, and for how long (`grants_access`)."""
    numbering: NumberScheme | None = None
    """The form's numbering scheme (`number`, `number_at`); None: `PREFIX-YYYY-NNNN` at creation."""
    title_field: str | None = None
    title_template: str | None = None
    """A document title such as "{item} × {quantity}" (field ids in braces)."""
    remind_hours: float | None = None
    description_en: str = ""
    description_zh: str = ""
    digest: str = ""
    source: str = ""
    file: str = ""
    line: int = 1

    # ----------------------------------------------------------------- lookups
    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_zh) or self.id

    @property
    def description(self) -> str:
        return pick(self.description_en, self.description_zh)

    @property
    def first_step(self) -> str | None:
        return self.steps[0].id if self.steps else None

    def field(self, field_id: str) -> FieldDef:
        for f in self.fields:
            if f.id == field_id:
                return f
        raise NotFound("not_found", what=f"field {field_id} of form {self.id}")

    def step(self, step_id: str) -> StepDef:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise NotFound("not_found", what=f"step {step_id} of form {self.id}")

    def followup(self, followup_id: str) -> FollowupDef | None:
        """The follow-up named `followup_id` (None: the form has none by that name)."""
        return next((f for f in self.followups if f.id == followup_id), None)

    def row_followup(self, followup_id: str, values: Mapping[str, Any] | None = None) -> FollowupDef | None:
        """The follow-up of one tracked row (`<table>-<n>`), titled by its text when `values` (the
        document's) are given, else by the table's label and the row number; or that of a task a
        trigger created (its id, `<id>-<n>` for a row date); None: no such id."""
        for trigger in self.triggers:
            if trigger.action == "task" and re.fullmatch(rf"{re.escape(trigger.id)}(-\d+)?", followup_id):
                return FollowupDef(followup_id, trigger.title_en or trigger.id, trigger.title_zh,
                                   AssigneeRule("initiator"), None, line=trigger.line)
        for track in self.tracks:
            prefix = f"{track.table}-"
            if not followup_id.startswith(prefix) or not followup_id[len(prefix):].isdigit():
                continue
            index = int(followup_id[len(prefix):]) - 1
            rows = (values or {}).get(track.table) or []
            row = rows[index] if 0 <= index < len(rows) and isinstance(rows[index], Mapping) else {}
            table = self.field(track.table)
            text = row.get(track.text)
            title_en = str(text) if text not in (None, "") else f"{table.label_en or table.id} {index + 1}"
            title_zh = str(text) if text not in (None, "") else f"{table.label_zh or table.label_en or table.id} {index + 1}"
            owner = row.get(track.owner)
            return FollowupDef(followup_id, title_en, title_zh, AssigneeRule("user", str(owner or ""), (str(owner or ""),)),
                               None, overdue_flag=track.overdue_flag, also=track.also, line=track.line)
        return None

    def has_field(self, field_id: str) -> bool:
        return any(f.id == field_id for f in self.fields)

    def has_step(self, step_id: str) -> bool:
        return any(s.id == step_id for s in self.steps)

    def step_fields(self) -> set[str]:
        """Ids of fields filled in at a step rather than at submit."""
        return {fid for s in self.steps for fid in s.fields}

    def may_start(self, roles: Iterable[str]) -> bool:
        return "*" in self.starters or bool(set(roles) & set(self.starters))

    def may_submit_for_others(self, roles: Iterable[str]) -> bool:
        return bool(set(roles) & set(self.submit_for))

    def may_be_copied_to(self, roles: Iterable[str]) -> bool:
        return "*" in self.cc_allowed or bool(set(roles) & set(self.cc_allowed))

    # ------------------------------------------------------------- evaluation
    def env(self, values: Mapping[str, Any], ctx: EvalContext | None = None) -> dict:
        """Names an expression sees: params (with overrides), then the field values."""
        env = dict(self.params)
        if ctx is not None and ctx.params:
            env.update(ctx.params)
        env.update(values)
        for f in self.fields:
            if env.get(f.id) is None:
                env[f.id] = [] if f.type in ("table", "multichoice", "checklist", "users") else None
        return env

    @staticmethod
    def functions(ctx: EvalContext | None) -> dict:
        funcs: dict = {}
        if ctx is not None:
            funcs["today"] = lambda: ctx.today
            funcs["flagged"] = lambda name: name in ctx.flags
            if ctx.calendar is not None:
                funcs.update(calendar_functions(ctx.calendar))
        return funcs

    @staticmethod
    def holds(expression: Expression | None, env: Mapping, functions: Mapping, default: bool) -> bool:
        """Whether a condition holds; one that cannot be evaluated (missing values) gives `default`."""
        if expression is None:
            return True
        try:
            return bool(expression.evaluate(env, functions))
        except ExpressionError:
            return default

    # ---------------------------------------------------------------- values
    def defaults(self) -> dict:
        """The default of every field that has one."""
        return {f.id: f.default for f in self.fields if not f.computed and f.default is not None}

    def coerce(self, raw: Mapping[str, object], *, partial: bool = False) -> dict:
        """Typed values from strings (CLI `--set`, UI inputs) or already typed values.

        Without `partial`, fields not given that have a default get it (fields without a default
        are left out, so `{**old_values, **coerce(changes)}` keeps the rest). Computed fields in `raw`
        are ignored (they are recomputed). Problems → `ValidationFailed` with one `ValidationError` per problem.
        """
        values: dict = {} if partial else self.defaults()
        problems: list[ValidationError] = []
        known = {f.id: f for f in self.fields}
        for key, raw_value in raw.items():
            f = known.get(str(key))
            if f is None:
                problems.append(ValidationError(str(key), "unknown_field", name=str(key)))
                continue
            if f.computed:
                continue
            if f.type == "table":
                rows, row_problems = f.coerce_rows(raw_value)
                problems.extend(row_problems)
                values[f.id] = rows
                continue
            try:
                values[f.id] = f.coerce(raw_value)
            except ValidationError as exc:
                problems.append(exc)
        if problems:
            raise ValidationFailed(problems)
        return values

    def compute(self, values: Mapping[str, Any], ctx: EvalContext | None = None) -> dict:
        """The values with every computed field (and computed table column) filled in, in field order."""
        out = dict(values)
        functions = self.functions(ctx)
        for f in self.fields:
            if f.type == "table" and isinstance(out.get(f.id), list) and any(c.computed for c in f.columns):
                env = self.env(out, ctx)
                rows = []
                for row in out[f.id]:
                    row = dict(row)
                    for col in f.columns:
                        if col.computed:
                            row[col.id] = _evaluate(col, {**env, **row}, functions)
                    rows.append(row)
                out[f.id] = rows
            if f.computed:
                out[f.id] = _evaluate(f, self.env(out, ctx), functions)
        return out

    def visible(self, f: FieldDef, env: Mapping, functions: Mapping) -> bool:
        return self.holds(f.visible_if, env, functions, default=True)

    def evaluate(self, raw: Mapping[str, Any], ctx: EvalContext | None = None, *, step: str | None = None) -> Evaluation:
        """What the form makes of raw values (what a person typed, or typed values): never raises.

        Reads every field leniently (a value that does not read is None and a problem), computes the
        formulas, decides which fields and checklist items are shown and which items are required,
        and lists the problems of the shown fields — judged, as the services judge them, on the
        values that submitting would store (`Evaluation.submitted`). `step` as for `validate`.
        """
        known = {f.id: f for f in self.fields}
        values: dict[str, Any] = {}
        reading: list[ValidationError] = []
        for key in raw:
            if str(key) not in known:
                reading.append(ValidationError(str(key), "unknown_field", name=str(key)))
        for f in self.fields:
            if not f.computed:
                values[f.id], problems = read_raw(f, raw.get(f.id))
                reading.extend(problems)
        shown = self._judge(values, ctx, step)
        submitted = {f.id: shown.values[f.id] for f in self.fields
                     if f.id in shown.visible and not f.computed and shown.values.get(f.id) is not None}
        unreadable = {root_of(p.field) for p in reading}
        judged = self._judge(submitted, ctx, step, skip=unreadable)
        reading = [p for p in reading if root_of(p.field) in shown.visible or root_of(p.field) not in known]
        rules = [p for p in judged.problems if root_of(p.field) in shown.visible]
        order = {f.id: index for index, f in enumerate(self.fields)}
        problems = sorted([*reading, *rules], key=lambda p: order.get(root_of(p.field), len(order)))
        warnings = [w for w in total_warnings(self, shown.values) if w.field in shown.visible]
        return Evaluation(values=shown.values, visible=shown.visible, submitted=submitted, problems=problems,
                          reading=reading, required_items=shown.required_items, hidden_items=shown.hidden_items,
                          warnings=warnings)

    def _judge(self, values: Mapping[str, Any], ctx: EvalContext | None, step: str | None,
               skip: set[str] | frozenset[str] = frozenset()) -> Evaluation:
        """Computed values, what is shown and required, and the rules' problems (fields in `skip` unchecked)."""
        values = self.compute(values, ctx)
        env = self.env(values, ctx)
        functions = self.functions(ctx)
        later = self.step_fields()
        mine = set(self.step(step).fields) if step else set()
        visible: set[str] = set()
        required_items: dict[str, set[str]] = {}
        hidden_items: dict[str, set[str]] = {}
        problems: list[ValidationError] = []
        judged: set[str] = set()
        for f in self.fields:
            if f.type == "checklist":
                hidden = {i.id for i in f.items if not self.holds(i.visible_if, env, functions, default=True)}
                hidden_items[f.id] = hidden
                required_items[f.id] = {
                    i.id for i in f.items
                    if i.id not in hidden
                    and (i.required or (i.required_if is not None and self.holds(i.required_if, env, functions, default=False)))
                }
            if not self.visible(f, env, functions):
                continue
            visible.add(f.id)
            if (f.id in later and f.id not in mine) or f.id in skip:
                continue
            judged.add(f.id)
            value = values.get(f.id)
            problems.extend(f.check(value))
            problems.extend(row_problems(f, value, values, self.fields, env, functions))
            if f.type == "checklist":
                ticked = set(value or ())
                problems.extend(ValidationError(f.id, "checklist_missing", item=item.label) for item in f.items
                                if item.id in required_items[f.id] and item.id not in ticked)
        problems.extend(form_problems(self.checks, list(self.fields), values, env, functions, judged))
        return Evaluation(values=values, visible=visible, submitted={}, problems=problems,
                          required_items=required_items, hidden_items=hidden_items)

    def validate(self, values: Mapping[str, Any], ctx: EvalContext | None = None, *, step: str | None = None) -> list[ValidationError]:
        """Problems of typed values: required, min/max/pattern, choices, checklist items.

        Invisible fields (`visible_if` false) are skipped. Fields filled at a step are checked only
        when `step` is that step (None: at submit).
        """
        return self._judge(values, ctx, step).problems

    def check_values(self, values: Mapping[str, Any], ctx: EvalContext | None = None, *, step: str | None = None) -> dict:
        """Computed values, or `ValidationFailed` listing every problem."""
        problems = self.validate(values, ctx, step=step)
        if problems:
            raise ValidationFailed(problems)
        return self.compute(values, ctx)

    def route(self, step_id: str, values: Mapping[str, Any], ctx: EvalContext | None = None) -> str | None:
        """The step after `step_id` for these values; None when the process ends (approved)."""
        step = self.step(step_id)
        env = self.env(self.compute(values, ctx), ctx)
        functions = self.functions(ctx)
        for rule in step.next:
            if rule.condition is None or self.holds(rule.condition, env, functions, default=False):
                return None if rule.to == END else rule.to
        return None

    def path(self, values: Mapping[str, Any], ctx: EvalContext | None = None) -> list[str]:
        """The steps these values would go through from the first (for previews)."""
        out: list[str] = []
        current = self.first_step
        seen: set[str] = set()
        while current is not None and current not in seen:
            seen.add(current)
            if not self.skips(current, values, ctx):
                out.append(current)
            current = self.route(current, values, ctx)
        return out

    def skips(self, step_id: str, values: Mapping[str, Any], ctx: EvalContext | None = None) -> bool:
        """Whether the step's `skip_if` holds for these values (a condition that cannot be judged
        yet does not skip)."""
        condition = self.step(step_id).skip_if
        if condition is None:
            return False
        return self.holds(condition, self.env(self.compute(values, ctx), ctx), self.functions(ctx), default=False)

    # ------------------------------------------------------ storage / display
    def to_storage(self, values: Mapping[str, Any]) -> dict:
        """JSON-safe values (Decimal as string, dates ISO); `from_storage` gives them back exactly."""
        known = {f.id: f for f in self.fields}
        return {k: (known[k].to_storage(v) if k in known else v) for k, v in values.items()}

    def from_storage(self, stored: Mapping[str, Any]) -> dict:
        known = {f.id: f for f in self.fields}
        return {k: (known[k].from_storage(v) if k in known else v) for k, v in stored.items()}

    def read_stored(self, stored: Mapping[str, Any] | None) -> dict:
        """A stored document's typed values; never raises.

        Lenient where `from_storage` need not be: a value that no longer converts (a draft's
        half-typed text, a field whose type changed) is kept as stored, and nothing stored reads as {}.
        """
        return self.from_storage(stored or {})

    def display(self, values: Mapping[str, Any], ctx: EvalContext | None = None) -> list[tuple[str, str]]:
        """(field id, human text) for every visible field that has a value, in form order."""
        env = self.env(values, ctx)
        functions = self.functions(ctx)
        rows = []
        for f in self.fields:
            value = values.get(f.id)
            if value is None or not self.visible(f, env, functions):
                continue
            rows.append((f.id, f.display(value)))
        return rows

    def document_title(self, values: Mapping[str, Any]) -> str:
        """A short title for a document: the title template, the title field, else the form title."""
        if self.title_template:
            known = {f.id: f for f in self.fields}

            def fill(match: re.Match) -> str:
                f = known.get(match.group(1))
                value = values.get(match.group(1))
                return f.display(value) if f is not None and value is not None else ""

            text = re.sub(r"\{(\w+)\}", fill, self.title_template).strip()
            if text:
                return text
        if self.title_field and values.get(self.title_field) not in (None, ""):
            return self.field(self.title_field).display(values[self.title_field]).splitlines()[0]
        return self.title


def calendar_functions(calendar: Any) -> dict:
    """The working-day functions expressions call, answered by the office calendar: `working_days(a, b)`
    (inclusive, half days possible), `working_days_between(a, b)` (working days after `a` up to and
    including `b`; negative when `b` is earlier) and `add_working_days(day, n)`. An empty argument
    gives an empty result."""
    def between(start: Any, end: Any) -> int | None:
        if start is None or end is None:
            return None
        return calendar.working_days_between(_day(start), _day(end))

    def add(day: Any, n: Any) -> date | None:
        if day is None or n is None:
            return None
        if isinstance(n, bool) or int(n) != n or abs(int(n)) > MAX_WORKING_DAYS:
            raise ExpressionError("expression_argument", name="add_working_days", kind=repr(n))
        return calendar.add_working_days(_day(day), int(n))

    return {"working_days": calendar.working_days, "working_days_between": between, "add_working_days": add}


MAX_WORKING_DAYS = 10_000
"""Most working days `add_working_days` moves (about forty years)."""


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise ExpressionError("expression_argument", name="working days", kind=type(value).__name__)
    return value


def _evaluate(f: FieldDef, env: Mapping, functions: Mapping) -> Any:
    try:
        return f.convert_result(f.formula.evaluate(env, functions))
    except (ExpressionError, ValueError, TypeError, ArithmeticError):
        return None
