"""Provides the UI test ground: a seeded office on a file database, a fixed clock, and app factories.

Pictures must not change from run to run: the clock is fixed, every document is made through the
workflow services at fixed moments, the cursor does not blink, and the developer's config is never
read (the root conftest isolates it).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import Input
from textual.worker import WorkerCancelled

from tests.factories import START, demo_office, reused
from tui_office.config import Settings
from tui_office.i18n import set_language
from tui_office.services import decisions, directory, workflow
from tui_office.services.office import Office
from tui_office.ui.app import OfficeApp

NOW = START
"""When every UI test runs (a Monday morning)."""

SIZE = (120, 40)
"""Terminal size of every snapshot."""


def _at(office: Office, when: datetime) -> None:
    office.clock.at = when  # type: ignore[attr-defined]


def purchase(office: Office, who: str, item: str, quantity: str, amount: str, reason: str) -> str:
    return workflow.submit(office, who, "purchase_request", {"item": item, "quantity": quantity, "amount": amount, "reason": reason})


def general(office: Office, who: str, subject: str, details: str) -> str:
    return workflow.submit(office, who, "general_request", {"subject": subject, "details": details})


def seed(office: Office) -> dict[str, str]:
    """Documents in every state liuwei (general manager) and emily (sales) see; returns their numbers.

    - PR office desks: emily → zhaolei approved → chenjing approved → now with liuwei (due 11-25).
    - PR sample cabinets: zhouqiang → approved twice → with liuwei since 11-17, overdue.
    - three general requests by chenjing waiting for liuwei (for bulk approval).
    - a general request by emily waiting for her manager zhaolei.
    """
    numbers: dict[str, str] = {}
    _at(office, datetime(2026, 11, 16, 9, 30))
    numbers["cabinets"] = purchase(office, "zhouqiang", "Sample cabinets", "4", "12800", "Showroom samples for the December fair")
    _at(office, datetime(2026, 11, 16, 14, 0))
    decisions.act(office, "zhaolei", "approve", numbers["cabinets"], comment="同意")
    _at(office, datetime(2026, 11, 17, 10, 0))
    decisions.act(office, "chenjing", "approve", numbers["cabinets"], comment="Agreed")
    _at(office, datetime(2026, 11, 19, 9, 15))
    numbers["desks"] = purchase(office, "emily", "Office desks", "6", "5400", "New hires in the sales team")
    _at(office, datetime(2026, 11, 19, 15, 40))
    decisions.act(office, "zhaolei", "approve", numbers["desks"], comment="Agreed, within the team budget")
    _at(office, datetime(2026, 11, 20, 11, 5))
    decisions.act(office, "chenjing", "approve", numbers["desks"], comment="同意，请按预算采购")
    _at(office, datetime(2026, 11, 20, 16, 0))
    numbers["room"] = general(office, "chenjing", "Book the large meeting room for the annual review", "Dec 18, all day")
    _at(office, datetime(2026, 11, 20, 16, 10))
    numbers["print"] = general(office, "chenjing", "Print 200 copies of the annual report", "Colour, bound")
    _at(office, datetime(2026, 11, 20, 16, 20))
    numbers["team"] = general(office, "chenjing", "团建活动预算", "十二月部门团建，预计 30 人")
    _at(office, datetime(2026, 11, 21, 10, 0))
    numbers["visit"] = general(office, "emily", "Customer visit to Suzhou", "Two days, with the technical lead")
    _at(office, NOW)
    return numbers


def make_office(folder: Path, *, seeded: bool = True) -> tuple[Office, dict[str, str]]:
    """The demo office in `folder/office.db` (a file: workers use their own connections)."""
    if not seeded:
        return demo_office(folder, at=NOW), {}

    def build() -> tuple[Office, dict[str, str]]:
        office = demo_office(folder, at=NOW)
        return office, seed(office)

    office, numbers = reused(folder, "ui-seeded", Settings(), NOW, build)
    return office, dict(numbers)


def make_app(office: Office, login: str, *, lang: str = "en", theme: str = "default", live: bool = False) -> OfficeApp:
    """An app as the CLI starts it, for `login`, in `lang` and `theme`."""
    set_language(lang)
    office.settings.theme = theme
    office.settings.language = lang
    return OfficeApp(office, directory.get_user(office, login), live=live)


@pytest.fixture(autouse=True)
def steady_ui(monkeypatch: pytest.MonkeyPatch):
    """English unless a test says otherwise; cursors that do not blink (stable pictures)."""
    set_language("en")
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    yield
    set_language("en")


@pytest.fixture
def seeded(tmp_path: Path):
    """(office, numbers): the demo office with the seeded documents, closed afterwards."""
    office, numbers = make_office(tmp_path)
    yield office, numbers
    office.close()


async def settle(pilot, rounds: int = 3) -> None:
    """Let workers finish and their answers land (several rounds: answers start new work)."""
    for _ in range(rounds):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer one: the newer one is awaited next round
        await pilot.pause(0.15)


def pushed(screen_factory):
    """A `run_before` for snapshots: let loads finish, push `screen_factory()`, let it load."""

    async def before(pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(screen_factory())
        await settle(pilot)

    return before
