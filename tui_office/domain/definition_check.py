"""Provides the checks of definition files: names in expressions, the routing graph, duplicates, roles.

`analyse(text, file)` reads one file and returns the form (or None) with every problem found;
`check_paths(paths)` does that for files and folders and adds the checks across files (duplicate
form ids). `parse_definition` refuses a file with any problem, so what the checker accepts is
exactly what the engine loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tui_office.domain.definition_parser import Reader
from tui_office.domain.definitions import END, FOLLOWUP_FUNCTIONS, ROUTE_FUNCTIONS, STEP_KIND_ROLES, TRACK_ON_APPROVED, FormDef, Problem
from tui_office.domain.triggers import DOCUMENT_DAYS
from tui_office.domain.expressions import BUILTIN_FUNCTIONS, Expression, check_names
from tui_office.domain.formula_check import sample_problems
from tui_office.domain.numbering import scheme_problems
from tui_office.domain import secret_fields


def assignee_kinds() -> tuple[str, ...]:
    """The assignee rules a definition may use: the built-in ones, then the installed workflows'."""
    from tui_office import extensions
    from tui_office.domain.definitions import ASSIGNEE_KINDS

    return (*ASSIGNEE_KINDS, *(k for k in extensions.resolvers() if k not in ASSIGNEE_KINDS))


def analyse(text: str, file: str, overrides: Mapping[str, Any] | None = None) -> tuple[FormDef | None, list[Problem]]:
    """The form in `text` and every problem of it (structure, names, routing)."""
    reader = Reader(text, file, overrides, assignee_kinds())
    form = reader.read()
    problems = list(reader.problems)
    if form is not None:
        problems.extend(semantic_problems(form, reader.expressions))
    problems.sort(key=lambda p: p.line)
    return (form, problems)


def semantic_problems(form: FormDef, expressions: list[tuple[Expression, int, str, str | None]]) -> list[Problem]:
    out: list[Problem] = []

    def problem(line: int, message: str) -> None:
        out.append(Problem(form.file, line, message))

    # duplicates
    seen: dict[str, int] = {}
    for f in form.fields:
        if f.id in seen:
            problem(f.line, f"duplicate field id {f.id!r} (first at line {seen[f.id]})")
        seen.setdefault(f.id, f.line)
        for group, what in ((f.columns, "column"), (f.items, "item")):
            ids: set[str] = set()
            for part in group:
                if part.id in ids:
                    problem(part.line or f.line, f"field {f.id!r}: duplicate {what} id {part.id!r}")
                ids.add(part.id)
    steps: dict[str, int] = {}
    for s in form.steps:
        if s.id in steps:
            problem(s.line, f"duplicate step id {s.id!r} (first at line {steps[s.id]})")
        steps.setdefault(s.id, s.line)
    for name in form.params:
        if name in seen:
            problem(seen[name], f"field {name!r} has the same name as a parameter")
    for s in form.steps:
        role = STEP_KIND_ROLES.get(s.kind)
        if role is None:
            continue
        if s.assignee.kind != "role" or role not in s.assignee.values:
            problem(s.assignee.line or s.line, f"step {s.id!r}: a {s.kind} step is acted on by the {role!r} role only: "
                                               f"use assignee = {{ role = \"{role}\" }}")
        for action in ("delegate", "add-approver"):
            if action in s.actions:
                problem(s.line, f"step {s.id!r}: a {s.kind} step cannot be passed to others ({action!r} in actions)")

    # names used in expressions
    fields = {f.id: f for f in form.fields}
    for f in form.fields:
        message = _total_of_problem(f, fields)
        if message:
            problem(f.line, f"field {f.id!r}: total_of {message}")
    known = set(fields) | set(form.params)
    for f in form.fields:
        if f.type == "table":
            known |= {f"{f.id}.{c.id}" for c in f.columns}
    order = {f.id: i for i, f in enumerate(form.fields)}
    for expression, line, what, scope in expressions:
        allowed = set(known)
        if scope and scope in fields:
            allowed |= {c.id for c in fields[scope].columns}
        for name in check_names(expression, allowed):
            base = name.split(".", 1)[0]
            if "." in name and base in fields:
                kind = fields[base].type
                message = f"{base!r} has no column {name.split('.', 1)[1]!r}" if kind == "table" else f"{base!r} is a {kind} field, not a table"
                problem(line, f"{what}: {message}")
            elif scope and what.endswith("row check"):
                problem(line, f"{what}: table {scope!r} has no column {name!r} (nor is it a field or parameter)")
            else:
                problem(line, f"{what}: unknown field or parameter {name!r}")
        if expression.aggregates and not what.startswith("flag "):
            problem(line, f"{what}: counting other documents ({expression.aggregates[0].kind}(form=…)) is only"
                          " possible in a flag's condition ([[flags]] when = \"…\")")
        extra = _extra_functions(what)
        for function in sorted(expression.functions - BUILTIN_FUNCTIONS - extra):
            problem(line, f"{what}: unknown function {function!r} (known: {', '.join(sorted(BUILTIN_FUNCTIONS | extra))})")
    for f in form.fields:
        if f.formula is None:
            continue
        for name in f.formula.names:
            base = name.split(".", 1)[0]
            used = fields.get(base)
            if used is not None and used.computed and order[base] >= order[f.id]:
                problem(f.line, f"field {f.id!r}: its formula uses {base!r}, which is computed later (move {base!r} above)")

    # routing
    if form.steps:
        for s in form.steps:
            for route in s.next:
                if route.to != END and route.to not in steps:
                    problem(route.line or s.line, f"step {s.id!r}: next goes to unknown step {route.to!r}")
        graph = {s.id: [r.to for r in s.next] for s in form.steps}
        reachable = _reach(form.steps[0].id, graph)
        for s in form.steps:
            if s.id not in reachable:
                problem(s.line, f"step {s.id!r} is unreachable from the first step {form.steps[0].id!r}")
        reverse: dict[str, list[str]] = {}
        for source, targets in graph.items():
            for target in targets:
                reverse.setdefault(target, []).append(source)
        finishing = _reach(END, reverse)
        for s in form.steps:
            if s.id in reachable and s.id not in finishing:
                problem(s.line, f"step {s.id!r} has no path to end")

    # assignees and fields named by steps
    for s in form.steps:
        rule = s.assignee
        if rule.kind in ("field", "manager_of_field"):
            message = _assignee_field_problem(rule.kind, rule.value or "", fields)
            if message:
                problem(rule.line or s.line, f"step {s.id!r}: {message}")
        for fid in s.fields:
            if fid not in fields:
                problem(s.line, f"step {s.id!r}: fields names unknown field {fid!r}")
            elif fields[fid].type == "file":
                problem(fields[fid].line, f"step {s.id!r}: {fid!r} is a file field; files are attached at submit only")
    for track in form.tracks:
        table = fields.get(track.table)
        columns = {c.id: c for c in table.columns} if table is not None else {}
        for key, want in (("owner", "user"), ("due", "date"), ("text", None)):
            name = getattr(track, key)
            if not name:
                continue
            column = columns.get(name)
            if column is None:
                problem(track.line, f"field {track.table!r}: track {key} names unknown column {name!r}")
            elif want is not None and column.type != want:
                problem(track.line, f"field {track.table!r}: track {key} column {name!r} is a {column.type} column, not a {want} column")
        if track.on != TRACK_ON_APPROVED and track.on not in steps:
            problem(track.line, f"field {track.table!r}: track on must be \"approved\" or a step id, not {track.on!r}")
    out.extend(Problem(form.file, line, message) for line, message in _trigger_problems(form, fields, steps))
    for prefill in form.prefill:
        if prefill.field not in fields:
            problem(prefill.line, f"prefill names unknown field {prefill.field!r}")
        elif fields[prefill.field].computed:
            problem(prefill.line, f"prefill {prefill.field}: {prefill.field!r} is computed, it cannot be filled")
    if form.numbering is not None:
        for line, message in scheme_problems(form.numbering, fields, set(steps), form.step_fields()):
            problem(line, message)
    if form.title_field and form.title_field not in fields:
        problem(form.line, f"title_field {form.title_field!r} is not a field of the form")
    for name in re.findall(r"\{(\w+)\}", form.title_template or ""):
        if name not in fields:
            problem(form.line, f"title_template names unknown field {name!r}")
    for line, message in secret_fields.definition_problems(form, expressions):
        problem(line, message)
    return out


def _trigger_problems(form: FormDef, fields: Mapping[str, Any], steps: Mapping[str, int]) -> list[tuple[int, str]]:
    """A trigger's day must be a date field, a line-item date column, submitted or approved; a
    decide trigger's step must be a step of the form; trigger ids are unique."""
    out = []
    seen: set[str] = set()
    for trigger in form.triggers:
        what = f"trigger {trigger.id!r}"
        if trigger.id in seen:
            out.append((trigger.line, f"duplicate trigger id {trigger.id!r}"))
        seen.add(trigger.id)
        when, line = trigger.when, _line_in(form.source, trigger.line, "when")
        target = fields.get(when.table or when.ref)
        if when.table is not None and target is not None:
            if target.type != "table":
                out.append((line, f"{what}: when names {when.ref!r}, but {when.table!r} is a {target.type} field, not a table"))
                continue
            target = target.column(when.column)
            if target is None:
                out.append((line, f"{what}: when names {when.ref!r}, but {when.table!r} has no column {when.column!r}"))
                continue
        if target is None:
            if when.ref not in DOCUMENT_DAYS:
                out.append((line, f"{what}: when names unknown field {when.ref!r} (a date field, a table's date"
                                  f" column as table.column, {' or '.join(DOCUMENT_DAYS)})"))
        elif target.type != "date":
            out.append((line, f"{what}: when names {when.ref!r}, a {target.type} field, not a date field"))
        for rule in trigger.to:
            if rule.kind in ("field", "manager_of_field"):
                message = _assignee_field_problem(rule.kind, rule.value or "", fields)
                if message:
                    out.append((rule.line or trigger.line, f"{what} to: {message}"))
        if trigger.step is not None and trigger.step not in steps:
            out.append((_line_in(form.source, trigger.line, "step"), f"{what}: step names unknown step {trigger.step!r}"))
    return out


def _line_in(text: str, start: int, key: str) -> int:
    """The line of `key =` in the entry starting at line `start` (that line when not found)."""
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        if number > start and lines[number - 1].lstrip().startswith("["):
            break
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[number - 1]):
            return number
    return start


def source_problems(form: FormDef, known: Mapping[str, FormDef]) -> list[Problem]:
    """The forms `start_from` names that do not exist, and names in `[prefill]` that a source form
    does not have (`known`: every form by id)."""
    out = []
    line = _line_of(form.source, "start_from")
    for source_id in form.start_from:
        if source_id not in known:
            out.append(Problem(form.file, line, f"start_from: unknown form {source_id!r}"))
            continue
        source = known[source_id]
        names = {f.id for f in source.fields} | set(source.params)
        names |= {f"{f.id}.{c.id}" for f in source.fields for c in f.columns}
        for prefill in form.prefill:
            for name in check_names(prefill.expression, names):
                out.append(Problem(form.file, prefill.line, f"prefill {prefill.field}: form {source_id!r} has no field {name!r}"))
            for function in sorted(prefill.expression.functions - BUILTIN_FUNCTIONS):
                out.append(Problem(form.file, prefill.line, f"prefill {prefill.field}: unknown function {function!r}"))
            secret = {f.id for f in secret_fields.encrypted_fields(source)}
            for name in sorted({n.split(".", 1)[0] for n in prefill.expression.names} & secret):
                out.append(Problem(form.file, prefill.line, f"prefill {prefill.field}: {name!r} of form {source_id!r}"
                                                            " is encrypted; it is never copied to another document"))
    return out


def _assignee_field_problem(kind: str, source: str, fields: Mapping[str, Any]) -> str:
    """Why the field an assignee rule reads cannot name people ("" when it can): `field` takes a
    `user` or `users` field or a table's user column ("table.column"); `manager_of_field` a
    `department` field."""
    name, _, column = source.partition(".")
    target = fields.get(name)
    if target is None:
        return f"assignee field {name!r} is not a field of the form"
    if kind == "manager_of_field":
        return "" if target.type == "department" and not column else \
            f"assignee manager_of_field {source!r} must be a department field, not a {target.type} field"
    if column:
        if target.type != "table":
            return f"assignee field {source!r}: {name!r} is a {target.type} field, not a table"
        cell = target.column(column)
        if cell is None:
            return f"assignee field {source!r}: table {name!r} has no column {column!r}"
        return "" if cell.type == "user" else f"assignee field {source!r} is a {cell.type} column, not a user column"
    if target.type in ("user", "users"):
        return ""
    hint = " (name its user column: \"table.column\")" if target.type == "table" else ""
    return f"assignee field {source!r} is a {target.type} field, not a user field{hint}"


NUMERIC_TYPES = ("integer", "decimal", "money")


def _total_of_problem(f: Any, fields: Mapping[str, Any]) -> str:
    """Why a field's `total_of` (e.g. "items.line_total") cannot be checked ("" when it can)."""
    if "total_of" not in f.extra:
        return ""
    target = f.extra["total_of"]
    if f.type not in NUMERIC_TYPES:
        return f"needs a number field (integer, decimal or money), not {f.type}"
    if not isinstance(target, str) or target.count(".") != 1:
        return f"must name a table column as \"table.column\", e.g. \"items.line_total\" (got {target!r})"
    table, column = target.split(".")
    if table not in fields or fields[table].type != "table":
        return f"names {table!r}, which is not a table field of this form"
    col = fields[table].column(column)
    if col is None or col.type not in NUMERIC_TYPES:
        return f"names {column!r}, which is not a number column of table {table!r}"
    return ""


def _reach(start: str, graph: Mapping[str, list[str]]) -> set[str]:
    seen = {start}
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def aggregate_problems(form: FormDef, forms: Mapping[str, FormDef]) -> list[Problem]:
    """Aggregates of the form's flags over a form that does not exist (among `forms`), or over
    fields that form does not have: the field to add up must be a number, the others must exist."""
    out = []
    for flag in form.flags:
        for use in flag.when.aggregates:
            def problem(message: str) -> None:
                out.append(Problem(form.file, flag.line, f"flag {flag.id!r}: {use.kind}(form={use.form!r}, …): {message}"))

            target = forms.get(use.form)
            if target is None:
                problem(f"there is no form {use.form!r} (known: {', '.join(sorted(forms))})")
                continue
            fields = {f.id: f for f in target.fields}
            for name in (use.by, *use.filters):
                if name and name not in fields:
                    problem(f"form {use.form!r} has no field {name!r}")
            if use.by and not form.has_field(use.by):
                problem(f"by={use.by} must name a field of this form too")
            if use.field is not None:
                total = fields.get(use.field)
                if total is None:
                    problem(f"form {use.form!r} has no field {use.field!r} to add up")
                elif total.type not in ("integer", "decimal", "money"):
                    problem(f"field {use.field!r} of form {use.form!r} is a {total.type} field, not a number")
    return out


def _other_forms(seen: Mapping[str, FormDef]) -> dict[str, FormDef]:
    """The forms a definition may count documents of besides those being checked: the shipped ones
    and those the installed workflows bring (their files as they are; a broken one is left out)."""
    from tui_office import extensions
    from tui_office.resources import bundled

    folders = [bundled("data", "forms")]
    try:
        folders += [Path(p) for w in extensions.installed() for p in w.form_files]
    except Exception:  # noqa: BLE001 - a broken workflow package is reported elsewhere
        pass
    files, _ = definition_files(folders)
    out: dict[str, FormDef] = {}
    for path in files:
        try:
            form, _ = analyse(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError):
            continue
        if form is not None and form.id not in seen:
            out[form.id] = form
    return out


def role_problems(form: FormDef, known_roles: Iterable[str]) -> list[Problem]:
    """Roles named in starters or assignees that the office does not have."""
    roles = set(known_roles)
    out = []
    for role in form.starters:
        if role != "*" and role not in roles:
            out.append(Problem(form.file, _line_of(form.source, "starters"), f"starters: unknown role {role!r}"))
    for key, named in (("cc_allowed", form.cc_allowed), ("submit_for", form.submit_for)):
        for role in named:
            if role != "*" and role not in roles:
                out.append(Problem(form.file, _line_of(form.source, key), f"{key}: unknown role {role!r}"))
    for line, role in secret_fields.reader_roles(form):
        if role not in roles:
            out.append(Problem(form.file, line, f"readers: unknown role {role!r}"))
    for s in form.steps:
        for rule in (s.assignee, s.escalate_to):
            if rule is not None and rule.kind == "role":
                for role in rule.values:
                    if role not in roles:
                        out.append(Problem(form.file, rule.line or s.line, f"step {s.id!r}: unknown role {role!r}"))
    return out


def rule_problems(form: FormDef) -> list[Problem]:
    """Named rules and flaggers that no installed workflow declares."""
    from tui_office import extensions

    try:
        rules, flaggers = extensions.rules(), extensions.flaggers()
    except Exception as exc:  # noqa: BLE001 - a broken workflow package must not hide the other problems
        return [Problem(form.file, 1, f"cannot load the workflow packages: {exc}")]
    out = []
    for name in form.rules:
        if name not in rules:
            out.append(Problem(form.file, _line_of(form.source, "rules"), f"unknown rule {name!r}"))
    for name in form.flaggers:
        if name not in flaggers:
            out.append(Problem(form.file, _line_of(form.source, "flaggers"), f"unknown flagger {name!r}"))
    events = {"on_submitted", "on_step", "on_approved", *(f"after_{s.id}" for s in form.steps)}
    for event in form.hooks:
        if event not in events:
            out.append(Problem(form.file, _line_of(form.source, "hooks"),
                               f"hooks: unknown event {event!r} (on_submitted, on_step, on_approved or after_<step id>)"))
    return out


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def definition_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The `*.toml` files named or inside the folders named, and problems for missing paths."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                files.extend(sorted(path.glob("*.toml")))
            elif path.is_file():
                files.append(path)
            else:
                problems.append(Problem(str(path), 0, "no such file or folder"))
        except OSError as exc:  # e.g. a name too long for the file system
            problems.append(Problem(str(path), 0, f"cannot read: {exc.strerror or exc}"))
    return files, problems


def check_paths(paths: Iterable[str | Path], known_roles: Iterable[str] | None = None) -> list[Problem]:
    """Every problem of the definition files at `paths`; `known_roles` (when given) checks role codes."""
    files, problems = definition_files(paths)
    first_file: dict[str, tuple[str, int]] = {}
    checked: dict[str, FormDef] = {}
    starting: list[FormDef] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), 0, f"cannot read: {exc}"))
            continue
        form, found = analyse(text, str(path))
        if form is not None:
            found.extend(rule_problems(form))
            found.extend(sample_problems(form))
            if known_roles is not None:
                found.extend(role_problems(form, known_roles))
            if form.id in first_file:
                other, line = first_file[form.id]
                found.append(Problem(str(path), form.line, f"duplicate form id {form.id!r} (also {other}:{line})"))
            else:
                first_file[form.id] = (str(path), form.line)
                checked[form.id] = form
            if form.start_from:
                starting.append(form)
        found.sort(key=lambda p: p.line)
        problems.extend(found)
    if starting:
        known = {**_other_forms(checked), **checked}
        for form in starting:
            problems.extend(source_problems(form, known))
    counting = [form for form in checked.values() if any(flag.when.aggregates for flag in form.flags)]
    if counting:
        known = {**_other_forms(checked), **checked}
        for form in counting:
            problems.extend(aggregate_problems(form, known))
    return problems


def _extra_functions(what: str) -> frozenset[str]:
    """Functions an expression may call besides the built-in ones, by where it stands: a follow-up's
    due day the calendar ones, a step's routing (`next` conditions, `skip_if`) `flagged`."""
    if what.startswith("followup"):
        return FOLLOWUP_FUNCTIONS
    if what.startswith("step ") and what.endswith((" condition", " skip_if")):
        return ROUTE_FUNCTIONS
    return frozenset()
