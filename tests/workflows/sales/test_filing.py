"""Monthly filing of sales contracts: by the 5th (office calendar: the next working day when the
office is closed) the previous month's contracts are numbered in one sequence in signing order;
`remind` nags sales administration once a day from the 1st and flags the month late after it."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import OfficeError
from tui_office.store.models import Notification, User
from tui_office.workflows.sales import filing, orders


@pytest.fixture
def office(tmp_path):
    office = demo_office(tmp_path)
    for signed in ("2026-11-23", "2026-11-20"):
        orders.create_order(office, "sunyan", {
            "customer": "C001", "contract_no": f"HT-{signed}", "signed_on": signed,
            "lines": [{"product": "P120", "quantity": "1", "delivery": "2026-12-21"}]})
    orders.create_order(office, "sunyan", {"customer": "C003", "basis": "phoned",   # no contract: not filed
                                          "lines": [{"product": "P120", "quantity": "1", "delivery": "2026-12-21"}]})
    return office


def at(office, when: str) -> None:
    office.clock.at = datetime.fromisoformat(when)


def nags(login: str = "sunyan") -> list[str]:
    user = User.get(User.login == login)
    return [n.kind for n in Notification.select().where(Notification.user == user).order_by(Notification.id)
            if n.kind.startswith("sales_filing")]


def test_contracts_are_numbered_in_signing_order_and_the_nagging_stops(office):
    at(office, "2026-12-01T08:00")
    assert filing.sweep(office) == ["sales: 2 contracts of 2026-11 to number and file by 2026-12-07"]
    assert filing.sweep(office) == []                       # once a day
    at(office, "2026-12-03T09:00")
    done = filing.file_month(office, "sunyan", 2026, 11)
    assert [(f["number"], f["filing_no"]) for f in done.filed] == [
        ("SO-2026-0002", "XS-202611-001"), ("SO-2026-0001", "XS-202611-002")]
    assert done.unfiled == [] and done.late is False
    at(office, "2026-12-08T08:00")
    assert filing.sweep(office) == []
    assert nags() == ["sales_filing_due"]


def test_not_filed_by_the_working_day_after_a_weekend_fifth_the_month_is_late(office):
    at(office, "2026-12-07T08:00")                          # the 5th was a Saturday: due Monday the 7th
    assert filing.sweep(office) == ["sales: 2 contracts of 2026-11 to number and file by 2026-12-07"]
    at(office, "2026-12-08T08:00")
    assert filing.sweep(office) == ["sales: contracts of 2026-11 filed late (due 2026-12-07; 2 unfiled)"]
    at(office, "2026-12-09T08:00")
    assert filing.sweep(office) == []
    assert nags() == ["sales_filing_due", "sales_filing_late"]
    assert filing.file_month(office, "sunyan", 2026, 11).late is True


def test_a_month_not_over_cannot_be_filed_and_only_sales_administration_files(office):
    with pytest.raises(OfficeError, match="not over"):
        filing.file_month(office, "sunyan", 2026, 11)
    at(office, "2026-12-02T09:00")
    with pytest.raises(OfficeError):
        filing.file_month(office, "emily", 2026, 11)
