"""Provides working-day calendars: weekends, public holidays and Chinese make-up working days.

Two calendars ship:
- `cn` — mainland China. Public holidays and the make-up working days (调休上班) come from the
  `chinese-calendar` package for the years it knows (the State Council publishes each year's
  schedule in November of the year before); other years fall back to Monday–Friday.
- `plain` — Monday to Friday.

Both read `data/calendars/*.toml` (shipped) and then the `*.toml` files of an optional extra folder
(the office's own closures, a year the library does not know yet). Later files override earlier
ones; a day listed in a file overrides the library. File format (see `data/calendars/office.toml`):

    calendar = "cn"                 # optional: entries apply only to this calendar (default: all)

    [[days]]
    date = 2026-12-31               # a TOML date (or "2026-12-31")
    until = 2027-01-01              # optional: the same entry for every day up to and including this
    working = false                 # false = closed; true = a working day (e.g. a make-up day)
    name = { en = "Year-end closure", zh = "年终停业" }   # or a plain string
    calendars = ["cn"]              # optional: overrides the file-level `calendar`
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from tui_office.domain.errors import DefinitionError, OfficeError
from tui_office.i18n import pick, t
from tui_office.resources import bundled

try:  # the library is a dependency, but a broken install must not stop the office
    import chinese_calendar as _cc

    _CN_HOLIDAYS: Mapping[date, str] = dict(_cc.holidays)
    _CN_WORKDAYS: Mapping[date, str] = dict(_cc.workdays)
except Exception:  # noqa: BLE001 - fall back to weekends plus TOML overrides
    _CN_HOLIDAYS = {}
    _CN_WORKDAYS = {}

CN_LIBRARY_YEARS: frozenset[int] = frozenset(d.year for d in _CN_HOLIDAYS)
"""Years whose official schedule the `chinese-calendar` package knows."""

CALENDARS = ("cn", "plain")
"""Calendar names an office may choose in its settings."""

HALVES = ("am", "pm")

_MAX_SCAN_DAYS = 3660
"""How far to look for a working day before giving up (ten years)."""

_CN_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


class CalendarError(OfficeError):
    """A calendar that cannot be used (unknown name, no working day in sight)."""

    code = "calendar"


@dataclass(frozen=True)
class SpecialDay:
    """A day that differs from the plain weekly pattern (holiday, closure or make-up working day)."""

    day: date
    working: bool
    name_en: str = ""
    name_zh: str = ""
    source: str = ""
    """Where it comes from: "chinese-calendar" or the TOML file path."""

    @property
    def name(self) -> str:
        """The name in the current language."""
        return pick(self.name_en, self.name_zh)


class WorkCalendar:
    """Answers which days are working days and counts working days between dates."""

    def __init__(
        self,
        name: str = "plain",
        special: Mapping[date, SpecialDay] | None = None,
        *,
        library: bool = False,
        folder: Path | None = None,
    ) -> None:
        self.name = name
        """The calendar's name ("cn" or "plain")."""
        self.special: dict[date, SpecialDay] = dict(special or {})
        """Days from the TOML files, overriding everything else."""
        self.library = library and bool(_CN_HOLIDAYS)
        """Whether official mainland-China holidays from `chinese-calendar` apply."""
        exceptions: dict[date, bool] = {}
        if self.library:
            exceptions.update((d, False) for d in _CN_HOLIDAYS)
            exceptions.update((d, True) for d in _CN_WORKDAYS)
        exceptions.update((d, s.working) for d, s in self.special.items())
        self._exceptions = {d: w for d, w in exceptions.items() if w != (d.weekday() < 5)}
        """Days that break the Monday–Friday pattern, with whether they are working days."""
        self._exception_days = sorted(self._exceptions)
        self.folder = folder
        """The folder a missing year's schedule file goes in (the office's `calendar_dir`, else the
        shipped `data/calendars`); None when the calendar was not loaded from files."""

    def __repr__(self) -> str:
        return f"WorkCalendar({self.name!r}, {len(self.special)} special days)"

    @property
    def library_years(self) -> frozenset[int]:
        """Years the holiday library covers for this calendar (empty for `plain`)."""
        return CN_LIBRARY_YEARS if self.library else frozenset()

    def covers(self, year: int) -> bool:
        """Whether public holidays are known for `year` (always true for `plain`)."""
        if not self.library:
            return True
        return year in CN_LIBRARY_YEARS or any(d.year == year for d in self.special)

    def unscheduled_years(self, days: Iterable[date]) -> list[int]:
        """The years of `days` whose public holidays are not known, in order (see `covers`)."""
        return sorted({d.year for d in days if isinstance(d, date) and not self.covers(d.year)})

    def schedule_file(self, year: int) -> Path:
        """Where the official schedule of `year` should be written (see `data/calendars/office.toml`)."""
        return (self.folder or bundled("data", "calendars")) / f"{self.name}-{year}.toml"

    def unscheduled_notice(self, years: Iterable[int]) -> str:
        """One line saying that working days in `years` are counted without public holidays, and
        which file to add ("" when every year is known)."""
        years = sorted(set(years))
        if not years:
            return ""
        path = self.schedule_file(years[0])
        shipped = bundled("data", "calendars")
        shown = f"data/calendars/{path.name}" if path.parent == shipped else str(path)
        return t("calendar.year_unscheduled", years=", ".join(str(y) for y in years), file=shown)

    def sources(self) -> dict[int, list[str]]:
        """For every year with known public holidays, where they come from: "chinese-calendar" (the
        package) and the calendar files that set days of that year."""
        found: dict[int, list[str]] = {year: ["chinese-calendar"] for year in sorted(self.library_years)}
        for day in sorted(self.special.values(), key=lambda s: (s.day, s.source)):
            where = found.setdefault(day.day.year, [])
            if day.source not in where:
                where.append(day.source)
        return dict(sorted(found.items()))

    # -- single days -----------------------------------------------------------------------
    def special_day(self, d: date) -> SpecialDay | None:
        """The holiday, closure or make-up working day on `d`, if any."""
        d = _as_date(d)
        found = self.special.get(d)
        if found is not None:
            return found
        if self.library:
            if d in _CN_WORKDAYS:
                en = _CN_WORKDAYS[d]
                return SpecialDay(
                    d,
                    True,
                    t("calendar.makeup_day", lang="en", holiday=en),
                    t("calendar.makeup_day", lang="zh-CN", holiday=_CN_NAMES_ZH.get(en, en)),
                    "chinese-calendar",
                )
            if d in _CN_HOLIDAYS:
                en = _CN_HOLIDAYS[d]
                return SpecialDay(d, False, en, _CN_NAMES_ZH.get(en, en), "chinese-calendar")
        return None

    def is_working_day(self, d: date) -> bool:
        """Whether `d` is a working day."""
        d = _as_date(d)
        found = self._exceptions.get(d)
        if found is not None:
            return found
        return d.weekday() < 5

    def holiday_name(self, d: date) -> str | None:
        """The name of the holiday or closure on `d` (current language); None on other days."""
        found = self.special_day(d)
        if found is None or found.working:
            return None
        return found.name or None

    def day_label(self, d: date) -> str | None:
        """A label for any special day, including make-up working days ("Make-up working day …")."""
        found = self.special_day(d)
        return (found.name or None) if found is not None else None

    # -- ranges ----------------------------------------------------------------------------
    def working_days(
        self,
        start: date,
        end: date,
        start_half: str | None = None,
        end_half: str | None = None,
    ) -> Decimal:
        """Working days from `start` to `end` inclusive, half days counting 0.5.

        `start_half="pm"`: the first day starts at noon (counts 0.5). `end_half="am"`: the last day
        ends at noon (counts 0.5). On one day, am→am and pm→pm count 0.5, am→pm counts 1. A half of a
        non-working day counts 0. `end` before `start` gives 0 (callers validate the order).
        """
        start, end = _as_date(start), _as_date(end)
        start_half, end_half = _half(start_half), _half(end_half)
        if end < start:
            return Decimal(0)
        total = Decimal(self._count(start, end))
        if start_half == "pm" and self.is_working_day(start):
            total -= Decimal("0.5")
        if end_half == "am" and self.is_working_day(end):
            total -= Decimal("0.5")
        return max(total, Decimal(0))

    def _count(self, start: date, end: date) -> int:
        """Whole working days from `start` to `end` inclusive (start <= end)."""
        span = (end - start).days + 1
        weeks, rest = divmod(span, 7)
        first = start.weekday()
        count = weeks * 5 + sum(1 for i in range(rest) if (first + i) % 7 < 5)
        lo = bisect_left(self._exception_days, start)
        hi = bisect_right(self._exception_days, end)
        for day in self._exception_days[lo:hi]:
            count += 1 if self._exceptions[day] else -1
        return count

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (Friday → Monday is 1, a day to
        itself 0); negative when `end` is before `start`. For working days a and b,
        `add_working_days(a, working_days_between(a, b)) == b`."""
        start, end = _as_date(start), _as_date(end)
        if end == start:
            return 0
        if end > start:
            return self._count(start + timedelta(days=1), end)
        return -self._count(end + timedelta(days=1), start)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after `d`."""
        return self._scan(_as_date(d), 1)

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before `d`."""
        return self._scan(_as_date(d), -1)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after `d` (before it when n < 0); n = 0 gives `d` if it is a
        working day, else the next working day."""
        d = _as_date(d)
        if n == 0:
            return d if self.is_working_day(d) else self.next_working_day(d)
        step = 1 if n > 0 else -1
        for _ in range(abs(n)):
            d = self._scan(d, step)
        return d

    def working_days_in(self, start: date, end: date) -> list[date]:
        """The working days from `start` to `end` inclusive."""
        start, end = _as_date(start), _as_date(end)
        out: list[date] = []
        day = start
        while day <= end:
            if self.is_working_day(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    def _scan(self, d: date, step: int) -> date:
        day = d
        for _ in range(_MAX_SCAN_DAYS):
            try:
                day += timedelta(days=step)
            except OverflowError:
                break
            if self.is_working_day(day):
                return day
        raise CalendarError("calendar_no_working_day", calendar=self.name, date=d.isoformat())


def _as_date(value: date) -> date:
    """Accept a datetime (its date) or a date; anything else is a programming error."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date, got {type(value).__name__}")


def _half(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    lowered = str(value).strip().lower()
    if lowered not in HALVES:
        raise ValueError(f"half must be 'am' or 'pm', got {value!r}")
    return lowered


# ---------------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------------


def load_calendar(name: str = "cn", extra: Path | None = None) -> WorkCalendar:
    """The calendar `name` ("cn" or "plain") with the shipped TOML days and those of `extra`."""
    if name not in CALENDARS:
        raise CalendarError("unknown_calendar", name=name, known=", ".join(CALENDARS))
    folders = [bundled("data", "calendars")]
    if extra is not None:
        folders.append(Path(extra))
    special: dict[date, SpecialDay] = {}
    for folder in folders:
        for path in _toml_files(folder):
            special.update(read_calendar_file(path, name))
    return WorkCalendar(name, special, library=(name == "cn"), folder=folders[-1] if folders[-1].is_dir() else None)


def _toml_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.toml"))


def read_calendar_file(path: Path, calendar: str) -> dict[date, SpecialDay]:
    """The days one TOML file sets for `calendar`; a bad file raises `DefinitionError`."""
    where = str(path)
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(t("error.calendar_file_syntax", detail=str(exc)), where, _line_of(exc)) from None
    except OSError as exc:
        raise DefinitionError(t("error.calendar_file_unreadable", detail=exc.strerror or str(exc)), where) from None
    return parse_calendar_data(data, calendar, where)


def parse_calendar_data(data: Mapping[str, object], calendar: str, where: str = "") -> dict[date, SpecialDay]:
    """The days a parsed calendar TOML document sets for `calendar`."""

    def bad(message_key: str, index: int, **params: object) -> DefinitionError:
        return DefinitionError(t(f"error.{message_key}", entry=index + 1, **params), where)

    file_scope = data.get("calendar", data.get("calendars"))
    days = data.get("days", [])
    if not isinstance(days, list):
        raise DefinitionError(t("error.calendar_days_not_list"), where)
    out: dict[date, SpecialDay] = {}
    for index, entry in enumerate(days):
        if not isinstance(entry, Mapping):
            raise bad("calendar_entry_invalid", index)
        unknown = set(entry) - {"date", "until", "working", "name", "calendar", "calendars", "note"}
        if unknown:
            raise bad("calendar_entry_unknown_key", index, key=", ".join(sorted(unknown)))
        scope = entry.get("calendars", entry.get("calendar", file_scope))
        if not _in_scope(scope, calendar):
            continue
        first = _parse_date(entry.get("date"))
        if first is None:
            raise bad("calendar_entry_date", index, value=entry.get("date"))
        last = _parse_date(entry.get("until")) if "until" in entry else first
        if last is None or last < first or (last - first).days > 366:
            raise bad("calendar_entry_until", index, value=entry.get("until"))
        working = entry.get("working", False)
        if not isinstance(working, bool):
            raise bad("calendar_entry_working", index)
        name_en, name_zh = _parse_name(entry.get("name", ""))
        day = first
        while day <= last:
            out[day] = SpecialDay(day, working, name_en, name_zh, where)
            day += timedelta(days=1)
    return out


def _in_scope(scope: object, calendar: str) -> bool:
    if scope is None or scope == "*":
        return True
    if isinstance(scope, str):
        return scope == calendar
    if isinstance(scope, Iterable):
        return calendar in list(scope) or "*" in list(scope)
    return False


def _parse_date(value: object) -> date | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _parse_name(value: object) -> tuple[str, str]:
    if isinstance(value, Mapping):
        en = str(value.get("en", "") or "")
        zh = str(value.get("zh", value.get("zh_CN", value.get("zh-CN", ""))) or "")
        return en or zh, zh
    return str(value or ""), ""


def _line_of(exc: tomllib.TOMLDecodeError) -> int:
    text = str(exc)
    marker = "(at line "
    if marker in text:
        try:
            return int(text.split(marker, 1)[1].split(",", 1)[0])
        except ValueError:
            return 0
    return 0
