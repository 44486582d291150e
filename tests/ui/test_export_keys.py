"""`e` in a list writes what it shows: the file name is asked (prefilled), the export runs in a
worker with a progress bar once it is slow, the screen stays usable, and a notice says where."""

from __future__ import annotations

import threading

import openpyxl

from tests.ui.conftest import SIZE, make_app
from tests.ui.test_archive_screen import office  # noqa: F401  (the archive's fixture office)
from tests.ui.test_inbox_snapshots import run as keys
from tui_office.services import export
from tui_office.ui import exporting
from tui_office.ui.dialogs.export_file import ExportFileDialog


async def _until(pilot, condition, rounds: int = 200) -> None:
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


async def test_e_in_the_archive_writes_the_rows_shown_and_says_where(office, tmp_path):  # noqa: F811
    target = tmp_path / "archive.xlsx"
    app = make_app(office, "zhangli")
    notices: list[str] = []
    app.notify = lambda message, **_: notices.append(message)
    async with app.run_test(size=SIZE) as pilot:
        await keys("H", "e")(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportFileDialog) and dialog.suggested.endswith(".xlsx")
        dialog.query_one("#export-path").value = str(target)
        await keys("enter")(pilot)
        await _until(pilot, lambda: notices)
    assert notices == [f"2 rows written to {target}"]
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["GR-2026-0005", "GR-2026-0004"]


async def test_a_slow_export_shows_its_progress_and_the_screen_stays_usable(office, tmp_path, monkeypatch):  # noqa: F811
    release = threading.Event()
    real = export.export

    def slow(*args, progress=None, **kwargs):
        progress(1, 4)
        release.wait(10)
        return real(*args, progress=progress, **kwargs)

    monkeypatch.setattr(export, "export", slow)
    monkeypatch.setattr(exporting, "SHOW_PROGRESS_AFTER", 0.05)
    app = make_app(office, "zhangli")
    async with app.run_test(size=SIZE) as pilot:
        await keys("H")(pilot)
        archive = app.screen
        await keys("e")(pilot)
        app.screen.query_one("#export-path").value = str(tmp_path / "slow.csv")
        await pilot.press("enter")  # not waiting for the workers: the export waits for `release`
        await _until(pilot, lambda: archive.query("#export-progress"))
        await pilot.press("y")  # still answers keys while the file is written
        await _until(pilot, lambda: archive.filters["year"] == 2026)
        release.set()
        await _until(pilot, lambda: not archive.query("#export-progress"))
    assert (tmp_path / "slow.csv").read_bytes().startswith(b"\xef\xbb\xbf")
