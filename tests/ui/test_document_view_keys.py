"""Keys of the document view for work that follows a document: `f` marks the follow-up task I hold
there done (a tracked line item of tests/forms/tracked), `s` starts a document from it (tests/forms/linked)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, SIZE, settle  # noqa: E402

from tests.factories import demo_office  # noqa: E402
from tui_office.services import decisions, followups, queries, workflow  # noqa: E402
from tui_office.ui.dialogs.opinion import OpinionDialog  # noqa: E402
from tui_office.ui.screens.document import DocumentScreen  # noqa: E402

FORMS = Path(__file__).resolve().parents[1] / "forms" / "tracked"


@pytest.fixture
def tracked(tmp_path):
    office = demo_office(tmp_path, forms_dir=FORMS)
    number = workflow.submit(office, "emily", "action_items", {"meeting": "Kickoff", "actions": [
        {"what": "Book the hall", "who": "zhouqiang", "by": "2026-11-25"},
        {"what": "Order posters", "who": "emily", "by": "2026-11-30"}]})
    decisions.act(office, "zhaolei", "approve", number, comment="ok")
    return office, number


async def test_f_marks_my_row_done_and_is_dimmed_for_others(tracked):
    office, number = tracked
    app = Host(office, "zhouqiang", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.followups == [("actions-1", "Book the hall")]
        assert app.screen.check_action("followup", ()) is True
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert followups.open_for(office, "zhouqiang", number) == []
        assert app.screen.check_action("followup", ()) is False
    assert followups.open_for(office, "emily", number) == [("actions-2", "Order posters")]
    other = Host(office, "zhaolei", lambda: DocumentScreen(number))
    async with other.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert other.screen.check_action("followup", ()) is False


async def test_s_starts_a_prefilled_draft_from_the_document_and_opens_it(tmp_path):
    office = demo_office(tmp_path, forms_dir=FORMS.parent / "linked")
    request = workflow.submit(office, "emily", "general_request", {"subject": "Fair", "details": "Stand"})
    app = Host(office, "emily", lambda: DocumentScreen(request))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [f.id for f in app.screen.starts] == ["follow_on"]
        await pilot.press("s")
        await settle(pilot)
        from tui_office.ui.screens.form import FormScreen
        assert isinstance(app.screen, FormScreen) and app.screen.number == "FO-2026-0001"
    shown = queries.show(office, "emily", "FO-2026-0001")
    assert shown.status == "draft" and shown.links["to"][0]["number"] == request
    assert [x.text for x in shown.display][:2] == ["Follow-on: Fair", "Stand"]
    plain = Host(office, "emily", lambda: DocumentScreen("FO-2026-0001"))
    async with plain.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert plain.screen.check_action("start_from", ()) is False
