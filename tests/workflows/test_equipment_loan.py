"""A workflow package that lives only in the tests (`tests/workflows/equipment_loan/`) works end to
end through the CLI and the app, installed by the tests alone and built on the extension points:
its own form, an assignee resolver, a follow-up task with an overdue flag, a link to another
document, a CLI command and a palette command."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.backend import office_db

from tests.factories import demo_office
from tests.inprocess import run_cli
from tui_office import extensions
from tui_office.domain.errors import PermissionDenied
from tui_office.services import decisions, queries, registry, workflow

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "tests.workflows.equipment_loan"


@pytest.fixture
def cli(tmp_path: Path):
    db = office_db(tmp_path)

    def run(*args: str, user: str = "emily", now: str = "2026-11-23T09:00", installed: bool = True):
        env = dict(os.environ, TUI_OFFICE_NOW=now)
        env.pop(extensions.ENV_VARIABLE, None)
        if installed:
            env[extensions.ENV_VARIABLE] = PACKAGE
        return run_cli(["--db", str(db), "--user", user, *args], cwd=REPO, env=env)

    done = run("init", "--demo", user="wangfang")
    assert done.returncode == 0, done.stderr
    return run


def test_equipment_loan_through_the_cli(cli):
    """Borrow a laptop for a general request (a link, listed both ways by `show --json`, refused to a
    missing document or another form): the laptop keeper (a resolver of the package) approves,
    the borrower owes its return 3 working days on, `remind` flags it overdue, `act return-equipment`
    closes the follow-up. Without the package installed, the form does not exist."""
    refused = cli("submit", "equipment_loan", "--set", "item=laptop", "--set", "purpose=fair", installed=False)
    assert refused.returncode == 1

    request = cli("submit", "general_request", "--set", "subject=December fair", "--set", "details=Stand").stdout.strip()
    loan = cli("submit", "equipment_loan", "--set", "item=laptop", "--set", "purpose=fair",
               "--set", f"for_document={request}")
    assert loan.returncode == 0, loan.stderr
    number = loan.stdout.strip()
    assert number.startswith("EQ-2026-")
    links = json.loads(cli("show", number, "--json").stdout)["links"]
    assert links == {"to": [{"field": "for_document", "number": request, "form": "general_request",
                             "title": "December fair"}], "from": []}
    back_links = json.loads(cli("show", request, "--json").stdout)["links"]
    assert [(x["field"], x["number"]) for x in back_links["from"]] == [("for_document", number)]
    unknown = cli("submit", "equipment_loan", "--set", "item=laptop", "--set", "purpose=x", "--set", "for_document=GR-2026-0999")
    assert unknown.returncode == 1 and "for_document: link_unknown:" in unknown.stderr
    wrong = cli("submit", "equipment_loan", "--set", "item=laptop", "--set", "purpose=x", "--set", f"for_document={number}")
    assert wrong.returncode == 1 and "for_document: link_form:" in wrong.stderr

    inbox = json.loads(cli("inbox", "--json", user="wangfang").stdout)
    assert number in [row["number"] for row in inbox]  # wangfang keeps the laptops
    assert cli("act", "approve", number, user="wangfang").returncode == 0

    loans = json.loads(cli("equipment", "loans", "--json").stdout)
    assert loans == [{"number": number, "item": "laptop", "status": "approved", "due": "2026-11-26",
                      "returned_at": None, "overdue": False, "link": request}]
    todo = json.loads(cli("inbox", "--json").stdout)
    assert number in [row["number"] for row in todo]  # the return task waits in the borrower's inbox

    assert "equipment_not_returned" not in cli("remind", now="2026-11-26T17:00", user="wangfang").stdout
    late = cli("remind", now="2026-11-27T09:00", user="wangfang")
    assert late.returncode == 0, late.stderr
    assert f"{number}: equipment_not_returned (due 2026-11-26)" in late.stdout

    back = cli("act", "return-equipment", number, now="2026-11-27T10:00")
    assert back.returncode == 0, back.stderr
    assert back.stdout.strip() == f"Return the equipment: done for {number}."
    again = cli("act", "return-equipment", number, now="2026-11-27T10:05")
    assert again.returncode == 1 and "already done" in again.stderr
    loans = json.loads(cli("equipment", "loans", "--json").stdout)
    assert loans[0]["returned_at"] == "2026-11-27T10:00:00" and loans[0]["overdue"] is True


@pytest.fixture
def equipment_office(tmp_path: Path):
    extensions.install(PACKAGE)
    registry.forget_sync()
    office = demo_office(tmp_path)
    yield office
    office.close()
    extensions.uninstall(PACKAGE)
    registry.forget_sync()


def test_the_custom_resolver_and_the_follow_up_through_the_services(equipment_office):
    office = equipment_office
    number = workflow.submit(office, "emily", "equipment_loan", {"item": "projector", "purpose": "training"})
    step = queries.show(office, "emily", number).current_steps[0]
    assert [a.login for a in step.assignees] == ["sunyan"]  # the projector keeper
    decisions.act(office, "sunyan", "approve", number)
    with pytest.raises(PermissionDenied):  # only the borrower, or HR (the follow-up's `also`)
        decisions.act(office, "sunyan", "return-equipment", number)
    assert decisions.act(office, "wangfang", "return-equipment", number) == f"Return the equipment: done for {number}."


async def test_palette_opens_the_loans_and_r_returns_the_item(equipment_office):
    """ctrl+p offers the package's own command; its screen returns the highlighted loan."""
    from tests.ui.conftest import make_app, settle
    from tests.workflows.equipment_loan import service
    from tests.workflows.equipment_loan.ui import EquipmentLoansScreen

    office = equipment_office
    number = workflow.submit(office, "emily", "equipment_loan", {"item": "laptop", "purpose": "fair"})
    decisions.act(office, "wangfang", "approve", number)
    app = make_app(office, "emily")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"My equipment loans")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EquipmentLoansScreen)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await settle(pilot)
    assert service.loans(office, "emily")[0].returned_at is not None


async def test_the_document_view_lists_links_and_l_opens_the_linked_document(equipment_office):
    """The loan's view lists the general request it serves; `l` opens that request, whose own view
    lists the loan the other way."""
    from tests.ui.conftest import make_app, settle
    from tui_office.ui.screens.document import DocumentScreen

    office = equipment_office
    request = workflow.submit(office, "emily", "general_request", {"subject": "December fair", "details": "Stand"})
    loan = workflow.submit(office, "emily", "equipment_loan", {"item": "laptop", "purpose": "fair", "for_document": request})
    app = make_app(office, "emily")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(DocumentScreen(loan))
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.screen.view.links["to"][0]["number"] == request
        await pilot.press("l")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen) and app.screen.number == request
        assert [link["number"] for link in app.screen.view.links["from"]] == [loan]
