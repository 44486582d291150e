"""The one exporter: XLSX read back with openpyxl (same rows, typed numbers and dates, the header
frozen, columns as wide as their Chinese text), CSV with a BOM that round-trips Chinese, and the
refusals: an existing file without --force, a bad kind, filter or path — each changing nothing."""

from __future__ import annotations

import csv
from datetime import date, datetime

import openpyxl
import pytest

from tests.factories import START, demo_office
from tui_office.cli.main import main
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.services import export, queries, workflow
from tui_office.services.decisions import act


@pytest.fixture
def office(tmp_path):
    office = demo_office(tmp_path)
    for at, who, subject in ((datetime(2026, 11, 2, 9), "emily", "打印纸和硒鼓"), (datetime(2026, 11, 9, 10), "linna", "Gloves")):
        office.clock = FixedClock(at)
        number = workflow.submit(office, who, "general_request", {"subject": subject, "details": "-"})
        office.clock = FixedClock(at.replace(hour=15))
        act(office, "zhaolei" if who == "emily" else "hejun", "approve", number, comment="同意")
    office.clock = FixedClock(START)
    return office


def test_an_inbox_tab_as_xlsx_has_the_same_rows_typed_and_a_frozen_header(office, tmp_path):
    listed = queries.inbox(office, "zhaolei", "done").rows
    written = export.export(office, "zhaolei", "inbox-done", tmp_path / "done.xlsx")
    assert written.rows == 1 and written.format == "xlsx"
    sheet = openpyxl.load_workbook(tmp_path / "done.xlsx").active
    assert sheet.title == "Done" and sheet.freeze_panes == "A2"
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Number", "Form", "Title", "From", "Step", "Received", "Due", "Overdue", "Status"]
    assert [r[:6] for r in rows[1:]] == [[r.number, r.form_title, r.title, r.from_name, r.step_title, r.received_at]
                                         for r in listed]
    assert rows[1][2] == "打印纸和硒鼓" and rows[1][5] == datetime(2026, 11, 2, 15, 0) and rows[1][8] == "Approved"
    assert sheet.column_dimensions["C"].width >= 14  # six Chinese characters: twelve cells, not six


def test_the_statistics_as_xlsx_have_one_sheet_per_table_with_numbers_and_dates(office, tmp_path):
    export.export(office, "admin", "stats", tmp_path / "stats.xlsx", since=date(2026, 11, 1), until=date(2026, 11, 22))
    book = openpyxl.load_workbook(tmp_path / "stats.xlsx")
    assert book.sheetnames[:3] == ["By form", "By status", "By department"]
    assert [[c.value for c in row] for row in book["By department"].iter_rows()] == [
        ["Department", "Documents"], ["Sales", 1], ["Purchasing", 1]]
    cycle = [[c.value for c in row] for row in book["Per form_ submitted to finished"].iter_rows()]
    assert cycle[1] == ["General request", 2, 5.5, 6]  # 6 and 5 hours
    weeks = [[c.value for c in row] for row in book["Per week"].iter_rows()]
    assert weeks[1] == [datetime(2026, 10, 26), 0, 0] and weeks[2] == [datetime(2026, 11, 2), 1, 1]


def test_csv_begins_with_the_bom_and_round_trips_chinese(office, tmp_path):
    path = tmp_path / "done.csv"
    assert export.export(office, "zhaolei", "inbox-done", path).rows == 1
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["Number", "Form", "Title"] and rows[1][2] == "打印纸和硒鼓"


def test_an_area_adds_its_own_kind_leave_with_typed_days(office, tmp_path):
    office.clock = FixedClock(datetime(2026, 11, 23, 9))
    workflow.submit(office, "emily", "leave", {"type": "personal", "start": "2026-11-25", "end": "2026-11-26",
                                               "reason": "搬家", "handover": "zhouqiang"})
    assert "leave" in export.kind_names()
    export.export(office, "wangfang", "leave", tmp_path / "leave.xlsx", year=2026)
    row = [c.value for c in openpyxl.load_workbook(tmp_path / "leave.xlsx").active[2]]
    assert row[5] == datetime(2026, 11, 25) and row[9] == 2 and row[2] == "Emily Carter"
    export.export(office, "wangfang", "leave", tmp_path / "leave.csv", year=2026)
    with (tmp_path / "leave.csv").open(encoding="utf-8-sig", newline="") as fh:
        header, row = list(csv.reader(fh))
    assert (row[header.index("start")], row[header.index("days")]) == ("2026-11-25", "2")


def test_refusals_change_nothing(office, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(OfficeError) as err:
        export.export(office, "zhaolei", "inbox-done", path)
    assert err.value.code == "export_exists" and path.read_text(encoding="utf-8") == "mine"
    assert export.export(office, "zhaolei", "inbox-done", path, force=True).rows == 1
    for kind, target, filters, code in (
        ("nope", "b.csv", {}, "export_bad_kind"), ("stats", "b.csv", {"year": 2026}, "export_bad_filter"),
        ("search", "b.csv", {}, "export_needs_filter"), ("inbox-todo", "b.txt", {}, "export_no_format"),
        ("inbox-todo", "b\x1b[2J.csv", {}, "export_bad_path"), ("inbox-todo", "no/where/b.csv", {}, "cannot_write"),
        ("inbox-todo", ".", {}, "cannot_write"), ("stats", "b.csv", {"since": "soon"}, "stats_bad_date"),
    ):
        with pytest.raises(OfficeError) as err:
            export.export(office, "admin", kind, tmp_path / target, **filters)
        assert err.value.code == code and "\n" not in str(err.value) and "\x1b" not in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".txt", ".xlsx")) == ["a.csv"]
    with pytest.raises(ValidationError):
        export.export(office, "emily", "stats", tmp_path / "c.csv", form=12)


def test_the_command_writes_the_file_and_says_where(office, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TUI_OFFICE_NOW", "2026-11-23T09:00:00")
    db = office.target
    office.close()
    target = tmp_path / "s.xlsx"
    assert main(["--db", str(db), "--user", "zhaolei", "export", "inbox-done", "--query", "打印", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"1 rows written to {target}"
    assert main(["--db", str(db), "--user", "zhaolei", "export", "inbox-done", "-o", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--db", str(db), "--user", "admin", "export", "archive", "--from", "2026-01-01", "-o",
                 str(tmp_path / "t.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "archive does not take --since" in err
