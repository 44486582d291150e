"""Pilot tests of a file field: the form asks for a path and sends the file by reference; the
document view reads the file in a worker and shows a warning line above the fields once the
attached file changed, and again once it is gone."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, SIZE, open_office, row, send, settle, steady, type_text  # noqa: E402,F401  (fixtures)
from test_document_view import text_of  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tui_office.services import queries, workflow  # noqa: E402
from tui_office.ui.screens.document import DocumentScreen  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402

FORMS = Path(__file__).resolve().parents[1] / "forms"


async def test_the_document_view_warns_when_the_attached_file_changed_or_went(tmp_path: Path) -> None:
    office = open_office(tmp_path, forms_dir=FORMS)
    scan = tmp_path / "contract.pdf"
    scan.write_bytes(b"signed")
    number = workflow.submit(office, "emily", "t_attachment", {"subject": "Lease", "scan": str(scan)})
    try:
        app = Host(office, "emily", lambda: DocumentScreen(number))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            warnings = app.screen.query_one("#doc-file-warnings", Static)
            assert not warnings.has_class("-shown")
            assert str(scan) in text_of(app.screen.query_one("#doc-fields-body", Static))

            scan.write_bytes(b"signed, then edited")
            app.screen.action_reload()
            await settle(pilot)
            assert warnings.has_class("-shown") and warnings.display
            assert f"Signed scan: {scan} changed since it was attached" in text_of(warnings, width=300)

            scan.unlink()
            app.screen.action_reload()
            await settle(pilot)
            assert f"Signed scan: {scan} is gone or can no longer be read" in text_of(warnings, width=300)
    finally:
        office.close()



async def test_the_form_asks_for_a_file_by_its_path_and_sends_it_by_reference(tmp_path: Path) -> None:
    """A file field is a one-line box hinting at a path; the path typed there is read (in the
    submitting worker) when the form is sent, and the document keeps the file's reference."""
    office = open_office(tmp_path, forms_dir=FORMS)
    scan = tmp_path / "lease.pdf"
    scan.write_bytes(b"signed")
    try:
        app = Host(office, "emily", lambda: FormScreen("t_attachment"))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert row(app, "scan").editor.placeholder.startswith("path of a file on this host")
            await type_text(pilot, "Lease")
            await pilot.press("tab")
            await type_text(pilot, str(scan))
            number = await send(pilot)
        stored = queries.show(office, "emily", number).fields["scan"]
        assert (stored["path"], stored["size"]) == (str(scan), 6)
    finally:
        office.close()
