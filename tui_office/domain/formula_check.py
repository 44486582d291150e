"""Provides the check that a computed field's formula can be worked out (no division by zero, no
overflow), at `definitions check` time with sample values and at submit time with the real ones.

A formula such as `1/0` would otherwise store nothing (null) without a word: the definition check
reports it against the file, and a submission whose values make a formula fail is refused with a
problem on that field.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tui_office.domain.definitions import EvalContext, FormDef, Problem
from tui_office.domain.errors import ValidationError
from tui_office.domain.expressions import ExpressionError
from tui_office.domain.fields import FieldDef

ARITHMETIC = frozenset({"expression_division_by_zero", "expression_overflow"})
"""Expression error codes that mean the formula itself cannot give a value."""

SAMPLE_DAY = date(2026, 3, 2)
"""A Monday: sample dates count from here."""


def arithmetic_failures(form: FormDef, values: dict, ctx: EvalContext | None = None) -> list[tuple[FieldDef, str]]:
    """Computed fields (in field order) whose formula fails arithmetically for `values`, with the reason."""
    env = form.env(values, ctx)
    functions = form.functions(ctx)
    failed = []
    for f in form.fields:
        if f.formula is None:
            continue
        try:
            f.formula.evaluate(env, functions)
        except ExpressionError as exc:
            if exc.code in ARITHMETIC:
                failed.append((f, str(exc)))
    return failed


def formula_problems(form: FormDef, values: dict, ctx: EvalContext | None = None) -> list[ValidationError]:
    """One `formula_failed` problem per computed field that cannot be worked out for these values."""
    return [ValidationError(f.id, "formula_failed", reason=reason) for f, reason in arithmetic_failures(form, values, ctx)]


def _sample(f: FieldDef, n: int) -> Any:
    kind = f.type
    if kind == "integer":
        return n
    if kind in ("decimal", "money"):
        return Decimal(n)
    if kind == "date":
        return SAMPLE_DAY + timedelta(days=n)
    if kind == "datetime":
        return datetime.combine(SAMPLE_DAY + timedelta(days=n), datetime.min.time())
    if kind == "boolean":
        return True
    if kind == "choice":
        return f.choices[0].value if f.choices else "sample"
    if kind == "users":
        return ["sample"]
    if kind == "multichoice":
        return [f.choices[0].value] if f.choices else []
    if kind == "checklist":
        return [i.id for i in f.items]
    if kind == "table":
        return [{c.id: _sample(c, n + k) for k, c in enumerate(f.columns) if not c.computed}]
    return "sample"


def sample_problems(form: FormDef) -> list[Problem]:
    """Formulas that fail for two different sets of sample values: they cannot work for real ones.

    Two sets, so a formula like `a / (b - a)` that fails only for unlucky samples is not reported.
    """
    ctx = EvalContext(today=SAMPLE_DAY)
    found: dict[str, tuple[FieldDef, str]] = {}
    for seed, step in ((7, 11), (5, 13)):
        values = {f.id: _sample(f, seed + step * i) for i, f in enumerate(form.fields) if not f.computed}
        failures = {f.id: (f, reason) for f, reason in arithmetic_failures(form, form.compute(values, ctx), ctx)}
        found = failures if seed == 7 else {k: v for k, v in found.items() if k in failures}
    return [Problem(form.file, f.line, f"field {f.id!r}: the formula cannot be worked out: {reason}")
            for f, reason in found.values()]
