"""Provides the statistics as tables: `tables(found)` gives each table's name, column keys, typed
rows (text, whole numbers, hours as decimals, dates) and the figure behind each row, for the
screen, `tui-office stats` and the export alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tui_office.services.statistics import Figure, Statistics

Cell = str | int | float | date | None


@dataclass(frozen=True)
class Table:
    name: str
    """Catalogue key under `stats.table.` of its title."""
    columns: tuple[str, ...]
    """Catalogue keys under `stats.column.` of its headers."""
    rows: list[list[Cell]]
    figures: list[Figure]
    """The documents behind each row (same order as `rows`)."""


def _hours(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def tables(found: Statistics) -> list[Table]:
    """Every table of the statistics, in the order the screen shows them."""
    counts = [Table(name, (column, "count"), [[c.label, c.count] for c in rows], [c.figure for c in rows])
              for name, column, rows in (("by_form", "form", found.by_form), ("by_status", "status", found.by_status),
                                         ("by_department", "department", found.by_department))]
    return [
        *counts,
        Table("cycle_by_form", ("form", "finished", "median", "p90"),
              [[c.form, c.count, _hours(c.median_hours), _hours(c.p90_hours)] for c in found.cycle_by_form],
              [c.figure for c in found.cycle_by_form]),
        Table("cycle_by_step", ("form", "step", "tasks", "median", "p90"),
              [[c.form, c.step_title, c.count, _hours(c.median_hours), _hours(c.p90_hours)] for c in found.cycle_by_step],
              [c.figure for c in found.cycle_by_step]),
        Table("waiting_steps", ("form", "step", "waiting", "median", "p90", "longest"),
              [[c.form, c.step_title, c.waiting, _hours(c.median_hours), _hours(c.p90_hours), _hours(c.longest_hours)]
               for c in found.waiting_steps], [c.figure for c in found.waiting_steps]),
        Table("overdue_people", ("person", "overdue"), [[o.label, o.overdue] for o in found.overdue_people],
              [Figure("overdue", o.key) for o in found.overdue_people]),
        Table("overdue_by_department", ("department", "overdue", "late"),
              [[o.label, o.overdue, o.late] for o in found.overdue_by_department],
              [Figure("overdue_dept", o.key) for o in found.overdue_by_department]),
        Table("weeks", ("week", "submitted", "finished"), [[w.start, w.submitted, w.finished] for w in found.weeks],
              [Figure("week", w.start.isoformat()) for w in found.weeks]),
    ]


def text(value: Cell) -> str:
    """A cell as a table on screen shows it ("—" for no value)."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
