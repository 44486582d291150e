"""Provides reading and checking master-data records (customers, products) and order files, pure:
each value is checked as typed by a clerk or read from a file — no control characters, bounded
lengths, the right kind of number — and each problem is reported once, with where it was found.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from tui_office.domain.text import is_control, printable
from tui_office.i18n import t
from tui_office.workflows.sales.money import decimal_or_none

CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,19}\Z")
"""A customer or product code: letters, digits, `_ . -`, at most 20."""
CHANNELS = ("dealer", "direct")
MAX_FILE_BYTES = 5 * 1024 * 1024
"""The largest import or order file read (a year of orders is far smaller)."""


@dataclass
class Problems:
    """Problems found while reading one file, each `where: message`."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{printable(where)}: {printable(message)}")

    def __bool__(self) -> bool:
        return bool(self.lines)


def text_value(value: object, limit: int, where: str, problems: Problems, *, required: bool = False,
               label: str = "") -> str:
    """`value` as one line of at most `limit` characters (problems noted, '' returned when bad)."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        problems.add(where, t("error.sales_not_text", field=label))
        return ""
    value = value.strip()
    if any(is_control(c) for c in value):
        problems.add(where, t("error.sales_control", field=label))
        return ""
    if len(value) > limit:
        problems.add(where, t("error.sales_too_long", field=label, limit=limit))
        return ""
    if required and not value:
        problems.add(where, t("error.sales_required", field=label))
    return value


def code_value(value: object, where: str, problems: Problems, label: str) -> str:
    code = text_value(value, 20, where, problems, required=True, label=label)
    if code and not CODE.match(code):
        problems.add(where, t("error.sales_bad_code", field=label, code=code))
        return ""
    return code


def number_value(value: object, where: str, problems: Problems, label: str, *, low: Decimal, high: Decimal,
                 low_open: bool = False, places: int = 2, required: bool = True) -> Decimal | None:
    """A number between `low` and `high` (above `low` when `low_open`), at most `places` decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(where, t("error.sales_required", field=label))
        return None
    number = decimal_or_none(value) if isinstance(value, (str, int, float, Decimal)) else None
    if number is None:
        problems.add(where, t("error.sales_not_number", field=label, value=str(value)[:40]))
        return None
    if number < low or (low_open and number == low) or number > high:
        problems.add(where, t("error.sales_out_of_range", field=label, value=str(value)[:40],
                              low=low, high=high))
        return None
    if number != number.quantize(Decimal(1).scaleb(-places)):
        problems.add(where, t("error.sales_places", field=label, places=places))
        return None
    return number


def read_text(path: str) -> str:
    """The text of a UTF-8 file (a byte-order mark allowed); `OSError`/`ValueError` when unreadable."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(t("error.sales_file_too_big", limit=MAX_FILE_BYTES // 1024 // 1024))
    return data.decode("utf-8-sig")


def csv_rows(text: str) -> Iterable[tuple[int, dict]]:
    """(line number, row) for each data row of a CSV text with a header row."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        yield reader.line_num, {(k or "").strip(): v for k, v in row.items()}


ORDER_KEYS = ("customer", "basis", "contract_no", "signed_on", "order_date", "salesperson", "late_reason", "remarks")
LINE_KEYS = ("product", "quantity", "unit_price", "discount", "tax_rate", "delivery")


@dataclass
class OrderInput:
    """One order read from a file: its header values, its lines, and where each came from."""

    where: str
    values: dict
    lines: list[dict]
    line_where: list[str]


def orders_from_json(text: str, path: str, problems: Problems) -> list[OrderInput]:
    """Orders of a JSON file: one order object or a list of them, each with `lines: [...]`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(f"{path}:{exc.lineno}", t("error.sales_bad_json", detail=exc.msg))
        return []
    items = data if isinstance(data, list) else [data]
    out = []
    for index, item in enumerate(items, start=1):
        where = f"{path}: order {index}"
        if not isinstance(item, dict):
            problems.add(where, t("error.sales_order_not_object"))
            continue
        unknown = sorted(set(item) - set(ORDER_KEYS) - {"lines"})
        if unknown:
            problems.add(where, t("error.sales_unknown_keys", keys=", ".join(unknown)))
        lines = item.get("lines")
        if not isinstance(lines, list) or not all(isinstance(x, dict) for x in lines):
            problems.add(where, t("error.sales_lines_missing"))
            continue
        for n, line in enumerate(lines, start=1):
            extra = sorted(set(line) - set(LINE_KEYS))
            if extra:
                problems.add(f"{where} line {n}", t("error.sales_unknown_keys", keys=", ".join(extra)))
        out.append(OrderInput(where, {k: item[k] for k in ORDER_KEYS if k in item},
                              [{k: x[k] for k in LINE_KEYS if k in x} for x in lines],
                              [f"{where} line {n}" for n in range(1, len(lines) + 1)]))
    return out


def orders_from_csv(text: str, path: str, problems: Problems) -> list[OrderInput]:
    """Orders of a CSV file: one row per order line; rows with the same `order` label are one
    order, whose header values come from its first row."""
    groups: dict[str, OrderInput] = {}
    header_checked = False
    for line_no, row in csv_rows(text):
        if not header_checked:
            header_checked = True
            unknown = sorted(set(row) - set(ORDER_KEYS) - set(LINE_KEYS) - {"order"})
            if unknown:
                problems.add(f"{path}:1", t("error.sales_unknown_keys", keys=", ".join(unknown)))
                return []
        label = (row.get("order") or "").strip() or str(line_no)
        group = groups.get(label)
        if group is None:
            group = groups[label] = OrderInput(f"{path}:{line_no}",
                                               {k: row[k] for k in ORDER_KEYS if (row.get(k) or "").strip()}, [], [])
        group.lines.append({k: row[k] for k in LINE_KEYS if (row.get(k) or "").strip()})
        group.line_where.append(f"{path}:{line_no}")
    return list(groups.values())
