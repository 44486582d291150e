"""The archive, its log of openings and search results exported: the same rows as the screens, typed."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from tests.services.test_export import office  # noqa: F401  (two approved requests)
from tui_office.domain.clock import FixedClock
from tui_office.services import archive, export, queries, search


def _rows(path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_the_archive_as_xlsx_has_the_browsers_rows_with_finish_times(office, tmp_path):  # noqa: F811
    listed = archive.browse(office, "admin")
    assert export.export(office, "admin", "archive", tmp_path / "a.xlsx").rows == 2
    rows = _rows(tmp_path / "a.xlsx")
    assert rows[0] == ("Number", "Form", "Title", "Initiator", "Department", "Finished")
    assert [list(r) for r in rows[1:]] == [[r.number, r.form_title, r.title, r.initiator_name, r.department,
                                            r.finished_at] for r in listed]
    assert rows[2][5] == datetime(2026, 11, 2, 15, 0)


def test_the_archive_log_and_search_results_as_xlsx_have_the_screens_rows_typed(office, tmp_path):  # noqa: F811
    (number,) = [r.number for r in archive.browse(office, "admin") if r.title == "Gloves"]
    office.clock = FixedClock(datetime(2026, 11, 24, 10, 30))
    queries.show(office, "zhangli", number)  # the archive keeper, outside it: logged
    assert export.export(office, "zhangli", "archive-log", tmp_path / "log.xlsx").rows == 1
    assert _rows(tmp_path / "log.xlsx")[1] == (datetime(2026, 11, 24, 10, 30), "zhangli", "张丽", number, "Gloves")
    found = search.find(office, "admin", "打印纸 status:approved").hits
    assert export.export(office, "admin", "search", tmp_path / "s.xlsx", query="打印纸 status:approved").rows == 1
    rows = _rows(tmp_path / "s.xlsx")
    assert rows[0] == ("Number", "Form", "Title", "Initiator", "Status", "Submitted", "Where it matched")
    assert [list(r) for r in rows[1:]] == [[h.number, h.form_title, h.title, h.initiator_name, "Approved",
                                            h.submitted_at, h.excerpt] for h in found]
    assert rows[1][2] == "打印纸和硒鼓" and rows[1][5] == datetime(2026, 11, 2, 9, 0)
