"""Provides the small safe expression language of form conditions and formulas.

Examples: `amount > 100000`, `sum(items.qty * items.price)`, `working_days(start, end)`,
`type == "sick" and days > 3`, `not urgent or amount >= threshold`,
`working_days_between(signed, today()) <= 1`.

The source is parsed with Python's `ast` (mode "eval") and every node is checked against a strict
whitelist before anything runs; evaluation walks that checked tree. Nothing is ever passed to
`eval`/`exec`, attributes are never looked up on Python objects (`items.qty` only reads a column
of a line-item table or a key of a mapping), and `**` is not part of the language. An evaluator of
our own (rather than `simpleeval`) keeps three promises simple: non-integer literals are `Decimal`
(never float money), arithmetic on line-item columns is element-wise, and `ExpressionError` is the
only exception `compile_expression` or `Expression.evaluate` ever raises.

Semantics in short:
- Numbers: `int` and `Decimal`; `/` always gives a `Decimal`. `None` (an empty value) in
  arithmetic gives `None`; `sum`, `min`, `max` and `count` skip `None`.
- Ordering comparisons (`<`, `<=`, `>`, `>=`) with `None` on either side are false; comparing
  unrelated types (a date with a string) is an error. Dates compare with dates, `date - date` is a
  number of days (between date-times a `Decimal`), `date ± n` moves by n calendar days.
- A table value is `list[dict]`; `items.qty` is the list of that column; `+ - * / // %` between two
  lists (same length) or a list and a single value work item by item.
- Functions: `sum`, `count`, `min`, `max` (over their arguments, lists flattened), `days(a, b)`
  (calendar days, inclusive), `today()` and, supplied by the caller, `working_days(a, b)`,
  `working_days_between(a, b)` and `add_working_days(day, n)`.
"""

from __future__ import annotations

import ast
import decimal
import re
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from tui_office.domain.errors import OfficeError

MAX_SOURCE_LENGTH = 1000
"""Longest expression accepted, in characters."""
MAX_DEPTH = 60
"""Deepest nesting of the parsed tree accepted."""
MAX_LIST_LENGTH = 100_000
"""Longest list an expression may build or work on."""
MAX_STRING_LENGTH = 100_000
"""Longest string an expression may build."""

TODAY_KEY = "_today"
"""Env key holding the date `today()` answers when no `today` function is supplied
(names starting with `_` cannot be written in an expression, so it never clashes with a field)."""

BUILTIN_FUNCTIONS: frozenset[str] = frozenset(
    {"sum", "count", "min", "max", "days", "today", "working_days", "working_days_between", "add_working_days"}
)
"""Function names every expression may call (the working-day ones must be supplied by the caller,
who has the office calendar)."""

AGGREGATE = "aggregate"
"""Key of the caller-supplied function that answers an aggregate over other documents:
`fn(use: AggregateUse, by: value or None, filters: {field: value}) -> int | Decimal | None`."""
AGGREGATE_KINDS = ("count", "sum")
"""Functions that become an aggregate over other documents when called with `name=value` arguments."""
MAX_WINDOW_DAYS = 3660
"""Longest window (`within`) an aggregate may look back over, in days."""
_WITHIN = re.compile(r"\s*(\d{1,5})\s*days?\s*\Z")


@dataclass(frozen=True)
class AggregateUse:
    """One aggregate in an expression, e.g. `count(form='attendance', status='absent', by=person,
    within='90 days')`: over the other documents of `form` submitted in the last `days` days whose
    field `by` holds the same value as this document's and whose fields equal the `filters`."""

    kind: str
    """`count` (how many documents) or `sum` (the total of their field `field`)."""
    form: str
    days: int
    by: str | None = None
    field: str | None = None
    filters: tuple[str, ...] = ()


_CONTEXT = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


class ExpressionError(OfficeError):
    """A problem with an expression: it cannot be read, is not allowed, or cannot be evaluated."""

    code = "expression"

    def __init__(self, code: str | None = None, message: str | None = None, **params: object) -> None:
        params.setdefault("source", "")
        super().__init__(code, message, **params)


def _short(value: object, limit: int = 60) -> str:
    """A short, never-failing description of a value for messages."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - describing a value must never fail
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kind(value: object) -> str:
    """The user-facing kind of a value (number, text, date …)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, Decimal)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, datetime):
        return "date-time"
    if isinstance(value, date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, Mapping):
        return "record"
    return type(value).__name__


# ---------------------------------------------------------------------------------------------
# Compilation: parse and check against the whitelist
# ---------------------------------------------------------------------------------------------

_BINOPS = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.FloorDiv: "//",
    ast.Mod: "%",
}
_CMPOPS = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.In: "in",
    ast.NotIn: "not in",
}
_NODE_WORDS = {
    ast.Pow: "**",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.MatMult: "@",
    ast.Invert: "~",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Lambda: "lambda",
    ast.Subscript: "[…] indexing",
    ast.ListComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.DictComp: "comprehension",
    ast.GeneratorExp: "comprehension",
    ast.Dict: "{…}",
    ast.Set: "{…}",
    ast.NamedExpr: ":=",
    ast.JoinedStr: "f-string",
    ast.Starred: "*",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slice",
}


def _describe(node: ast.AST) -> str:
    return _NODE_WORDS.get(type(node), type(node).__name__)


def _dotted(node: ast.AST) -> str | None:
    """`items.qty` → "items.qty" when the chain is rooted at a plain name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


@dataclass(frozen=True)
class Expression:
    """A checked expression, ready to evaluate any number of times."""

    source: str
    """The text as written."""
    names: frozenset[str]
    """Referenced values; a line-item column is reported dotted (`items.qty`)."""
    functions: frozenset[str]
    """Functions called."""
    _tree: ast.Expression = field(repr=False, compare=False, hash=False)
    _decimals: Mapping[tuple[int, int, int, int], Decimal] = field(repr=False, compare=False, hash=False)
    _aggregates: Mapping[tuple[int, int, int, int], AggregateUse] = field(default_factory=dict, repr=False, compare=False, hash=False)

    @property
    def aggregates(self) -> tuple[AggregateUse, ...]:
        """The aggregates over other documents the expression asks for (`count(form=…, …)`)."""
        return tuple(self._aggregates.values())

    def evaluate(
        self,
        env: Mapping[str, object],
        functions: Mapping[str, Callable[..., object]] | None = None,
    ) -> object:
        """The value of the expression for these field values; raises only `ExpressionError`."""
        try:
            with decimal.localcontext(_CONTEXT):
                return _Evaluator(self, env, functions or {}).run()
        except ExpressionError as exc:
            exc.params["source"] = self.source
            raise
        except (ArithmeticError, decimal.DecimalException):
            raise ExpressionError("expression_overflow", source=self.source) from None
        except RecursionError:
            raise ExpressionError("expression_too_deep", source=self.source) from None
        except Exception as exc:  # noqa: BLE001 - the one-error-type promise
            raise ExpressionError(
                "expression_failed", source=self.source, detail=_short(exc)
            ) from None

    def __str__(self) -> str:
        return self.source


def compile_expression(source: str, functions: Iterable[str] = ()) -> Expression:
    """Parse and check `source`; `functions` names extra caller-supplied functions it may call."""
    shown = source[:80] if isinstance(source, str) else _short(source)
    try:
        extra = frozenset((functions,) if isinstance(functions, str) else functions)
        return _compile(source, extra)
    except ExpressionError:
        raise
    except RecursionError:
        raise ExpressionError("expression_too_deep", source=shown) from None
    except Exception as exc:  # noqa: BLE001 - the one-error-type promise
        raise ExpressionError("expression_syntax", source=shown, detail=_short(exc)) from None


def _at(node: ast.AST) -> tuple[int, int, int, int]:
    """Where a node is in the source: what the literals and aggregates found when compiling are
    looked up by (its place, not its identity, so a kept copy of a parsed form still finds them)."""
    return (node.lineno, node.col_offset, node.end_lineno or 0, node.end_col_offset or 0)  # type: ignore[attr-defined]


def _compile(source: str, extra: frozenset[str]) -> Expression:
    if not isinstance(source, str):
        raise ExpressionError("expression_syntax", source=_short(source), detail="not text")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError("expression_too_long", source=source[:40] + "…", limit=MAX_SOURCE_LENGTH)
    text = " ".join(source.strip().splitlines())
    if not text:
        raise ExpressionError("expression_empty", source=source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. SyntaxWarning "invalid decimal literal"
            tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(
            "expression_syntax", source=source, detail=exc.msg or "", column=exc.offset or 0
        ) from None
    except (ValueError, MemoryError, RecursionError, OverflowError) as exc:
        raise ExpressionError("expression_syntax", source=source, detail=_short(exc)) from None

    allowed_functions = BUILTIN_FUNCTIONS | extra
    names: set[str] = set()
    called: set[str] = set()
    decimals: dict[int, Decimal] = {}
    aggregates: list[tuple[tuple[int, int, int, int], AggregateUse]] = []  # (place, use)

    # Iterative walk (no recursion on untrusted depth); each item is (node, depth).
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExpressionError("expression_too_deep", source=source)
        children: list[ast.AST] = []
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
                pass
            elif isinstance(value, float):
                segment = ast.get_source_segment(text, node) or repr(value)
                try:
                    decimals[_at(node)] = Decimal(segment.replace("_", ""))
                except (decimal.InvalidOperation, ValueError):
                    raise ExpressionError("expression_syntax", source=source, detail=segment) from None
            else:
                raise ExpressionError("expression_not_allowed", source=source, what=_short(value))
        elif isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise ExpressionError("expression_not_allowed", source=source, what=node.id)
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node)
            if dotted is None:
                raise ExpressionError("expression_not_allowed", source=source, what="." + node.attr)
            if any(part.startswith("_") for part in dotted.split(".")):
                raise ExpressionError("expression_not_allowed", source=source, what=dotted)
            names.add(dotted)
            # the chain is fully described by `dotted`; nothing below it to check
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                raise ExpressionError("expression_not_allowed", source=source, what=_describe(node.op))
            children = [node.left, node.right]
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.Not, ast.USub, ast.UAdd)):
                raise ExpressionError("expression_not_allowed", source=source, what=_describe(node.op))
            children = [node.operand]
        elif isinstance(node, ast.BoolOp):
            children = list(node.values)
        elif isinstance(node, ast.Compare):
            for op in node.ops:
                if type(op) not in _CMPOPS:
                    raise ExpressionError("expression_not_allowed", source=source, what=_describe(op))
            children = [node.left, *node.comparators]
        elif isinstance(node, ast.IfExp):
            children = [node.test, node.body, node.orelse]
        elif isinstance(node, (ast.List, ast.Tuple)):
            if len(node.elts) > 1000:
                raise ExpressionError("expression_too_long", source=source[:40], limit=MAX_SOURCE_LENGTH)
            children = list(node.elts)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name):
                raise ExpressionError("expression_not_allowed", source=source, what="call")
            fname = node.func.id
            if node.keywords:
                aggregates.append((_at(node), _aggregate_use(node, source)))
                called.add(fname)
                stack.extend((kw.value, depth + 1) for kw in node.keywords if kw.arg not in _LITERAL_KEYWORDS)
                continue
            if fname not in allowed_functions:
                raise ExpressionError(
                    "expression_unknown_function",
                    source=source,
                    name=fname,
                    known=", ".join(sorted(allowed_functions)),
                )
            called.add(fname)
            children = list(node.args)
        else:
            raise ExpressionError("expression_not_allowed", source=source, what=_describe(node))
        for child in children:
            if isinstance(child, ast.Starred):
                raise ExpressionError("expression_not_allowed", source=source, what="*")
            stack.append((child, depth + 1))

    return Expression(
        source=source,
        names=frozenset(names),
        functions=frozenset(called),
        _tree=tree,
        _decimals=decimals,
        _aggregates=dict(sorted(aggregates, key=lambda a: a[0])),  # in source order
    )


_LITERAL_KEYWORDS = frozenset({"form", "within", "field"})
"""Aggregate arguments taken as written, not evaluated (`by` and filters are values of this document)."""


def _aggregate_use(node: ast.Call, source: str) -> AggregateUse:
    """The aggregate a call with `name=value` arguments asks for; raises on any misuse."""
    fname = node.func.id  # type: ignore[attr-defined]

    def refuse(detail: str) -> ExpressionError:
        return ExpressionError("expression_aggregate", source=source, name=fname, detail=detail)

    if fname not in AGGREGATE_KINDS:
        raise ExpressionError("expression_not_allowed", source=source, what="name=value")
    if node.args:
        raise refuse("give every argument as name=value")
    given: dict[str, ast.expr] = {}
    for kw in node.keywords:
        if kw.arg is None or kw.arg.startswith("_"):
            raise refuse("give every argument as name=value")
        if kw.arg in given:
            raise refuse(f"{kw.arg} is given twice")
        given[kw.arg] = kw.value

    def literal(key: str) -> str | None:
        value = given.get(key)
        if value is None:
            return None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
        if key == "field" and isinstance(value, ast.Name):
            return value.id
        raise refuse(f"{key} must be written as text, e.g. {key}='…'")

    form, within, total = literal("form"), literal("within"), literal("field")
    if not form:
        raise refuse("name the form, form='…'")
    match = _WITHIN.match(within or "")
    if match is None or not 1 <= int(match.group(1)) <= MAX_WINDOW_DAYS:
        raise refuse(f"give the window as within='N days' (1 to {MAX_WINDOW_DAYS})")
    if (fname == "sum") != (total is not None):
        raise refuse("sum needs the field to add up, field='…'" if fname == "sum" else "count takes no field")
    by = given.get("by")
    if by is not None and not isinstance(by, ast.Name):
        raise refuse("by must name a field of this form, e.g. by=person")
    filters = tuple(key for key in given if key not in ("form", "within", "field", "by"))
    return AggregateUse(fname, form, int(match.group(1)), by.id if by is not None else None, total, filters)


def check_names(expr: Expression | str, known: Iterable[str]) -> list[str]:
    """The names `expr` refers to that are not in `known`, sorted (for the definitions checker).

    A line-item column is known when its dotted name (`items.qty`) is in `known`.
    """
    if isinstance(expr, str):
        expr = compile_expression(expr)
    known_set = set(known)
    return sorted(name for name in expr.names if name not in known_set)


# ---------------------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------------------


def _normalise(value: object) -> object:
    """Field values as the language sees them: float → Decimal, tuple → list."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, tuple):
        return list(value)
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _to_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def _flatten(args: Iterable[object]) -> list[object]:
    out: list[object] = []
    for arg in args:
        if isinstance(arg, list):
            out.extend(arg)
        else:
            out.append(arg)
    return out


class _Evaluator:
    def __init__(
        self,
        expression: Expression,
        env: Mapping[str, object],
        functions: Mapping[str, Callable[..., object]],
    ) -> None:
        self.expression = expression
        self.env = env
        self.functions = functions

    def run(self) -> object:
        if not isinstance(self.env, Mapping):
            raise ExpressionError("expression_failed", detail="values must be a mapping")
        return self.eval(self.expression._tree.body)

    # -- nodes -----------------------------------------------------------------------------
    def eval(self, node: ast.AST) -> object:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, float):
                return self.expression._decimals[_at(node)]
            return node.value
        if isinstance(node, ast.Name):
            return self.lookup(node.id)
        if isinstance(node, ast.Attribute):
            return self.lookup_dotted(_dotted(node) or "")
        if isinstance(node, ast.BinOp):
            return self.binop(_BINOPS[type(node.op)], self.eval(node.left), self.eval(node.right))
        if isinstance(node, ast.UnaryOp):
            operand = self.eval(node.operand)
            if isinstance(node.op, ast.Not):
                return not self.truth(operand)
            return self.unary("-" if isinstance(node.op, ast.USub) else "+", operand)
        if isinstance(node, ast.BoolOp):
            is_and = isinstance(node.op, ast.And)
            value: object = None
            for sub in node.values:
                value = self.eval(sub)
                if self.truth(value) != is_and:
                    return value
            return value
        if isinstance(node, ast.Compare):
            left = self.eval(node.left)
            for op, right_node in zip(node.ops, node.comparators):
                right = self.eval(right_node)
                if not self.compare(_CMPOPS[type(op)], left, right):
                    return False
                left = right
            return True
        if isinstance(node, ast.IfExp):
            return self.eval(node.body) if self.truth(self.eval(node.test)) else self.eval(node.orelse)
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.eval(elt) for elt in node.elts]
        if isinstance(node, ast.Call):
            if node.keywords:
                return self.aggregate(node)
            return self.call(node.func.id, [self.eval(arg) for arg in node.args])  # type: ignore[attr-defined]
        raise ExpressionError("expression_not_allowed", what=_describe(node))

    def aggregate(self, node: ast.Call) -> object:
        """An aggregate over other documents, answered by the caller's `aggregate` function."""
        use = self.expression._aggregates[_at(node)]
        supplied = self.functions.get(AGGREGATE) if isinstance(self.functions, Mapping) else None
        if supplied is None:
            raise ExpressionError("expression_function_unavailable", name=use.kind)
        by = self.lookup(use.by) if use.by else None
        if use.by and by in (None, "", []):
            return None
        filters = {kw.arg: self.eval(kw.value) for kw in node.keywords if kw.arg in use.filters}
        try:
            return _normalise(supplied(use, by, filters))
        except ExpressionError:
            raise
        except OfficeError as exc:
            raise ExpressionError("expression_function_failed", name=use.kind, detail=exc.message) from None

    @staticmethod
    def truth(value: object) -> bool:
        try:
            return bool(value)
        except Exception:  # noqa: BLE001
            raise ExpressionError("expression_type", op="if", left=_kind(value), right="") from None

    # -- names -----------------------------------------------------------------------------
    def lookup(self, name: str) -> object:
        try:
            if name in self.env:
                return _normalise(self.env[name])
        except TypeError:
            pass
        raise ExpressionError("expression_unknown_name", name=name)

    def lookup_dotted(self, dotted: str) -> object:
        if dotted in self.env:
            return _normalise(self.env[dotted])
        root, *attrs = dotted.split(".")
        value = self.lookup(root)
        path = root
        for attr in attrs:
            path = f"{path}.{attr}"
            if isinstance(value, list):
                column = []
                for row in value:
                    if row is None:
                        column.append(None)
                    elif isinstance(row, Mapping):
                        column.append(_normalise(row.get(attr)))
                    else:
                        raise ExpressionError("expression_no_column", name=path, kind=_kind(row))
                value = column
            elif isinstance(value, Mapping):
                if attr not in value:
                    raise ExpressionError("expression_unknown_name", name=path)
                value = _normalise(value[attr])
            else:
                raise ExpressionError("expression_no_column", name=path, kind=_kind(value))
        return value

    # -- operators -------------------------------------------------------------------------
    def binop(self, op: str, left: object, right: object) -> object:
        if isinstance(left, list) or isinstance(right, list):
            return self.elementwise(op, left, right)
        if left is None or right is None:
            return None
        if _is_number(left) and _is_number(right):
            return self.arith(op, left, right)  # type: ignore[arg-type]
        left_date, right_date = _to_date(left), _to_date(right)
        if op == "-" and left_date is not None and right_date is not None and type(left) is type(right):
            delta = left - right  # type: ignore[operator]
            if type(left) is date:
                return delta.days
            return Decimal(delta // timedelta(microseconds=1)) / Decimal(86_400_000_000)  # days
        if op in ("+", "-") and left_date is not None and isinstance(right, int) and not isinstance(right, bool):
            if abs(right) > 3_000_000:
                raise ExpressionError("expression_overflow")
            return left + timedelta(days=right) if op == "+" else left - timedelta(days=right)  # type: ignore[operator]
        if op == "+" and right_date is not None and isinstance(left, int) and not isinstance(left, bool):
            if abs(left) > 3_000_000:
                raise ExpressionError("expression_overflow")
            return right + timedelta(days=left)  # type: ignore[operator]
        if op == "+" and isinstance(left, str) and isinstance(right, str):
            if len(left) + len(right) > MAX_STRING_LENGTH:
                raise ExpressionError("expression_overflow")
            return left + right
        raise ExpressionError("expression_type", op=op, left=_kind(left), right=_kind(right))

    @staticmethod
    def arith(op: str, left: int | Decimal, right: int | Decimal) -> int | Decimal:
        if op in ("/", "//", "%") and right == 0:
            raise ExpressionError("expression_division_by_zero")
        if op == "+":
            return left + right
        if op == "-":
            return left - right
        if op == "*":
            return left * right
        if op == "/":
            result = Decimal(left) / Decimal(right)
            return result
        if isinstance(left, int) and isinstance(right, int):
            return left // right if op == "//" else left % right
        left_d, right_d = Decimal(left), Decimal(right)
        return left_d // right_d if op == "//" else left_d % right_d

    def elementwise(self, op: str, left: object, right: object) -> list[object]:
        if isinstance(left, list) and isinstance(right, list):
            if len(left) != len(right):
                raise ExpressionError("expression_length_mismatch", left=len(left), right=len(right))
            pairs = zip(left, right)
        elif isinstance(left, list):
            pairs = ((item, right) for item in left)
        else:
            pairs = ((left, item) for item in right)  # type: ignore[union-attr]
        out = [self.binop(op, a, b) for a, b in pairs]
        if len(out) > MAX_LIST_LENGTH:
            raise ExpressionError("expression_overflow")
        return out

    def unary(self, op: str, operand: object) -> object:
        if isinstance(operand, list):
            return [self.unary(op, item) for item in operand]
        if operand is None:
            return None
        if _is_number(operand):
            return -operand if op == "-" else +operand  # type: ignore[operator]
        raise ExpressionError("expression_type", op=op, left=_kind(operand), right="")

    def compare(self, op: str, left: object, right: object) -> bool:
        if op in ("==", "!="):
            equal = self.equal(left, right)
            return equal if op == "==" else not equal
        if op in ("in", "not in"):
            if isinstance(right, list):
                found = any(self.equal(left, item) for item in right)
            elif isinstance(right, str) and isinstance(left, str):
                found = left in right
            elif right is None:
                found = False
            else:
                raise ExpressionError("expression_type", op=op, left=_kind(left), right=_kind(right))
            return found if op == "in" else not found
        if left is None or right is None:
            return False
        if not self.comparable(left, right):
            raise ExpressionError("expression_type", op=op, left=_kind(left), right=_kind(right))
        if op == "<":
            return left < right  # type: ignore[operator]
        if op == "<=":
            return left <= right  # type: ignore[operator]
        if op == ">":
            return left > right  # type: ignore[operator]
        return left >= right  # type: ignore[operator]

    @staticmethod
    def comparable(left: object, right: object) -> bool:
        if _is_number(left) and _is_number(right):
            return True
        for kind in (str, bool, datetime):
            if isinstance(left, kind) and isinstance(right, kind):
                return True
        return type(left) is date and type(right) is date

    def equal(self, left: object, right: object) -> bool:
        if isinstance(left, list) and isinstance(right, list):
            return len(left) == len(right) and all(self.equal(a, b) for a, b in zip(left, right))
        if _is_number(left) and _is_number(right):
            return left == right
        if type(left) is not type(right) and not (
            isinstance(left, str) and isinstance(right, str)
        ):
            return False
        try:
            return bool(left == right)
        except Exception:  # noqa: BLE001
            return False

    # -- functions -------------------------------------------------------------------------
    def call(self, name: str, args: list[object]) -> object:
        supplied = self.functions.get(name) if isinstance(self.functions, Mapping) else None
        if supplied is not None:
            try:
                result = supplied(*args)
            except ExpressionError:
                raise
            except OfficeError as exc:
                raise ExpressionError("expression_function_failed", name=name, detail=exc.message) from None
            except Exception as exc:  # noqa: BLE001 - caller functions may fail any way
                raise ExpressionError("expression_function_failed", name=name, detail=_short(exc)) from None
            return _normalise(result)
        builtin = getattr(self, f"fn_{name}", None)
        if builtin is None:
            raise ExpressionError("expression_function_unavailable", name=name)
        return builtin(args)

    @staticmethod
    def _numbers(name: str, args: list[object]) -> list[object]:
        values = [v for v in _flatten(args) if v is not None]
        for v in values:
            if not (_is_number(v) or (name in ("min", "max") and isinstance(v, (date, str)))):
                raise ExpressionError("expression_argument", name=name, kind=_kind(v))
        return values

    def fn_sum(self, args: list[object]) -> object:
        total: int | Decimal = 0
        for v in self._numbers("sum", args):
            total = total + v  # type: ignore[operator]
        return total

    def fn_count(self, args: list[object]) -> int:
        return sum(1 for v in _flatten(args) if v is not None and v != "")

    def _extreme(self, name: str, args: list[object]) -> object:
        values = self._numbers(name, args)
        if not values:
            return None
        best = values[0]
        for v in values[1:]:
            if not self.comparable(best, v):
                raise ExpressionError("expression_argument", name=name, kind=_kind(v))
            if (v < best) if name == "min" else (v > best):  # type: ignore[operator]
                best = v
        return best

    def fn_min(self, args: list[object]) -> object:
        return self._extreme("min", args)

    def fn_max(self, args: list[object]) -> object:
        return self._extreme("max", args)

    def fn_days(self, args: list[object]) -> object:
        if len(args) != 2:
            raise ExpressionError("expression_arguments", name="days", expected=2, got=len(args))
        start, end = args
        if start is None or end is None:
            return None
        start_d, end_d = _to_date(start), _to_date(end)
        if start_d is None or end_d is None:
            bad = end if start_d is not None else start
            raise ExpressionError("expression_argument", name="days", kind=_kind(bad))
        return (end_d - start_d).days + 1

    def fn_today(self, args: list[object]) -> object:
        if args:
            raise ExpressionError("expression_arguments", name="today", expected=0, got=len(args))
        injected = self.env.get(TODAY_KEY) if TODAY_KEY in self.env else None
        if injected is not None:
            return injected
        return date.today()
