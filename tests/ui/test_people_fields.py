"""A multi-user field in the form screen: people are picked from the office's users, in the order
picked (a circulation's order), and the document then waits for the first of them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, open_office, settle, SIZE, type_text, row  # noqa: E402

from textual.widgets import Select, SelectionList  # noqa: E402

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
