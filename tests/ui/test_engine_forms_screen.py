"""The test-only engine forms in the form screen: a multi-user field whose people are picked from the
office's users in the order picked (a circulation's order), and a check across fields shown while
typing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, open_office, settle, SIZE, type_text, row  # noqa: E402

from textual.widgets import Select, SelectionList, Static  # noqa: E402

from tui_office.services import queries  # noqa: E402
from tui_office.ui.dialogs.form_summary import FormSummary  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402

FORMS = Path(__file__).parents[1] / "engine_forms"


@pytest.fixture
def office(tmp_path):
    office = open_office(tmp_path, forms_dir=FORMS)
    yield office
    office.close()


async def test_signers_are_picked_in_order_and_asked_in_that_order(office):
    app = Host(office, "emily", lambda: FormScreen("t_signers"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row(app, "subject").focus_editor()
        await type_text(pilot, "Fair plan")
        people = row(app, "signers").query_one(SelectionList)
        offered = {people.get_option_at_index(i).value for i in range(people.option_count)}
        assert {"liuwei", "chenjing", "zhaolei"} <= offered
        people.select("liuwei")
        people.select("chenjing")
        row(app, "reviewers").query_one(SelectionList).select("zhaolei")
        row(app, "budget_holder").query_one(Select).value = "finance"
        await pilot.pause()
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, FormSummary)
        await pilot.press("enter")
        await settle(pilot)
    number = app.results[-1]
    view = queries.show(office, "emily", number)
    assert view.fields["signers"] == ["liuwei", "chenjing"]
    assert [a.login for a in view.current_steps[0].assignees] == ["zhaolei"]


async def test_a_check_across_fields_shows_its_message_beside_the_field_while_typing(office):
    """The form screen judges `[[checks]]` through the same evaluation as submit: an end before the
    start is marked on `end`, in the form's own words, before anything is sent."""
    app = Host(office, "emily", lambda: FormScreen("t_checks"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for field_id, text in (("start", "2026-11-25"), ("end", "2026-11-24"), ("subject", "x")):
            row(app, field_id).focus_editor()
            await type_text(pilot, text)
        await settle(pilot)
        shown = str(row(app, "end").query_one(".field-problem", Static).render())
        assert "The end is before the start." in shown
