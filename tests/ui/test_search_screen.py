"""The search screen: `s` from the inbox, results as one types, enter opens the document."""

from __future__ import annotations

import pytest

from tests.ui.conftest import SIZE, make_app, make_office, settle
from tui_office.ui.screens.document import DocumentScreen
from tui_office.ui.screens.search import SearchScreen


@pytest.fixture
def office_and_numbers(tmp_path):
    office, numbers = make_office(tmp_path)
    yield office, numbers
    office.close()


async def type_query(pilot, text: str) -> None:
    for key in text:
        await pilot.press(key if key != " " else "space")
    await pilot.pause(0.4)  # past the pause that starts the search
    await settle(pilot)


def shown(app) -> list[str]:
    return [hit.number for hit in app.screen.hits]


async def test_s_opens_search_and_typing_finds_what_the_user_may_see(office_and_numbers):
    office, numbers = office_and_numbers
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_query(pilot, "annual")
        assert shown(app) == []  # chenjing's requests are not emily's to see
        assert "annual" in str(app.screen.query_one("#search-status").render())
        await pilot.press(*["backspace"] * 6)
        await type_query(pilot, "预算")
        assert shown(app) == [numbers["desks"]]
        await pilot.press("enter")  # to the list
        await pilot.press("enter")  # opens the document
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen) and app.screen.number == numbers["desks"]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)


async def test_a_refused_query_says_why_in_one_line(office_and_numbers):
    office, _ = office_and_numbers
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await type_query(pilot, "from:someday")
        status = str(app.screen.query_one("#search-status").render())
        assert "someday" in status and "YYYY-MM-DD" in status
        assert shown(app) == []
