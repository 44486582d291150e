"""The archive exported (the archive is SQLite's, like search): the same rows as the browser, typed."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from tests.services.test_export import office  # noqa: F401  (two approved requests)
from tui_office.services import archive, export


def test_the_archive_as_xlsx_has_the_browsers_rows_with_finish_times(office, tmp_path):  # noqa: F811
    listed = archive.browse(office, "admin")
    assert export.export(office, "admin", "archive", tmp_path / "a.xlsx").rows == 2
    rows = list(openpyxl.load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("Number", "Form", "Title", "Initiator", "Department", "Finished")
    assert [list(r) for r in rows[1:]] == [[r.number, r.form_title, r.title, r.initiator_name, r.department,
                                            r.finished_at] for r in listed]
    assert rows[2][5] == datetime(2026, 11, 2, 15, 0)
