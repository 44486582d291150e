"""The team calendar marks only working days of a leave, shows pending leave by a character, and
names people as everywhere else (their own names)."""

from __future__ import annotations

from datetime import date, datetime

from tests.ui.test_leave_screens import seed_leave
from tests.ui.formhost import open_office
from tui_office.i18n import set_language
from tui_office.workflows.leave import service as leave
from tui_office.workflows.leave.ui.calendar import cell_mark


def test_weekends_inside_a_leave_are_not_leave_and_pending_has_a_mark(tmp_path):
    office = open_office(tmp_path)
    try:
        seed_leave(office)
        office.clock.at = datetime(2026, 11, 23, 9, 0)  # type: ignore[attr-defined]
        set_language("en")
        grid = leave.team_calendar(office, "zhaolei", 2026, 12)
        emily = next(row for row in grid.rows if row.login == "emily")
        saturday = grid.dates.index(date(2026, 12, 5))
        monday = grid.dates.index(date(2026, 12, 7))
        assert emily.cells[saturday] is None
        assert cell_mark(emily.cells[saturday], grid.working[saturday]) == "·"
        assert cell_mark(emily.cells[monday], grid.working[monday]) == "P?"
        assert emily.name == "Emily Carter"
        names = {row.login: row.name for row in grid.rows}
        assert names["zhouqiang"] == "周强"
        set_language("zh-CN")
        assert cell_mark(emily.cells[monday], grid.working[monday]) == "事?"
    finally:
        set_language("en")
        office.close()
