"""The document view keeps up with the database like the inbox does, and a key that does nothing
now says why."""

from __future__ import annotations

from tests.ui.conftest import SIZE, make_app, settle
from tests.ui.test_inbox_live import wait_for
from tui_office.i18n import t
from tui_office.services import decisions, queries
from tui_office.ui.screens.document import DocumentScreen


def notices(app) -> list[str]:
    return [f"{n.title}|{n.message}" for n in app._notifications]


async def test_the_document_view_shows_a_change_made_in_another_window(seeded):
    office, numbers = seeded
    number = numbers["desks"]
    app = make_app(office, "liuwei", live=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.data_version is not None, 5)
        app.open_document(number)  # (the poll never ends: wait for what is shown, not for workers)
        await wait_for(lambda: isinstance(app.screen, DocumentScreen) and "approve" in app.screen.allowed, 5)
        screen = app.screen
        # Another window (another connection) comments and then approves the same task.
        decisions.act(office, "emily", "comment", number, comment="Desks arrive Friday")
        await wait_for(lambda: any("Desks arrive Friday" in h.comment for h in screen.view.history), 5)
        decisions.act(office, "liuwei", "approve", number, comment="ok")
        await wait_for(lambda: "approve" not in screen.allowed, 5)
        assert any(h.action == "approve" and h.comment == "ok" for h in screen.view.history)
    assert queries.show(office, "liuwei", number).history[-1].comment == "ok"


async def test_keys_that_do_nothing_now_say_why(seeded):
    office, numbers = seeded
    number = numbers["desks"]
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_document(number)
        await settle(pilot)
        await pilot.press("e")  # her own request, but it is in progress
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert any(t("docview.edit_not_now", status=t("status.in_progress")) in n for n in notices(app)), notices(app)
        await pilot.press("a")  # not her task
        await settle(pilot)
        assert any(t("docview.approve") in n for n in notices(app)), notices(app)
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_document(number)
        await settle(pilot)
        await pilot.press("w", "e")
        await settle(pilot)
        said = notices(app)
        assert any(n.startswith(t("docview.withdraw") + "|") for n in said), said
        assert any(n.startswith(t("docview.edit") + "|") for n in said), said
    assert queries.show(office, "liuwei", number).status == "in_progress"
