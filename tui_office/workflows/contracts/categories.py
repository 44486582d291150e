"""Provides the contract categories and their settlement checklists, read from
`data/contracts/contract_categories.toml` (an office edits that file, not code).

Pure: reading and checking the file; a mistake is reported as `file:line: message`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tui_office.domain.errors import DefinitionError
from tui_office.domain.numbering import parse_pattern
from tui_office.i18n import pick

_ID = re.compile(r"[a-z][a-z0-9_]{0,39}\Z")
MAX_PERCENT = 100


@dataclass(frozen=True)
class Item:
    """One document a settlement may need on its handover list."""

    id: str
    label_en: str
    label_zh: str
    ref: str = ""

    @property
    def label(self) -> str:
        return pick(self.label_en, self.label_zh)


@dataclass(frozen=True)
class Category:
    """A category of contract: its handling department and what its settlement needs."""

    code: str
    title_en: str
    title_zh: str
    department: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def title(self) -> str:
        return pick(self.title_en, self.title_zh)

    @property
    def checklist(self) -> tuple[str, ...]:
        """Every item of its handover list, required ones first."""
        return self.required + self.optional


@dataclass(frozen=True)
class Catalogue:
    """The whole file: items, categories and the review settings."""

    items: dict[str, Item]
    categories: dict[str, Category]
    max_difference_percent: Decimal
    preliminary_number: str
    confirmation_number: str

    def category(self, code: str) -> Category | None:
        return self.categories.get(code)


def _line(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _bilingual(value: object) -> tuple[str, str] | None:
    if isinstance(value, dict) and isinstance(value.get("en"), str) and isinstance(value.get("zh"), str) \
            and value["en"].strip() and value["zh"].strip():
        return value["en"].strip(), value["zh"].strip()
    return None


def _pattern(value: object, name: str, fail) -> str:
    if not isinstance(value, str):
        fail(f"review.{name}", f"review.{name} must be a text pattern")
    _, problems = parse_pattern(value.replace("{project}", "P"))
    if problems or "{project}" not in value:
        fail(f"{name} =", f"review.{name}: {problems[0] if problems else 'name {project}: tables are numbered per project'}")
    return value


def parse(text: str, source: str) -> Catalogue:
    """The catalogue in `text`; `source` names the file in error messages."""
    def fail(needle: str, message: str) -> None:
        raise DefinitionError(message, file=source, line=_line(text, needle))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(str(exc), file=source, line=getattr(exc, "lineno", 1) or 1) from None
    items: dict[str, Item] = {}
    for item_id, spec in (data.get("items") or {}).items():
        if not _ID.match(item_id) or not isinstance(spec, dict):
            fail(f"[items.{item_id}]", f"item {item_id!r}: ids are lower-case letters, digits and _")
        label = _bilingual(spec.get("label"))
        if label is None:
            fail(f"[items.{item_id}]", f"item {item_id!r}: label = {{ en = \"…\", zh = \"…\" }} is required")
        items[item_id] = Item(item_id, *label, ref=str(spec.get("ref", "")))
    categories: dict[str, Category] = {}
    for code, spec in (data.get("categories") or {}).items():
        where = f"[categories.{code}]"
        if not _ID.match(code) or not isinstance(spec, dict):
            fail(where, f"category {code!r}: codes are lower-case letters, digits and _")
        title = _bilingual(spec.get("title"))
        if title is None:
            fail(where, f"category {code!r}: title = {{ en = \"…\", zh = \"…\" }} is required")
        department = spec.get("department")
        if not isinstance(department, str) or not department.strip():
            fail(where, f"category {code!r}: department = \"<department code>\" is required")
        lists = {}
        for key in ("required", "optional"):
            names = spec.get(key, [])
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                fail(where, f"category {code!r}: {key} must be a list of item ids")
            unknown = [n for n in names if n not in items]
            if unknown:
                fail(where, f"category {code!r}: {key} names unknown item {unknown[0]!r}")
            lists[key] = tuple(dict.fromkeys(names))
        both = set(lists["required"]) & set(lists["optional"])
        if both:
            fail(where, f"category {code!r}: {sorted(both)[0]!r} is both required and optional")
        categories[code] = Category(code, *title, department.strip(), lists["required"], lists["optional"])
    if not categories:
        fail("[categories", "no [categories.<code>] declared")
    review = data.get("review") or {}
    percent = review.get("max_difference_percent", 5)
    if isinstance(percent, bool) or not isinstance(percent, (int, float)) or not 0 <= percent <= MAX_PERCENT:
        fail("max_difference_percent", f"review.max_difference_percent must be a number from 0 to {MAX_PERCENT}")
    return Catalogue(
        items=items, categories=categories, max_difference_percent=Decimal(str(percent)),
        preliminary_number=_pattern(review.get("preliminary_number", "{project}-CS-{seq:03}"), "preliminary_number", fail),
        confirmation_number=_pattern(review.get("confirmation_number", "{project}-QR-{seq:03}"), "confirmation_number", fail),
    )


def load(path: Path) -> Catalogue:
    """The catalogue in the file at `path`."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DefinitionError(str(exc.strerror or exc), file=str(path), line=1) from None
    return parse(text, str(path))
