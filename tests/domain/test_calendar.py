"""Working-day calendars: mainland China (holidays and 调休 make-up days), plain, TOML overrides."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_office.domain.calendar import (
    CN_LIBRARY_YEARS,
    CalendarError,
    WorkCalendar,
    load_calendar,
    parse_calendar_data,
)
from tui_office.domain.errors import DefinitionError
from tui_office.i18n import set_language

D = date

# The State Council schedule for 2026 (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04):
#   元旦 1月1日–3日, 1月4日(周日)上班 · 春节 2月15日–23日, 2月14日(周六)、2月28日(周六)上班 ·
#   清明 4月4日–6日 · 劳动节 5月1日–5日, 5月9日(周六)上班 · 端午 6月19日–21日 ·
#   中秋 9月25日–27日 · 国庆 10月1日–7日, 9月20日(周日)、10月10日(周六)上班.
HOLIDAYS_2026 = {
    "New Year's Day": (D(2026, 1, 1), D(2026, 1, 3)),
    "Spring Festival": (D(2026, 2, 15), D(2026, 2, 23)),
    "Tomb-sweeping Day": (D(2026, 4, 4), D(2026, 4, 6)),
    "Labour Day": (D(2026, 5, 1), D(2026, 5, 5)),
    "Dragon Boat Festival": (D(2026, 6, 19), D(2026, 6, 21)),
    "Mid-autumn Festival": (D(2026, 9, 25), D(2026, 9, 27)),
    "National Day": (D(2026, 10, 1), D(2026, 10, 7)),
}
MAKEUP_DAYS_2026 = [
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
]


@pytest.fixture
def cn() -> WorkCalendar:
    return load_calendar("cn")


@pytest.fixture
def plain() -> WorkCalendar:
    return load_calendar("plain")


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- the published 2026 schedule --------------------------------------------------------------


def test_library_knows_2026() -> None:
    assert 2026 in CN_LIBRARY_YEARS
    assert load_calendar("cn").covers(2026)


def test_every_2026_holiday_is_off_with_its_name(cn: WorkCalendar) -> None:
    for name, (first, last) in HOLIDAYS_2026.items():
        for day in _days(first, last):
            assert not cn.is_working_day(day), day
            assert cn.holiday_name(day) == name, day


def test_every_2026_makeup_day_is_a_working_weekend_day(cn: WorkCalendar) -> None:
    for day in MAKEUP_DAYS_2026:
        assert day.weekday() >= 5, day
        assert cn.is_working_day(day), day
        assert cn.holiday_name(day) is None
        assert "Make-up working day" in (cn.day_label(day) or "")


def test_2026_has_exactly_the_published_days_off_and_on(cn: WorkCalendar) -> None:
    """Every other 2026 day follows the weekly pattern: nothing more, nothing less."""
    published_off = {d for first, last in HOLIDAYS_2026.values() for d in _days(first, last)}
    for day in _days(D(2026, 1, 1), D(2026, 12, 31)):
        if day in published_off:
            expected = False
        elif day in MAKEUP_DAYS_2026:
            expected = True
        else:
            expected = day.weekday() < 5
        assert cn.is_working_day(day) is expected, day
    assert len(cn.working_days_in(D(2026, 1, 1), D(2026, 12, 31))) == cn.working_days(
        D(2026, 1, 1), D(2026, 12, 31)
    )


def test_working_days_across_2026_national_day(cn: WorkCalendar) -> None:
    # Mon 28 Sep – Sun 11 Oct: Sep 28, 29, 30, Oct 8, 9 and the make-up Saturday Oct 10.
    assert cn.working_days(D(2026, 9, 28), D(2026, 10, 11)) == Decimal(6)
    # The whole Golden Week is off.
    assert cn.working_days(D(2026, 10, 1), D(2026, 10, 7)) == Decimal(0)
    # Week of the make-up Sunday Sep 20: Sun 20 … Sat 26 → 20, 21, 22, 23, 24 (25 is Mid-Autumn).
    assert cn.working_days(D(2026, 9, 20), D(2026, 9, 26)) == Decimal(5)
    # Thu 8 Oct – Mon 12 Oct: 8, 9, 10 (make-up Saturday), 12.
    assert cn.working_days(D(2026, 10, 8), D(2026, 10, 12)) == Decimal(4)
    # Half days around the holiday.
    assert cn.working_days(D(2026, 9, 30), D(2026, 10, 8), start_half="pm") == Decimal("1.5")
    assert cn.working_days(D(2026, 9, 29), D(2026, 10, 10), end_half="am") == Decimal("4.5")
    # A half day on a holiday counts nothing.
    assert cn.working_days(D(2026, 10, 1), D(2026, 10, 8), start_half="pm") == Decimal(1)
    assert cn.working_days(D(2026, 10, 1), D(2026, 10, 1), "am", "am") == Decimal(0)
    # The same week on a plain calendar: no holiday, no make-up day.
    assert load_calendar("plain").working_days(D(2026, 9, 28), D(2026, 10, 11)) == Decimal(10)


def test_national_day_navigation(cn: WorkCalendar) -> None:
    assert cn.next_working_day(D(2026, 9, 30)) == D(2026, 10, 8)
    assert cn.next_working_day(D(2026, 10, 9)) == D(2026, 10, 10)
    assert cn.next_working_day(D(2026, 9, 19)) == D(2026, 9, 20)
    assert cn.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert cn.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert cn.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 8)
    assert cn.add_working_days(D(2026, 9, 30), 0) == D(2026, 9, 30)
    assert cn.add_working_days(D(2026, 10, 8), -1) == D(2026, 9, 30)
    assert cn.previous_working_day(D(2026, 10, 8)) == D(2026, 9, 30)


def test_spring_festival_2026(cn: WorkCalendar) -> None:
    # Sat 14 Feb is a make-up day; 15–23 off; Sat 28 Feb is a make-up day.
    assert cn.working_days(D(2026, 2, 9), D(2026, 2, 14)) == Decimal(6)
    assert cn.working_days(D(2026, 2, 14), D(2026, 2, 23)) == Decimal(1)
    assert cn.working_days(D(2026, 2, 24), D(2026, 3, 1)) == Decimal(5)  # Tue–Fri + Sat 28
    # February: 20 weekdays, 6 of them off (16–20, 23), plus the two make-up Saturdays.
    assert cn.working_days(D(2026, 2, 1), D(2026, 2, 28)) == Decimal(16)
    assert cn.next_working_day(D(2026, 2, 14)) == D(2026, 2, 24)


def test_names_in_chinese(cn: WorkCalendar) -> None:
    try:
        set_language("zh-CN")
        assert cn.holiday_name(D(2026, 10, 3)) == "国庆节"
        assert cn.holiday_name(D(2026, 2, 17)) == "春节"
        assert cn.holiday_name(D(2026, 9, 25)) == "中秋节"
        assert cn.day_label(D(2026, 10, 10)) == "调休上班（国庆节）"
    finally:
        set_language("en")


def test_ordinary_weekend_has_no_name(cn: WorkCalendar) -> None:
    assert not cn.is_working_day(D(2026, 11, 21))
    assert cn.holiday_name(D(2026, 11, 21)) is None
    assert cn.day_label(D(2026, 11, 23)) is None


# --- half days --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_half", "end_half", "expected"),
    [
        (None, None, "1"),
        ("am", None, "1"),
        ("pm", None, "0.5"),
        (None, "am", "0.5"),
        (None, "pm", "1"),
        ("am", "am", "0.5"),
        ("pm", "pm", "0.5"),
        ("am", "pm", "1"),
        ("pm", "am", "0"),
        ("PM", "", "0.5"),
    ],
)
def test_half_days_on_one_working_day(
    plain: WorkCalendar, start_half: str | None, end_half: str | None, expected: str
) -> None:
    monday = D(2026, 11, 23)
    assert plain.working_days(monday, monday, start_half, end_half) == Decimal(expected)


def test_half_days_over_a_range(plain: WorkCalendar) -> None:
    # Mon 23 – Fri 27 Nov 2026: 5 days; starting Monday afternoon and ending Friday noon: 4.
    assert plain.working_days(D(2026, 11, 23), D(2026, 11, 27), "pm", "am") == Decimal(4)
    # A half on a weekend end counts nothing.
    assert plain.working_days(D(2026, 11, 23), D(2026, 11, 28), end_half="am") == Decimal(5)
    assert plain.working_days(D(2026, 11, 21), D(2026, 11, 23), start_half="pm") == Decimal(1)


def test_invalid_half_is_a_programming_error(plain: WorkCalendar) -> None:
    with pytest.raises(ValueError):
        plain.working_days(D(2026, 11, 23), D(2026, 11, 23), "noon")


def test_end_before_start_counts_zero(cn: WorkCalendar) -> None:
    assert cn.working_days(D(2026, 11, 27), D(2026, 11, 23)) == Decimal(0)
    assert isinstance(cn.working_days(D(2026, 11, 23), D(2026, 11, 27)), Decimal)


def test_datetimes_are_taken_as_their_date(cn: WorkCalendar) -> None:
    assert cn.working_days(datetime(2026, 11, 23, 9), datetime(2026, 11, 24, 18)) == Decimal(2)
    assert cn.is_working_day(datetime(2026, 10, 10, 9))


# --- plain calendar and TOML overrides -------------------------------------------------------


def test_plain_is_monday_to_friday(plain: WorkCalendar) -> None:
    assert plain.is_working_day(D(2026, 10, 1))  # a Thursday; no public holidays here
    assert not plain.is_working_day(D(2026, 10, 10))  # a Saturday; no make-up days here
    assert plain.working_days(D(2026, 1, 1), D(2026, 12, 31)) == Decimal(261)
    assert plain.holiday_name(D(2026, 10, 1)) is None
    assert plain.next_working_day(D(2026, 11, 27)) == D(2026, 11, 30)
    assert plain.add_working_days(D(2026, 11, 27), 2) == D(2026, 12, 1)
    assert plain.add_working_days(D(2026, 11, 28), 0) == D(2026, 11, 30)


def test_shipped_files_set_no_days() -> None:
    assert load_calendar("cn").special == {}
    assert load_calendar("plain").special == {}


def test_unknown_calendar_name() -> None:
    with pytest.raises(CalendarError) as info:
        load_calendar("mars")
    assert "mars" in str(info.value)


OFFICE_TOML = """\
[[days]]
date = 2026-12-31
working = false
name = { en = "Year-end closure", zh = "年终停业" }

[[days]]
date = "2026-10-10"
working = false
name = "Office trip"
calendars = ["cn"]

[[days]]
date = 2026-11-28
working = true
name = { en = "Stocktaking Saturday", zh = "盘点日" }
calendars = ["plain"]

[[days]]
date = 2026-12-24
until = 2026-12-25
working = false
name = "Christmas closure"
"""


def test_toml_overrides_add_and_replace_days(tmp_path: Path) -> None:
    (tmp_path / "office.toml").write_text(OFFICE_TOML, encoding="utf-8")
    cn = load_calendar("cn", extra=tmp_path)
    plain = load_calendar("plain", extra=tmp_path)
    # applies to every calendar
    for cal in (cn, plain):
        assert not cal.is_working_day(D(2026, 12, 31))
        assert cal.holiday_name(D(2026, 12, 31)) == "Year-end closure"
        assert not cal.is_working_day(D(2026, 12, 24))
        assert not cal.is_working_day(D(2026, 12, 25))
        assert cal.is_working_day(D(2026, 12, 23))
    # scoped to cn: overrides the library's make-up day
    assert not cn.is_working_day(D(2026, 10, 10))
    assert cn.holiday_name(D(2026, 10, 10)) == "Office trip"
    assert cn.working_days(D(2026, 9, 28), D(2026, 10, 11)) == Decimal(5)
    # scoped to plain
    assert plain.is_working_day(D(2026, 11, 28))
    assert not cn.is_working_day(D(2026, 11, 28))
    assert plain.day_label(D(2026, 11, 28)) == "Stocktaking Saturday"
    try:
        set_language("zh-CN")
        assert cn.holiday_name(D(2026, 12, 31)) == "年终停业"
        assert cn.holiday_name(D(2026, 12, 24)) == "Christmas closure"  # no Chinese given
    finally:
        set_language("en")


def test_later_files_win_and_file_level_scope(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[[days]]\ndate = 2026-12-30\nworking = false\nname = "A"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        'calendar = "cn"\n[[days]]\ndate = 2026-12-30\nworking = true\nname = "B"\n', encoding="utf-8"
    )
    assert load_calendar("cn", extra=tmp_path).is_working_day(D(2026, 12, 30))
    assert load_calendar("cn", extra=tmp_path).day_label(D(2026, 12, 30)) == "B"
    assert not load_calendar("plain", extra=tmp_path).is_working_day(D(2026, 12, 30))


def test_a_year_the_library_does_not_know(tmp_path: Path) -> None:
    year = max(CN_LIBRARY_YEARS) + 5
    cn = load_calendar("cn")
    assert not cn.covers(year)
    jan_1 = D(year, 1, 1)
    first_monday = jan_1 + timedelta(days=(7 - jan_1.weekday()) % 7)
    # weekends only, no crash
    assert cn.is_working_day(first_monday)
    assert cn.working_days(first_monday, first_monday + timedelta(days=6)) == Decimal(5)
    assert cn.next_working_day(first_monday + timedelta(days=4)) == first_monday + timedelta(days=7)
    # an office file fills the year in
    (tmp_path / "next.toml").write_text(
        f'calendar = "cn"\n[[days]]\ndate = {first_monday.isoformat()}\nworking = false\n'
        f'name = {{ en = "New Year holiday", zh = "元旦" }}\n',
        encoding="utf-8",
    )
    filled = load_calendar("cn", extra=tmp_path)
    assert filled.covers(year)
    assert not filled.is_working_day(first_monday)
    assert filled.working_days(first_monday, first_monday + timedelta(days=6)) == Decimal(4)


def test_years_before_and_after_the_library_do_not_crash(cn: WorkCalendar) -> None:
    assert cn.working_days(D(1990, 1, 1), D(1990, 1, 7)) == Decimal(5)
    assert cn.working_days(D(2100, 1, 4), D(2100, 1, 10)) == Decimal(5)


@pytest.mark.parametrize(
    "text",
    [
        "[[days]]\nworking = false\n",
        '[[days]]\ndate = "31/12/2026"\n',
        "[[days]]\ndate = 2026-12-31\nworking = 'no'\n",
        "[[days]]\ndate = 2026-12-31\nholiday = true\n",
        "[[days]]\ndate = 2026-12-31\nuntil = 2026-12-01\n",
        "days = 3\n",
        "days = [1]\n",
        "[[days]\n",
    ],
)
def test_bad_files_are_located_definition_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as info:
        load_calendar("cn", extra=tmp_path)
    assert info.value.file == str(path)
    assert str(path) in info.value.located()


def test_parse_calendar_data_directly() -> None:
    days = parse_calendar_data({"days": [{"date": D(2026, 5, 6), "working": False}]}, "plain")
    assert list(days) == [D(2026, 5, 6)]
    assert parse_calendar_data({"calendar": "cn", "days": [{"date": D(2026, 5, 6)}]}, "plain") == {}


def test_no_working_day_in_sight_is_a_clear_error() -> None:
    from tui_office.domain.calendar import SpecialDay

    closed = {
        D(2026, 1, 1) + timedelta(days=i): SpecialDay(D(2026, 1, 1) + timedelta(days=i), False)
        for i in range(4000)
    }
    cal = WorkCalendar("plain", closed)
    with pytest.raises(CalendarError):
        cal.next_working_day(D(2026, 1, 1))


# --- properties --------------------------------------------------------------------------------

DATES = st.dates(min_value=D(2024, 1, 1), max_value=D(2028, 12, 31))
CN = load_calendar("cn")
PLAIN = load_calendar("plain")


@settings(max_examples=300, deadline=None)
@given(DATES, st.integers(0, 120), st.integers(0, 120), st.sampled_from([CN, PLAIN]))
def test_working_days_is_additive_over_adjacent_ranges(start: date, n: int, m: int, cal: WorkCalendar) -> None:
    middle = start + timedelta(days=n)
    end = middle + timedelta(days=1 + m)
    whole = cal.working_days(start, end)
    assert whole == cal.working_days(start, middle) + cal.working_days(middle + timedelta(days=1), end)


@settings(max_examples=300, deadline=None)
@given(DATES, st.integers(0, 60), st.sampled_from([CN, PLAIN]))
def test_add_working_days_agrees_with_working_days(start: date, n: int, cal: WorkCalendar) -> None:
    target = cal.add_working_days(start, n)
    assert cal.is_working_day(target)
    counted_start = 1 if cal.is_working_day(start) else 0
    expected = 1 if n == 0 else n + counted_start  # n = 0 lands on start or the next working day
    assert cal.working_days(start, target) == Decimal(expected)
    assert cal.next_working_day(start) > start


@settings(max_examples=200, deadline=None)
@given(DATES, st.integers(0, 30), st.sampled_from([None, "am", "pm"]), st.sampled_from([None, "am", "pm"]))
def test_half_days_take_at_most_one_day_off(start: date, n: int, sh: str | None, eh: str | None) -> None:
    end = start + timedelta(days=n)
    full = CN.working_days(start, end)
    halves = CN.working_days(start, end, sh, eh)
    assert full - 1 <= halves <= full
    assert halves >= 0
    assert (halves * 2) == int(halves * 2)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=D(2003, 1, 1), max_value=D(2028, 12, 31)),
    st.integers(0, 800),
    st.sampled_from([CN, PLAIN]),
)
def test_counting_agrees_with_looking_at_each_day(start: date, n: int, cal: WorkCalendar) -> None:
    end = start + timedelta(days=n)
    assert cal.working_days(start, end) == len(cal.working_days_in(start, end))
    assert cal.working_days(start, end) == sum(cal.is_working_day(start + timedelta(days=i)) for i in range(n + 1))


def test_long_ranges_are_fast(cn: WorkCalendar) -> None:
    import time

    began = time.perf_counter()
    total = cn.working_days(D(1, 1, 1), D(9999, 12, 31))
    assert time.perf_counter() - began < 0.5
    assert total > 0


def test_years_without_a_schedule_are_named_with_the_file_that_adds_them(tmp_path: Path) -> None:
    from tui_office.domain.calendar_use import unscheduled_years

    year = max(CN_LIBRARY_YEARS) + 1
    cn = load_calendar("cn", extra=tmp_path)
    assert cn.unscheduled_years([D(year - 1, 12, 31), D(year, 2, 8)]) == [year]
    notice = cn.unscheduled_notice([year])
    assert f"{year}: no official holiday schedule yet" in notice and str(tmp_path / f"cn-{year}.toml") in notice
    assert cn.unscheduled_notice([]) == ""
    (tmp_path / f"cn-{year}.toml").write_text(f'[[days]]\ndate = {year}-01-01\nname = "New Year"\n', encoding="utf-8")
    filled = load_calendar("cn", extra=tmp_path)
    assert filled.unscheduled_years([D(year, 2, 8)]) == []
    assert filled.sources()[year] == [str(tmp_path / f"cn-{year}.toml")]
    assert filled.sources()[year - 1] == ["chinese-calendar"]
    # A form counts working days in that year only through its formulas, rules or due times.
    from tui_office.domain.definition_files import load_definition
    from tui_office.resources import bundled

    leave = load_definition(bundled("data", "forms", "leave.toml"))
    values = {"start": D(year, 2, 8), "end": D(year, 2, 12)}
    assert unscheduled_years(cn, leave, values, D(year - 1, 11, 23)) == [year]
    assert unscheduled_years(load_calendar("plain"), leave, values, D(year - 1, 11, 23)) == []
