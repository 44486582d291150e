"""Provides what the office calendar knows: which years have an official holiday schedule and where
each comes from (`coverage`, for `tui-office calendar check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui_office.resources import bundled
from tui_office.services.office import Office

PACKAGE = "chinese-calendar"


@dataclass(frozen=True)
class YearSource:
    """One year with known public holidays and where they come from."""

    year: int
    sources: tuple[str, ...]
    """"package" (the chinese-calendar package), "data" (a shipped file), "office" (the office's own)."""
    files: tuple[str, ...]
    """The calendar files that set days of this year."""

    def to_json(self) -> dict:
        return {"year": self.year, "sources": list(self.sources), "files": list(self.files)}


@dataclass(frozen=True)
class Coverage:
    """The office calendar's years, the years around today it lacks, and where to add one."""

    calendar: str
    package_version: str
    years: tuple[YearSource, ...]
    missing: tuple[int, ...]
    """This year and next if their schedule is not known (empty for the `plain` calendar)."""
    add_to: str
    """The folder a new year's file goes in."""

    def to_json(self) -> dict:
        return {"calendar": self.calendar, "package_version": self.package_version,
                "years": [y.to_json() for y in self.years], "missing": list(self.missing), "add_to": self.add_to}


def _kind(source: str) -> str:
    if source == PACKAGE:
        return "package"
    shipped = bundled("data", "calendars").resolve()
    return "data" if Path(source).resolve().parent == shipped else "office"


def _package_version() -> str:
    try:
        import chinese_calendar

        return str(getattr(chinese_calendar, "__version__", ""))
    except Exception:  # noqa: BLE001 - a broken install: weekends and files only
        return ""


def coverage(office: Office) -> Coverage:
    """Which years the office calendar knows, from which source, and what is missing around today."""
    calendar = office.calendar
    years = tuple(
        YearSource(year, tuple(dict.fromkeys(_kind(s) for s in where)), tuple(s for s in where if s != PACKAGE))
        for year, where in calendar.sources().items()
    )
    this_year = office.clock.today().year
    missing = tuple(y for y in (this_year, this_year + 1) if not calendar.covers(y))
    return Coverage(calendar.name, _package_version() if calendar.library else "", years, missing,
                    str(calendar.schedule_file(this_year).parent))
