"""Provides `Exporting`: `e` on a list screen writes what it shows to a CSV or XLSX file.

The screen says what it shows (`export_request() -> (kind, filters)`, see `services.export`); the
user confirms the file name; the export runs in a worker, so the screen stays responsive, with a
progress bar at the bottom once it takes more than half a second, and a notice says where the file
went (or, in one line, why not).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import work

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t

SHOW_PROGRESS_AFTER = 0.5
"""Seconds an export runs before its progress bar appears."""


def suggested_path(kind: str, now: datetime) -> str:
    """Where an export goes unless the user says otherwise: the home folder, named for what and when."""
    return str(Path("~") / f"{kind}-{now:%Y%m%d-%H%M}.xlsx")


class Exporting:
    """Mixin for a screen with a list: `action_export` asks for a file and writes the list there."""

    def export_request(self) -> tuple[str, dict] | None:
        """(export kind, its filters) for what the screen shows now; None: nothing to export."""
        return None

    def action_export(self) -> None:
        request = self.export_request()
        if request is None:
            return
        kind, filters = request
        from tui_office.ui.dialogs.export_file import ExportFileDialog

        suggested = suggested_path(kind, self.app.office.clock.now())  # type: ignore[attr-defined]

        def chosen(path: str | None) -> None:
            if path:
                self._start_export(kind, filters, path)

        self.app.push_screen(ExportFileDialog(suggested), chosen)  # type: ignore[attr-defined]

    def _start_export(self, kind: str, filters: dict, path: str) -> None:
        self._export_finished = False
        self.set_timer(SHOW_PROGRESS_AFTER, self._show_export_progress)  # type: ignore[attr-defined]
        self._run_export(kind, filters, path)

    def _show_export_progress(self) -> None:
        if not self._export_finished and not self.query("#export-progress"):  # type: ignore[attr-defined]
            from textual.widgets import ProgressBar  # here: a list screen opens without it

            self.mount(ProgressBar(id="export-progress", show_eta=False))  # type: ignore[attr-defined]

    def _export_progress(self, done: int, total: int) -> None:
        for bar in self.query("#export-progress"):  # type: ignore[attr-defined]
            bar.update(total=max(total, 1), progress=done)

    @work(thread=True, group="export", exit_on_error=False)
    def _run_export(self, kind: str, filters: dict, path: str) -> None:
        from tui_office.services import export

        app = self.app  # type: ignore[attr-defined]
        try:
            written = export.export(app.office, app.me.login, kind, path, progress=lambda done, total:
                                    app.call_from_thread(self._export_progress, done, total), **filters)
        except OfficeError as exc:
            app.call_from_thread(self._export_done, "", str(exc))
            return
        app.call_from_thread(self._export_done, t("export.done", rows=written.rows, path=str(written.path)), "")

    def _export_done(self, message: str, error: str) -> None:
        self._export_finished = True
        for bar in self.query("#export-progress"):  # type: ignore[attr-defined]
            bar.remove()
        if error:
            self.app.notify(error, title=t("export.failed"), severity="error", timeout=8, markup=False)  # type: ignore[attr-defined]
        else:
            self.app.notify(message, title=t("export.title"), timeout=8, markup=False)  # type: ignore[attr-defined]
