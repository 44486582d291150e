"""Every field type through the form screen and back out of the document view (a test-only form)."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, open_office, steady, SIZE, settle, type_text, row  # noqa: E402,F401  (fixture)
from rich.console import Console  # noqa: E402
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea  # noqa: E402

from tui_office.services import queries  # noqa: E402
from tui_office.ui.dialogs.form_summary import FormSummary  # noqa: E402
from tui_office.ui.screens.document import DocumentScreen  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402
from tui_office.ui.widgets.checklist import ChecklistField  # noqa: E402
from tui_office.ui.widgets.fields import FieldRow  # noqa: E402
from tui_office.ui.widgets.line_items import LineItemGrid  # noqa: E402

FORMS = Path(__file__).parent / "forms"


@pytest.fixture
def office(tmp_path):
    office = open_office(tmp_path, forms_dir=FORMS)
    yield office
    office.close()


async def fill(pilot, field_id: str, text: str) -> None:
    row(pilot.app, field_id).focus_editor()
    await type_text(pilot, text)


async def test_every_field_type_filled_submitted_and_shown(office):
    app = Host(office, "emily", lambda: FormScreen("t_every_type"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not row(app, "why_urgent").display
        await fill(pilot, "subject", "All types")
        await fill(pilot, "notes", "line one")
        await fill(pilot, "count", "3")
        await fill(pilot, "ratio", "0.5")
        await fill(pilot, "price", "12.5")
        await pilot.pause()
        assert str(row(app, "total").query_one("#editor", Static).render()) == "37.50"
        await fill(pilot, "day", "2026-12-01")
        await fill(pilot, "meeting", "2026-12-01 14:30")
        row(app, "colour").query_one(Select).value = "blue"
        row(app, "extras").focus_editor()
        await pilot.press("space")  # ticks the highlighted first choice
        row(app, "urgent").focus_editor()
        await pilot.press("space")
        await pilot.pause()
        assert row(app, "why_urgent").display  # visible_if = "urgent"
        assert app.screen.query_one(ChecklistField).required == {"signed"}
        await fill(pilot, "why_urgent", "Customer waiting")
        row(app, "reviewer").query_one(Select).value = "zhaolei"
        row(app, "dept").query_one(Select).value = "sales"
        row(app, "attachments").query_one(TextArea).text = "/srv/files/quote.pdf\n/srv/files/photo.jpg"
        grid = app.screen.query_one(LineItemGrid)
        grid.focus_first()
        for what, hours in (("Design", "2.5"), ("Review", "1")):
            await pilot.press("insert")
            await type_text(pilot, what)
            await pilot.press("tab")
            await type_text(pilot, hours)
            await pilot.press("enter")
        await pilot.pause()
        assert str(row(app, "hours_total").query_one("#editor", Static).render()) == "3.5"
        row(app, "checks").focus_editor()
        await pilot.press("space")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, FormSummary), app.screen.query_one("#form-problems", Static).render()
        await pilot.press("enter")
        await settle(pilot)
    number = app.results[-1]
    fields = queries.show(office, "emily", number).fields
    assert fields == {
        "subject": "All types", "notes": "line one", "count": 3, "ratio": "0.50", "price": "12.50",
        "total": "37.50", "day": "2026-12-01", "meeting": "2026-12-01T14:30:00", "colour": "blue",
        "extras": ["bag"], "urgent": True, "why_urgent": "Customer waiting", "reviewer": "zhaolei",
        "dept": "sales", "attachments": "/srv/files/quote.pdf\n/srv/files/photo.jpg",
        "lines": [{"what": "Design", "hours": "2.5"}, {"what": "Review", "hours": "1"}],
        "hours_total": "3.5", "checks": ["signed"],
    }

    view_app = Host(office, "emily", lambda: DocumentScreen(number))
    async with view_app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        console = Console(width=100, record=True, color_system=None, file=open("/dev/null", "w"))
        console.print(view_app.screen.query_one("#doc-fields-body", Static).content)
        text = console.export_text()
    for expected in ("Blue", "Bag", "Yes", "2026-12-01 14:30", "37.50", "[x] Signed", "Attachments",
                     "• /srv/files/quote.pdf", "• /srv/files/photo.jpg", "Design", "3.5"):
        assert expected in text, expected


async def test_a_hidden_field_is_not_required(office):
    app = Host(office, "emily", lambda: FormScreen("t_every_type"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "Quiet one")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, FormSummary)
        lines = dict(app.screen.lines)
        assert "Why urgent" not in lines
        assert lines["Urgent"] == "No"
