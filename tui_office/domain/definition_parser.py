"""Provides the reading of one definition file's TOML into a `FormDef`, collecting located problems.

Every problem is located with `Lines` (tomllib gives no positions). Structural problems (unknown
keys, wrong types, bad expressions) are collected here; the semantic checks (names, routing graph,
duplicates) are in `definition_check`.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from tui_office.domain.definitions import (
    ASSIGNEE_KINDS, DEFAULT_ACTIONS, END, MODES, ON_INITIATOR, ON_NOBODY, STEP_ACTIONS, STEP_KINDS,
    FOLLOWUP_FUNCTIONS, ROUTE_FUNCTIONS, TRACK_ON_APPROVED, AssigneeRule, CheckDef, FlagDef, FollowupDef, FormDef, Prefill, Problem,
    Route, StepDef, TrackDef,
)
from tui_office.domain.errors import ValidationError
from tui_office.domain.expressions import Expression, ExpressionError, compile_expression
from tui_office.domain.access_grants import GRANT_KEYS, AccessGrant
from tui_office.domain.definition_lines import Lines
from tui_office.domain.office_settings import param_kind
from tui_office.domain.triggers import DECISIONS, TRIGGER_ACTIONS, TriggerDef, parse_when
from tui_office.domain.timeouts import ON_TIMEOUT, Timeout, parse_timeout
from tui_office.domain.numbering import AT_SUBMIT, MAX_LENGTH, NumberScheme, parse_pattern
from tui_office.domain.secret_fields import ENCRYPTABLE_TYPES
from tui_office.domain.fields import COLUMN_TYPES, FIELD_TYPES, ChecklistItem, Choice, FieldDef

FORM_KEYS = {
    "id", "version", "title", "description", "prefix", "starters", "allow_self_approval",
    "allow_unattended_approval", "cc_allowed", "title_field", "title_template", "remind_hours", "params", "fields", "steps", "rules", "flaggers", "hooks",
    "followups", "checks", "flags", "start_from", "prefill", "triggers", "number", "number_at", "store_files",
    "submit_for", "grants_access",
}
FLAG_KEYS = {"id", "when", "text"}
"""Keys of a flag (`[[flags]]`)."""
CHECK_KEYS = {"check", "message", "field"}
"""Keys of a form check (`[[checks]]`); a row check has `column` instead of `field`."""
FOLLOWUP_KEYS = {"id", "title", "assignee", "due", "overdue_flag", "also", "notice", "overdue_notice", "overdue_notify",
                 "done_message", "check"}
FIELD_KEYS = {
    "id", "type", "label", "help", "required", "default", "min", "max", "pattern", "choices",
    "visible_if", "formula", "columns", "items", "places", "rows", "placeholder", "forms", "multiple", "track",
    "checks", "total_of", "encrypted", "readers",
}
TRACK_KEYS = {"on", "owner", "due", "text", "overdue_flag", "also"}
TRIGGER_KEYS = {"id", "when", "action", "title", "to", "flag", "decide", "step", "notice"}
STEP_KEYS = {
    "id", "title", "kind", "assignee", "mode", "min_approvals", "due_hours", "due_working_days",
    "actions", "next", "on_nobody", "on_initiator", "fields", "skip_if", "timeout", "on_timeout", "escalate_to",
}
ITEM_KEYS = {"id", "label", "required", "required_if", "visible_if"}
ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")


class Reader:
    """Turns the TOML of one file into a `FormDef`, noting every structural problem."""

    def __init__(self, text: str, file: str, overrides: Mapping[str, Any] | None = None,
                 assignee_kinds: tuple[str, ...] = ASSIGNEE_KINDS) -> None:
        self.text, self.file = text, file
        self.assignee_kinds = assignee_kinds
        """The assignee rules a step may use: the built-in ones and those installed workflows add."""
        self.overrides = dict(overrides or {})
        self.lines = Lines(text)
        self.problems: list[Problem] = []
        self.expressions: list[tuple[Expression, int, str, str | None]] = []
        """(expression, line, what, table field id for column scope) — for the name checks."""
        self.tracks: list[TrackDef] = []
        """Tables whose rows become follow-up tasks (`track`)."""
        self.step_declared: list[tuple[str, FieldDef]] = []
        """(step id, field) for every field a step declares itself (`[[steps.fields]]`)."""

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    # --------------------------------------------------------------- helpers
    def bilingual(self, value: object, line: int, what: str) -> tuple[str, str]:
        if value is None:
            return "", ""
        if isinstance(value, str):
            return value, ""
        if isinstance(value, dict) and set(value) <= {"en", "zh"} and all(isinstance(v, str) for v in value.values()):
            return value.get("en", ""), value.get("zh", "")
        self.problem(line, f"{what} must be a string or {{ en = \"…\", zh = \"…\" }}")
        return "", ""

    def expression(self, source: object, line: int, what: str, scope: str | None = None,
                   functions: frozenset[str] = frozenset()) -> Expression | None:
        if source is None:
            return None
        if not isinstance(source, str) or not source.strip():
            self.problem(line, f"{what} must be an expression string")
            return None
        try:
            compiled = compile_expression(source, functions)
        except ExpressionError as exc:
            self.problem(line, f"{what}: invalid expression {source!r}: {exc}")
            return None
        self.expressions.append((compiled, line, what, scope))
        return compiled

    def unknown_keys(self, table: Mapping, allowed: set[str], span: tuple[int, int], what: str) -> None:
        for key in table:
            if key not in allowed:
                self.problem(self.lines.key(span, key), f"unknown key {key!r} in {what}")

    def typed(self, table: Mapping, key: str, kinds: tuple, span: tuple[int, int], what: str, default: Any = None) -> Any:
        value = table.get(key, default)
        if key in table and (not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds)):
            names = " or ".join(k.__name__ for k in kinds)
            self.problem(self.lines.key(span, key), f"{what}: {key} must be {names}, not {value!r}")
            return default
        return value

    @staticmethod
    def param_value(value: Any) -> Any:
        return Decimal(str(value)) if isinstance(value, float) else value

    # ------------------------------------------------------------------ form
    def read(self) -> FormDef | None:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+)", str(exc))
            line = int(match.group(1)) if match else len(self.lines.lines) or 1
            message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
            self.problem(line, f"TOML syntax error: {message}")
            return None
        top = self.lines.top_span()
        whole = (1, self.lines.end)
        self.unknown_keys(data, FORM_KEYS, top, "the form")
        form_id = data.get("id")
        id_line = self.lines.key(top, "id")
        if not isinstance(form_id, str) or not ID_RE.match(form_id):
            self.problem(id_line, f"form id must be lower-case letters, digits and _ (got {form_id!r})")
            form_id = str(form_id or "")
        version = data.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem(self.lines.key(top, "version"), f"version must be a whole number ≥ 1 (got {version!r})")
            version = 1
        if "title" not in data:
            self.problem(1, "the form has no title")
        title_en, title_zh = self.bilingual(data.get("title"), self.lines.key(top, "title"), "title")
        desc_en, desc_zh = self.bilingual(data.get("description"), self.lines.key(top, "description"), "description")
        prefix = data.get("prefix", "")
        if not isinstance(prefix, str) or not re.fullmatch(r"[A-Z][A-Z0-9]{0,9}", prefix):
            self.problem(self.lines.key(top, "prefix"), f"prefix must be 1–10 capital letters or digits, e.g. \"PR\" (got {prefix!r})")
            prefix = str(prefix)
        starters = self.strings(data, "starters", top, "starters", default=["*"])
        cc_allowed = self.strings(data, "cc_allowed", top, "cc_allowed", default=["*"])
        submit_for = self.strings(data, "submit_for", top, "submit_for", default=[])
        if "*" in submit_for:
            self.problem(self.lines.key(top, "submit_for"), "submit_for names the roles that may submit for others; '*' is not allowed")
        rules = self.strings(data, "rules", top, "rules")
        flaggers = self.strings(data, "flaggers", top, "flaggers")
        hooks = self.typed(data, "hooks", (dict,), whole, "hooks", {}) or {}
        for name, value in hooks.items():
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                self.problem(self.lines.key(whole, name), f"hooks.{name} must be a list of names")
        params: dict = {}
        raw_params = self.typed(data, "params", (dict,), whole, "params", {}) or {}
        for name, value in raw_params.items():
            if not isinstance(name, str) or not ID_RE.match(name):
                self.problem(self.lines.key(whole, str(name)), f"parameter name {name!r} must be lower-case letters, digits and _")
            if not isinstance(value, (int, float, str, bool, date)):
                self.problem(self.lines.key(whole, str(name)), f"parameter {name} must be a number, text, boolean or date")
            params[name] = self.param_value(value)
        for name, value in self.overrides.items():
            if name not in params:
                self.problem(0, f"config [forms.{data.get('id', '')}] sets {name}, which is not a parameter of this form"
                                f" (its parameters: {', '.join(params) or 'none'})")
            elif param_kind(value) != param_kind(params[name]):
                self.problem(self.lines.key(whole, name), f"config [forms.{data.get('id', '')}] {name} must be"
                             f" {param_kind(params[name])} like the form's {raw_params[name]!r}, got {value!r}")
            else:
                params[name] = self.param_value(value)

        fields = []
        raw_fields = data.get("fields", [])
        if not isinstance(raw_fields, list) or not all(isinstance(f, dict) for f in raw_fields):
            self.problem(self.lines.key(whole, "fields"), "fields must be a list of tables ([[fields]])")
            raw_fields = []
        if not raw_fields:
            self.problem(1, "the form has no fields")
        for index, raw in enumerate(raw_fields):
            span = self.lines.entry("fields", index, raw.get("id"))
            built = self.field(raw, span, "fields", column=False)
            if built is not None:
                fields.append(built)

        steps = []
        raw_steps = data.get("steps", [])
        if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
            self.problem(self.lines.key(whole, "steps"), "steps must be a list of tables ([[steps]])")
            raw_steps = []
        if not raw_steps:
            self.problem(1, "the process has no steps")
        spans = [self.lines.entry("steps", i, raw.get("id")) for i, raw in enumerate(raw_steps)]
        for index, raw in enumerate(raw_steps):
            following = raw_steps[index + 1].get("id") if index + 1 < len(raw_steps) else END
            built = self.step(raw, spans[index], following if isinstance(following, str) else END)
            if built is not None:
                steps.append(built)

        form_ids = {f.id for f in fields}
        for sid, declared in self.step_declared:
            if declared.id in form_ids:
                self.problem(declared.line, f"step {sid!r}: field {declared.id!r} is already a field of the form or"
                             f" of an earlier step (name it with fields = [\"{declared.id}\"] instead)")
                continue
            form_ids.add(declared.id)
            fields.append(declared)

        followups = self.entries(data, "followups", whole, self.followup)
        triggers = self.entries(data, "triggers", whole, self.trigger)

        start_from = self.strings(data, "start_from", top, "start_from")
        prefill = self.prefill(data, whole, bool(start_from))
        checks = self.checks(data.get("checks"), whole, "checks", None, "the form")
        check_ids = {f.id for f in fields}
        for check in checks:
            if check.target is not None and check.target not in check_ids:
                self.problem(check.line, f"check {check.condition.source!r}: field {check.target!r} is not a field of the form")

        flags = self.flags(data.get("flags"), whole)
        grant = self.grant(data, top, {f.id: f for f in fields})

        numbering = self.numbering(data, top)
        title_field = self.typed(data, "title_field", (str,), top, "title_field")
        title_template = self.typed(data, "title_template", (str,), top, "title_template")
        remind = self.typed(data, "remind_hours", (int, float), top, "remind_hours")
        return FormDef(
            id=form_id, version=version, title_en=title_en, title_zh=title_zh, prefix=prefix,
            fields=tuple(fields), steps=tuple(steps),
            allow_self_approval=bool(self.typed(data, "allow_self_approval", (bool,), top, "allow_self_approval", False)),
            allow_unattended_approval=bool(self.typed(data, "allow_unattended_approval", (bool,), top,
                                                      "allow_unattended_approval", False)),
            store_files=bool(self.typed(data, "store_files", (bool,), top, "store_files", False)),
            grants_access=grant,
            cc_allowed=tuple(cc_allowed), starters=tuple(starters), submit_for=tuple(r for r in submit_for if r != "*"), params=params, rules=tuple(rules), flaggers=tuple(flaggers),
            hooks={k: list(v) for k, v in hooks.items() if isinstance(v, list)}, followups=tuple(followups),
            start_from=tuple(start_from), prefill=tuple(prefill), tracks=tuple(self.tracks), triggers=tuple(triggers),
            checks=tuple(checks), flags=tuple(flags),
            title_field=title_field, title_template=title_template, remind_hours=remind, numbering=numbering,
            description_en=desc_en, description_zh=desc_zh,
            digest=hashlib.sha256(self.text.encode("utf-8")).hexdigest(), source=self.text,
            file=self.file, line=id_line,
        )

    def grant(self, data: Mapping, top: tuple[int, int], fields: Mapping[str, FieldDef]) -> AccessGrant | None:
        """`grants_access = { document = "<document field>", until = "<date field>", from = "<date field>" }`."""
        if "grants_access" not in data:
            return None
        raw, line = data["grants_access"], self.lines.key(top, "grants_access")
        what = "grants_access"
        if not isinstance(raw, dict):
            self.problem(line, f"{what} must be a table: {{ document = \"<document field>\", until = \"<date field>\" }}")
            return None
        for key in raw:
            if key not in GRANT_KEYS:
                self.problem(line, f"unknown key {key!r} in {what} (one of {', '.join(sorted(GRANT_KEYS))})")
        wanted = {"document": ("document",), "until": ("date",), "from": ("date",)}
        named: dict[str, str | None] = {}
        for key, types in wanted.items():
            value = raw.get(key)
            if value is None:
                if key != "from":
                    self.problem(line, f"{what} needs {key} = \"<{types[0]} field>\"")
                named[key] = None
                continue
            found = fields.get(value) if isinstance(value, str) else None
            if found is None:
                self.problem(line, f"{what}: {key} = {value!r} is not a field of the form or of a step")
            elif found.type not in types:
                self.problem(line, f"{what}: {key} = {value!r} must be a {types[0]} field, not {found.type}")
            elif key == "document" and not found.required:
                self.problem(line, f"{what}: the document field {value!r} must be required")
            named[key] = value if isinstance(value, str) else None
        if not named["document"] or not named["until"]:
            return None
        return AccessGrant(document=named["document"], until=named["until"], start=named["from"], line=line)

    def entries(self, data: Mapping, key: str, whole: tuple[int, int], build) -> list:
        """What `build(entry, span)` makes of each `[[key]]` entry (those it refuses left out)."""
        raw_entries = data.get(key, [])
        if not isinstance(raw_entries, list) or not all(isinstance(x, dict) for x in raw_entries):
            self.problem(self.lines.key(whole, key), f"{key} must be a list of tables ([[{key}]])")
            return []
        built = (build(raw, self.lines.entry(key, index, raw.get("id"))) for index, raw in enumerate(raw_entries))
        return [entry for entry in built if entry is not None]

    def trigger(self, raw: dict, span: tuple[int, int]) -> TriggerDef | None:
        """One `[[triggers]]` entry: id, when, action (remind | task | flag | decide) and its keys."""
        tid = raw.get("id")
        if not isinstance(tid, str) or not ID_RE.match(tid):
            self.problem(self.lines.key(span, "id"), f"trigger id must be lower-case letters, digits and _ (got {tid!r})")
            return None
        what = f"trigger {tid!r}"
        self.unknown_keys(raw, TRIGGER_KEYS, span, what)
        source = raw.get("when")
        try:
            when = parse_when(source) if isinstance(source, str) else None
        except ValueError as exc:
            self.problem(self.lines.key(span, "when"), f"{what}: when: {exc}")
            return None
        if when is None:
            self.problem(self.lines.key(span, "when"), f"{what}: needs when, e.g. when = \"10 working days before delivery_date\"")
            return None
        action = raw.get("action")
        if action not in TRIGGER_ACTIONS:
            self.problem(self.lines.key(span, "action"), f"{what}: action must be one of {', '.join(TRIGGER_ACTIONS)} (got {action!r})")
            return None
        title_en, title_zh = self.bilingual(raw.get("title"), self.lines.key(span, "title"), f"{what} title")
        flag = self.typed(raw, "flag", (str,), span, what)
        decide = self.typed(raw, "decide", (str,), span, what)
        step = self.typed(raw, "step", (str,), span, what)
        notice = self.typed(raw, "notice", (str,), span, what, "") or ("new_task" if action == "task" else "reminder")
        needs = {"flag": ("flag", flag), "decide": ("decide", decide)}.get(action)
        if needs and not needs[1]:
            self.problem(span[0], f"{what}: a {action} trigger needs {needs[0]}")
        if action == "decide" and decide and decide not in DECISIONS:
            self.problem(self.lines.key(span, "decide"), f"{what}: decide must be {' or '.join(DECISIONS)} (got {decide!r})")
        for key, applies in (("flag", ("flag",)), ("decide", ("decide",)), ("step", ("decide",)), ("to", ("remind", "task"))):
            if key in raw and action not in applies:
                self.problem(self.lines.key(span, key), f"{what}: {key} only applies to {' and '.join(applies)} triggers")
        tell = raw.get("to", [])
        if not isinstance(tell, list):
            self.problem(self.lines.key(span, "to"), f"{what}: to must be a list of assignee rules, e.g. [{{ role = \"hr\" }}]")
            tell = []
        to = tuple(self.assignee(rule, span, f"{what} to") for rule in tell)
        return TriggerDef(tid, when, action, title_en, title_zh, to, flag=flag, decide=decide, step=step,
                          notice=notice, line=span[0], source=source)

    def track(self, raw: object, table: str, kind: str, span: tuple[int, int], what: str) -> None:
        """`track = { on, owner, due, text, overdue_flag, also }` of a table field."""
        line = self.lines.key(span, "track")
        if kind != "table":
            self.problem(line, f"{what}: track only applies to table fields")
            return
        if not isinstance(raw, dict):
            self.problem(line, f"{what}: track must be {{ on = \"approved\", owner = \"…\", due = \"…\", text = \"…\" }}")
            return
        for key in raw:
            if key not in TRACK_KEYS:
                self.problem(line, f"unknown key {key!r} in {what} track")
        names = {}
        for key in ("on", "owner", "due", "text", "overdue_flag"):
            value = raw.get(key)
            if value is not None and (not isinstance(value, str) or not value):
                self.problem(line, f"{what}: track {key} must be a name, not {value!r}")
                value = None
            names[key] = value
        for key in ("owner", "text"):
            if names[key] is None:
                self.problem(line, f"{what}: track needs {key} (a column of the table)")
        also = raw.get("also", [])
        if not isinstance(also, list) or not all(isinstance(x, str) for x in also):
            self.problem(line, f"{what}: track also must be a list of role codes")
            also = []
        self.tracks.append(TrackDef(table, names["on"] or TRACK_ON_APPROVED, names["owner"] or "", names["due"],
                                    names["text"] or "", names["overdue_flag"], tuple(also), line))

    def prefill(self, data: Mapping, whole: tuple[int, int], has_sources: bool) -> list[Prefill]:
        """`[prefill]`: field = expression over the source document (only with `start_from`)."""
        raw = self.typed(data, "prefill", (dict,), whole, "prefill", {}) or {}
        section = self.lines.section("prefill")
        if raw and not has_sources:
            self.problem(section[0] if section else self.lines.key(whole, "prefill"), "prefill needs start_from (the forms a document may be started from)")
        out = []
        for name, source in raw.items():
            line = self.lines.key(section or whole, name)
            if not isinstance(source, str) or not source.strip():
                self.problem(line, f"prefill {name}: must be an expression over the source document, e.g. \"subject\"")
                continue
            try:
                out.append(Prefill(name, compile_expression(source), line))
            except ExpressionError as exc:
                self.problem(line, f"prefill {name}: invalid expression {source!r}: {exc}")
        return out
    def numbering(self, data: Mapping, top: tuple[int, int]) -> NumberScheme | None:
        """The form's `number` pattern and `number_at` (names are checked in `definition_check`)."""
        pattern, at = data.get("number"), data.get("number_at", AT_SUBMIT)
        line, at_line = self.lines.key(top, "number"), self.lines.key(top, "number_at")
        if pattern is None:
            if "number_at" in data:
                self.problem(at_line, "number_at needs a number pattern, e.g. number = \"{prefix}-{yyyy}-{seq:04}\"")
            return None
        if not isinstance(pattern, str) or not pattern or len(pattern) > MAX_LENGTH:
            self.problem(line, f"number must be a pattern of at most {MAX_LENGTH} characters, e.g."
                               f" \"{{prefix}}-{{yyyy}}-{{seq:04}}\" (got {pattern!r})")
            return None
        parts, problems = parse_pattern(pattern)
        for message in problems:
            self.problem(line, message)
        if not isinstance(at, str) or not at:
            self.problem(at_line, f"number_at must be submit, archive or a step id (got {at!r})")
            return None
        return None if problems else NumberScheme(pattern, parts, at, line, at_line)

    def strings(self, table: Mapping, key: str, span: tuple[int, int], what: str, default: list | None = None) -> list[str]:
        value = table.get(key, default if default is not None else [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(self.lines.key(span, key), f"{what} must be a list of strings")
            return list(default or [])
        return value

    # ---------------------------------------------------------------- fields
    def field(self, raw: dict, span: tuple[int, int], array: str, column: bool, scope: str | None = None) -> FieldDef | None:
        fid = raw.get("id")
        what = f"field {fid!r}" if not column else f"column {fid!r} of table {scope!r}"
        start = span[0]
        if not isinstance(fid, str) or not ID_RE.match(fid):
            self.problem(self.lines.key(span, "id"), f"{'column' if column else 'field'} id must be lower-case letters, digits and _ (got {fid!r})")
            return None
        self.unknown_keys(raw, FIELD_KEYS, span, what)
        kind = raw.get("type", "text")
        allowed = COLUMN_TYPES if column else FIELD_TYPES
        if kind not in allowed:
            self.problem(self.lines.key(span, "type"), f"{what}: unknown type {kind!r} (one of {', '.join(allowed)})")
            return None
        label_en, label_zh = self.bilingual(raw.get("label"), self.lines.key(span, "label"), f"{what} label")
        help_en, help_zh = self.bilingual(raw.get("help"), self.lines.key(span, "help"), f"{what} help")
        choices = []
        raw_choices = raw.get("choices", [])
        if raw_choices and kind not in ("choice", "multichoice"):
            self.problem(self.lines.key(span, "choices"), f"{what}: choices only apply to choice and multichoice fields")
        if not isinstance(raw_choices, list):
            self.problem(self.lines.key(span, "choices"), f"{what}: choices must be a list")
            raw_choices = []
        for choice in raw_choices:
            if isinstance(choice, str):
                choices.append(Choice(choice, choice))
            elif isinstance(choice, dict) and isinstance(choice.get("value"), str) and set(choice) <= {"value", "label"}:
                en, zh = self.bilingual(choice.get("label"), self.lines.key(span, "value", choice["value"]), f"{what} choice label")
                choices.append(Choice(choice["value"], en or choice["value"], zh))
            else:
                self.problem(self.lines.key(span, "choices"), f"{what}: each choice is \"value\" or {{ value = \"…\", label = {{ en = \"…\", zh = \"…\" }} }}")
        if kind in ("choice", "multichoice") and not choices:
            self.problem(self.lines.key(span, "type"), f"{what}: a {kind} field needs choices")
        seen = set()
        for c in choices:
            if c.value in seen:
                self.problem(self.lines.key(span, "value", c.value), f"{what}: duplicate choice {c.value!r}")
            seen.add(c.value)

        columns: list[FieldDef] = []
        if kind == "table":
            raw_columns = raw.get("columns")
            if not isinstance(raw_columns, list) or not raw_columns or not all(isinstance(c, dict) for c in raw_columns):
                self.problem(self.lines.key(span, "columns") if "columns" in raw else start, f"{what}: a table needs columns (a list of tables)")
                raw_columns = []
            for index, col in enumerate(raw_columns):
                cspan = self.lines.entry(f"{array}.columns", index, col.get("id"), within=span)
                built = self.field(col, cspan, f"{array}.columns", column=True, scope=fid)
                if built is not None:
                    columns.append(built)
        elif "columns" in raw:
            self.problem(self.lines.key(span, "columns"), f"{what}: columns only apply to table fields")
        if "track" in raw:
            self.track(raw["track"], fid, kind, span, what)

        items: list[ChecklistItem] = []
        if kind == "checklist":
            raw_items = raw.get("items")
            if not isinstance(raw_items, list) or not raw_items or not all(isinstance(i, dict) for i in raw_items):
                self.problem(self.lines.key(span, "items") if "items" in raw else start, f"{what}: a checklist needs items (a list of tables)")
                raw_items = []
            for index, item in enumerate(raw_items):
                ispan = self.lines.entry(f"{array}.items", index, item.get("id"), within=span)
                iid = item.get("id")
                if not isinstance(iid, str) or not ID_RE.match(iid):
                    self.problem(ispan[0], f"{what}: item id must be lower-case letters, digits and _ (got {iid!r})")
                    continue
                self.unknown_keys(item, ITEM_KEYS, ispan, f"{what} item {iid!r}")
                en, zh = self.bilingual(item.get("label"), self.lines.key(ispan, "label"), f"{what} item label")
                cond = self.expression(item.get("required_if"), self.lines.key(ispan, "required_if"), f"{what} item {iid!r} required_if")
                shown = self.expression(item.get("visible_if"), self.lines.key(ispan, "visible_if"), f"{what} item {iid!r} visible_if")
                items.append(ChecklistItem(iid, en or iid, zh, bool(self.typed(item, "required", (bool,), ispan, what, False)),
                                           cond, ispan[0], visible_if=shown))
        elif "items" in raw:
            self.problem(self.lines.key(span, "items"), f"{what}: items only apply to checklist fields")

        for key in ("forms", "multiple"):
            if key in raw and kind != "document":
                self.problem(self.lines.key(span, key), f"{what}: {key} only applies to document fields")
        self.typed(raw, "multiple", (bool,), span, what)
        if "forms" in raw:
            self.strings(raw, "forms", span, f"{what} forms")
        places = self.typed(raw, "places", (int,), span, what)
        if places is not None and (kind != "decimal" or not 0 <= places <= 10):
            self.problem(self.lines.key(span, "places"), f"{what}: places (0–10) only apply to decimal fields")
            places = None
        pattern = self.typed(raw, "pattern", (str,), span, what)
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                self.problem(self.lines.key(span, "pattern"), f"{what}: bad pattern: {exc}")
                pattern = None
        bound_kinds = {"date": (date,), "datetime": (date,), "integer": (int, float), "decimal": (int, float),
                       "money": (int, float)}.get(kind, (int,))
        low = self.typed(raw, "min", bound_kinds, span, what)
        high = self.typed(raw, "max", bound_kinds, span, what)
        if kind == "file" and (low is not None or (high is not None and high < 1)):
            self.problem(self.lines.key(span, "max" if low is None else "min"),
                         f"{what}: a file field takes only max, its largest size in bytes (at least 1)")
            low, high = None, None if high is not None and high < 1 else high
        row_checks: list[CheckDef] = []
        if kind == "table":
            row_checks = self.checks(raw.get("checks"), span, f"{array}.checks", fid, what)
            names = {c.id for c in columns}
            for check in row_checks:
                if check.target is not None and check.target not in names:
                    self.problem(check.line, f"{what} row check {check.condition.source!r}: table {fid!r} has no column {check.target!r}")
        elif "checks" in raw:
            self.problem(self.lines.key(span, "checks"), f"{what}: checks on a field apply to each row of a table;"
                         " checks across fields go in [[checks]]")
        scope_for_expr = scope if column else None
        visible_if = self.expression(raw.get("visible_if"), self.lines.key(span, "visible_if"), f"{what} visible_if", scope_for_expr)
        formula = self.expression(raw.get("formula"), self.lines.key(span, "formula"), f"{what} formula", scope_for_expr)
        if formula is not None and kind in ("table", "checklist", "multichoice", "users"):
            self.problem(self.lines.key(span, "formula"), f"{what}: a {kind} field cannot be computed")
            formula = None
        encrypted, readers = self.secrecy(raw, span, what, kind, column, formula is not None)
        draft = FieldDef(
            encrypted=encrypted, readers=readers, id=fid, type=kind, label_en=label_en, label_zh=label_zh, help_en=help_en, help_zh=help_zh,
            required=bool(self.typed(raw, "required", (bool,), span, what, False)), min=low, max=high,
            pattern=pattern, choices=tuple(choices), visible_if=visible_if, formula=formula,
            columns=tuple(columns), items=tuple(items), places=places, line=start, checks=tuple(row_checks),
            extra={k: raw[k] for k in ("rows", "placeholder", "forms", "multiple", "total_of") if k in raw},
        )
        default = raw.get("default")
        if default is not None:
            try:
                if kind == "table":
                    rows, problems = draft.coerce_rows(default)
                    if problems:
                        raise problems[0]
                    default = rows
                else:
                    default = draft.coerce(default)
            except ValidationError as exc:
                self.problem(self.lines.key(span, "default"), f"{what}: bad default {raw.get('default')!r}: {exc}")
                default = None
            draft = _replace(draft, default=default)
        return draft

    def secrecy(self, raw: dict, span: tuple[int, int], what: str, kind: str, column: bool,
                computed: bool) -> tuple[bool, tuple[str, ...]]:
        """`encrypted` and `readers` of a field: only on a form field of a type that can be
        encrypted, never a computed one; `readers` only with `encrypted = true`."""
        encrypted = bool(self.typed(raw, "encrypted", (bool,), span, what, False))
        readers = tuple(self.strings(raw, "readers", span, f"{what} readers"))
        line = self.lines.key(span, "encrypted")
        if encrypted and column:
            self.problem(line, f"{what}: a table column cannot be encrypted (encrypt a field of the form)")
        elif encrypted and kind not in ENCRYPTABLE_TYPES:
            self.problem(line, f"{what}: a {kind} field cannot be encrypted (only {', '.join(ENCRYPTABLE_TYPES)})")
        elif encrypted and computed:
            self.problem(line, f"{what}: a computed field cannot be encrypted")
        if readers and not encrypted:
            self.problem(self.lines.key(span, "readers"), f"{what}: readers only apply to encrypted fields (encrypted = true)")
        for role in readers:
            if not ID_RE.match(role):
                self.problem(self.lines.key(span, "readers"), f"{what}: readers must be role codes (got {role!r})")
        return encrypted and not column, readers

    # ----------------------------------------------------------------- steps
    def step(self, raw: dict, span: tuple[int, int], following: str) -> StepDef | None:
        sid = raw.get("id")
        start = span[0]
        if not isinstance(sid, str) or not ID_RE.match(sid) or sid == END:
            self.problem(self.lines.key(span, "id"), f"step id must be lower-case letters, digits and _ and not 'end' (got {sid!r})")
            return None
        what = f"step {sid!r}"
        self.unknown_keys(raw, STEP_KEYS, span, what)
        title_en, title_zh = self.bilingual(raw.get("title"), self.lines.key(span, "title"), f"{what} title")
        kind = raw.get("kind", "approve")
        if kind not in STEP_KINDS:
            self.problem(self.lines.key(span, "kind"), f"{what}: unknown kind {kind!r} (one of {', '.join(STEP_KINDS)})")
            kind = "approve"
        assignee = self.assignee(raw.get("assignee"), span, what)
        mode = raw.get("mode", "one")
        if mode not in MODES:
            self.problem(self.lines.key(span, "mode"), f"{what}: unknown mode {mode!r} (one of {', '.join(MODES)})")
            mode = "one"
        min_approvals = self.typed(raw, "min_approvals", (int,), span, what, 0)
        if mode == "at_least" and (not min_approvals or min_approvals < 1):
            self.problem(self.lines.key(span, "mode"), f"{what}: mode at_least needs min_approvals (a whole number ≥ 1)")
        due_hours = self.typed(raw, "due_hours", (int, float), span, what)
        due_days = self.typed(raw, "due_working_days", (int, float), span, what)
        if due_hours is not None and due_days is not None:
            self.problem(self.lines.key(span, "due_working_days"), f"{what}: give due_hours or due_working_days, not both")
        actions = self.strings(raw, "actions", span, f"{what} actions", default=list(DEFAULT_ACTIONS[kind]))
        for action in actions:
            if action not in STEP_ACTIONS:
                self.problem(self.lines.value(span, f'"{action}"') if "actions" in raw else start, f"{what}: unknown action {action!r} (one of {', '.join(STEP_ACTIONS)})")
        on_nobody = raw.get("on_nobody", "admin")
        if on_nobody not in ON_NOBODY:
            self.problem(self.lines.key(span, "on_nobody"), f"{what}: on_nobody must be one of {', '.join(ON_NOBODY)}")
            on_nobody = "admin"
        on_initiator = raw.get("on_initiator", "manager")
        if on_initiator not in ON_INITIATOR:
            self.problem(self.lines.key(span, "on_initiator"), f"{what}: on_initiator must be one of {', '.join(ON_INITIATOR)}")
            on_initiator = "manager"
        step_fields = self.step_fields(raw, span, sid)
        routes = self.routes(raw.get("next"), span, what, following)
        skip_if = self.expression(raw.get("skip_if"), self.lines.key(span, "skip_if") or start, f"{what} skip_if",
                                  functions=ROUTE_FUNCTIONS)
        timeout, on_timeout, escalate_to = self.timeout(raw, span, what)
        return StepDef(
            id=sid, title_en=title_en, title_zh=title_zh, kind=kind, assignee=assignee, mode=mode,
            min_approvals=min_approvals or 0, due_hours=due_hours, due_working_days=due_days,
            actions=tuple(actions), next=tuple(routes), on_nobody=on_nobody, on_initiator=on_initiator,
            fields=tuple(step_fields), skip_if=skip_if, timeout=timeout, on_timeout=on_timeout,
            escalate_to=escalate_to, line=start,
        )

    def timeout(self, raw: dict, span: tuple[int, int], what: str) -> tuple[Timeout | None, str, AssigneeRule | None]:
        """A step's `timeout`, `on_timeout` and `escalate_to`, each checked against the others."""
        timeout = None
        if "timeout" in raw:
            try:
                timeout = parse_timeout(raw["timeout"])
            except ValueError as exc:
                self.problem(self.lines.key(span, "timeout"), f"{what}: {exc}")
        on_timeout = raw.get("on_timeout", "remind")
        if on_timeout not in ON_TIMEOUT:
            self.problem(self.lines.key(span, "on_timeout"), f"{what}: on_timeout must be one of {', '.join(ON_TIMEOUT)}")
            on_timeout = "remind"
        elif "on_timeout" in raw and "timeout" not in raw:
            self.problem(self.lines.key(span, "on_timeout"), f'{what}: on_timeout needs a timeout (e.g. timeout = "3 working days")')
        escalate_to = None
        if "escalate_to" in raw:
            if on_timeout != "escalate":
                self.problem(self.lines.key(span, "escalate_to"), f'{what}: escalate_to is for on_timeout = "escalate"')
            escalate_to = self.assignee(raw["escalate_to"], span, f"{what} escalate_to", key="escalate_to")
        return timeout, on_timeout, escalate_to

    def step_fields(self, raw: dict, span: tuple[int, int], sid: str) -> list[str]:
        """The ids of the fields filled at step `sid`: each entry names a form field ("supplier") or
        declares one with the keys of `[[fields]]` (`[[steps.fields]]`), kept in `step_declared`."""
        entries = raw.get("fields", [])
        if not isinstance(entries, list):
            entries = [entries]
        ids: list[str] = []
        tables = 0
        for entry in entries:
            if isinstance(entry, str):
                ids.append(entry)
            elif isinstance(entry, dict):
                fspan = self.lines.entry("steps.fields", tables, entry.get("id"), within=span)
                tables += 1
                built = self.field(entry, fspan, "steps.fields", column=False)
                if built is not None:
                    self.step_declared.append((sid, built))
                    ids.append(built.id)
            else:
                self.problem(self.lines.key(span, "fields"), f"step {sid!r}: each of fields is a form field's id"
                             " or a field declared as [[steps.fields]]")
        return ids

    def followup(self, raw: dict, span: tuple[int, int]) -> FollowupDef | None:
        fid = raw.get("id")
        what = f"followup {fid!r}"
        self.unknown_keys(raw, FOLLOWUP_KEYS, span, what)
        if not isinstance(fid, str) or not re.fullmatch(r"[a-z][a-z0-9_-]*", fid):
            self.problem(self.lines.key(span, "id") or span[0], f"followup id must be lower-case letters, digits, _ and - (got {fid!r})")
            return None
        title_en, title_zh = self.bilingual(raw.get("title"), self.lines.key(span, "title"), f"{what} title")
        source = raw.get("due")
        line = self.lines.key(span, "due") or span[0]
        if not isinstance(source, str) or not source.strip():
            self.problem(line, f"{what}: due must be a formula, e.g. \"add_working_days(today(), 3)\"")
            return None
        try:
            due = compile_expression(source, FOLLOWUP_FUNCTIONS)
        except ExpressionError as exc:
            self.problem(line, f"{what}: invalid due formula {source!r}: {exc}")
            return None
        self.expressions.append((due, line, f"{what} due", None))
        flag = self.typed(raw, "overdue_flag", (str,), span, f"{what} overdue_flag")
        also = self.strings(raw, "also", span, f"{what} also")
        notice = self.typed(raw, "notice", (str,), span, f"{what} notice", "new_task")
        overdue_notice = self.typed(raw, "overdue_notice", (str,), span, f"{what} overdue_notice", "reminder")
        done_message = self.typed(raw, "done_message", (str,), span, f"{what} done_message", "")
        check = self.strings(raw, "check", span, f"{what} check")
        tell = raw.get("overdue_notify", [])
        if not isinstance(tell, list):
            self.problem(self.lines.key(span, "overdue_notify") or span[0],
                         f"{what}: overdue_notify must be a list of assignee rules, e.g. [{{ role = \"hr\" }}]")
            tell = []
        notify = tuple(self.assignee(rule, span, f"{what} overdue_notify") for rule in tell)
        return FollowupDef(fid, title_en, title_zh, self.assignee(raw.get("assignee"), span, what), due,
                           overdue_flag=flag, also=tuple(also), notice=notice or "new_task",
                           overdue_notice=overdue_notice or "reminder", overdue_notify=notify,
                           done_message=done_message or "", check=tuple(check), line=span[0])

    def checks(self, raw: object, span: tuple[int, int], array: str, table: str | None, what: str) -> list[CheckDef]:
        """The checks of the form (`[[checks]]`, `table` None) or of each row of table field `table`
        (its `checks`, with `column` where `field` would be)."""
        if raw is None:
            return []
        target_key = "column" if table else "field"
        where = self.lines.key(span, "checks") if table else span[0]
        if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
            self.problem(where, f"{what}: checks must be a list of tables, e.g."
                         f" {{ check = \"end >= start\", message = {{ en = \"…\", zh = \"…\" }} }}")
            return []
        out = []
        for index, entry in enumerate(raw):
            cspan = self.lines.entry(array, index, None, within=span if table else None)
            if table and cspan[0] == span[0]:
                cspan = (where, span[1])
            label = f"{what} row check" if table else "check"
            self.unknown_keys(entry, (CHECK_KEYS - {"field"}) | {target_key} if table else CHECK_KEYS, cspan, label)
            source = entry.get("check")
            line = self.lines.value(cspan, source) if isinstance(source, str) else cspan[0]
            condition = self.condition(entry, "check", line, cspan, label, table)
            if condition is None:
                continue
            message_en, message_zh = self.words(entry, "message", cspan, f"{label} {source!r}", "message")
            target = self.typed(entry, target_key, (str,), cspan, label)
            out.append(CheckDef(condition, message_en, message_zh, target, line))
        return out

    def condition(self, entry: Mapping, key: str, line: int, span: tuple[int, int], what: str,
                  scope: str | None = None) -> Expression | None:
        """The condition under `key` of a check or flag; a missing one is a problem."""
        if key not in entry:
            self.problem(span[0], f"{what}: no condition ({key} = \"…\")")
            return None
        return self.expression(entry[key], line, what, scope)

    def words(self, entry: Mapping, key: str, span: tuple[int, int], what: str, kind: str) -> tuple[str, str]:
        """The words under `key`, which must be given in both languages."""
        en, zh = self.bilingual(entry.get(key), self.lines.key(span, key), f"{what} {key}")
        if not (en and zh):
            self.problem(self.lines.key(span, key), f"{what}: give its {kind} in both languages,"
                         f" {key} = {{ en = \"…\", zh = \"…\" }}")
        return en, zh

    def flags(self, raw: object, span: tuple[int, int]) -> list[FlagDef]:
        """The form's `[[flags]]`: an id, a condition (`when`) and the words shown (`text`)."""
        if raw is None:
            return []
        if not isinstance(raw, list) or not all(isinstance(f, dict) for f in raw):
            self.problem(self.lines.key(span, "flags"), "flags must be a list of tables ([[flags]])")
            return []
        out = []
        for index, entry in enumerate(raw):
            fspan = self.lines.entry("flags", index, entry.get("id"))
            fid = entry.get("id")
            if not isinstance(fid, str) or not ID_RE.match(fid):
                self.problem(self.lines.key(fspan, "id"), f"flag id must be lower-case letters, digits and _ (got {fid!r})")
                continue
            what = f"flag {fid!r}"
            self.unknown_keys(entry, FLAG_KEYS, fspan, what)
            when = self.condition(entry, "when", self.lines.key(fspan, "when"), fspan, f"{what} when")
            if when is None:
                continue
            text_en, text_zh = self.words(entry, "text", fspan, what, "words")
            out.append(FlagDef(fid, when, text_en, text_zh, self.lines.key(fspan, "when")))
        return out

    def assignee(self, raw: object, span: tuple[int, int], what: str, key: str = "assignee") -> AssigneeRule:
        line = self.lines.key(span, key)
        if raw is None:
            self.problem(span[0], f"{what}: no assignee (e.g. assignee = {{ role = \"gm\" }})")
            return AssigneeRule("dept_manager")
        if not isinstance(raw, dict) or len(raw) != 1:
            self.problem(line, f"{what}: assignee must name one rule, e.g. {{ role = \"gm\" }}; rules: {', '.join(self.assignee_kinds)}")
            return AssigneeRule("dept_manager")
        (kind, value), = raw.items()
        if kind not in self.assignee_kinds:
            self.problem(line, f"{what}: unknown assignee rule {kind!r} (one of {', '.join(self.assignee_kinds)})")
            return AssigneeRule("dept_manager")
        if kind in ("dept_manager", "initiator"):
            if value is not True:
                self.problem(line, f"{what}: write assignee = {{ {kind} = true }}")
            return AssigneeRule(kind, line=line)
        values = [value] if isinstance(value, str) else value
        multi = kind in ("role", "user") or kind not in ASSIGNEE_KINDS  # a workflow's rule may take a list
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values) or (len(values) > 1 and not multi):
            self.problem(line, f"{what}: assignee {kind} must be {'a name or a list of names' if multi else 'one name'}")
            return AssigneeRule(kind, "", ())
        return AssigneeRule(kind, values[0], tuple(values), line=line)

    def routes(self, raw: object, span: tuple[int, int], what: str, following: str) -> list[Route]:
        if raw is None:
            return [Route(None, following, span[0])]
        if isinstance(raw, str):
            return [Route(None, raw, self.lines.key(span, "next"))]
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            self.problem(self.lines.key(span, "next"), f"{what}: next must be a step id or a list of {{ if = \"…\", to = \"…\" }}")
            return [Route(None, following, span[0])]
        routes: list[Route] = []
        for rule in raw:
            target = rule.get("to")
            line = self.lines.key(span, "to", target) if isinstance(target, str) else self.lines.key(span, "next")
            if set(rule) - {"if", "to"}:
                self.problem(line, f"{what}: a next rule has only 'if' and 'to' (got {', '.join(sorted(set(rule) - {'if', 'to'}))})")
            if not isinstance(target, str):
                self.problem(line, f"{what}: a next rule needs to = \"<step id>\" or \"end\"")
                continue
            condition = None
            if "if" in rule:
                cond_line = self.lines.value(span, rule["if"]) if isinstance(rule["if"], str) else line
                condition = self.expression(rule["if"], cond_line, f"{what} condition", functions=ROUTE_FUNCTIONS)
            routes.append(Route(condition, target, line))
        if routes and routes[-1].condition is not None:
            routes.append(Route(None, following, span[0]))
        for rule in routes[:-1]:
            if rule.condition is None:
                self.problem(rule.line, f"{what}: the default rule (no 'if') must come last")
        return routes


def _replace(f: FieldDef, **changes: Any) -> FieldDef:
    from dataclasses import replace

    return replace(f, **changes)


