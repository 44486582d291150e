"""Provides the shapes every export kind gives the exporter (`services.export`): `Sheet`, one table
of typed cells, and `ExportKind`, what one `tui-office export KIND` builds from its filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

Cell = str | int | float | Decimal | date | datetime | bool | None


@dataclass(frozen=True)
class Sheet:
    """One table: a title (the XLSX sheet's name; a heading line between tables in CSV), its
    headers and its rows of typed cells."""

    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass(frozen=True)
class ExportKind:
    """What can be exported under one name: `build(office, login, **filters) -> [Sheet]`."""

    name: str
    label_key: str
    """Catalogue key of what it is (`export.kind.inbox-todo`)."""
    build: Callable[..., list[Sheet]]
    filters: frozenset[str] = frozenset()
    """Which of `FILTERS` it takes."""
    required: frozenset[str] = frozenset()
    """Which of them it needs."""


