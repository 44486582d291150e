"""Outbound slips (出库单) from an approved order: all lines or some, partial quantities tracked per
product against the order; the sales manager confirms, the warehouse issues (stock goes down), sales
administration records the customer-signed delivery note; more than the order has left is refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.services import queries, start_from
from tui_office.services.decisions import act
from tui_office.workflows.sales import master, orders


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


def an_order(office) -> str:
    return orders.create_order(office, "sunyan", {
        "customer": "C001", "contract_no": "HT-7", "signed_on": "2026-11-20",
        "lines": [{"product": "P100", "quantity": "3", "delivery": "2026-12-21"},
                  {"product": "P120", "quantity": "10", "delivery": "2026-12-21"}]})


def ship(office, number: str, *lines: tuple[str, str], ship_on: str = "2026-11-25") -> str:
    return start_from.submit(office, "sunyan", "sales_outbound", number, {
        "ship_on": ship_on, "lines": [{"product": p, "quantity": q} for p, q in lines]})


def stock(office, code: str) -> Decimal:
    return master.product(office, code).stock


def problems(office, number, *lines, **more):
    with pytest.raises(ValidationFailed) as caught:
        ship(office, number, *lines, **more)
    return {p.field: p.code for p in caught.value.problems}


def test_a_partial_outbound_is_confirmed_issued_and_signed_for(office):
    order = an_order(office)
    slip = ship(office, order, ("P100", "2"))
    view = queries.show(office, "admin", slip)
    assert view.fields["order"] == order and view.fields["customer_name"] == "上海恒通贸易有限公司"
    assert [s.step for s in view.current_steps] == ["manager"]
    act(office, "zhaolei", "approve", slip)
    before = stock(office, "P100")
    act(office, "guoqiang", "approve", slip, fields={"issued_on": "2026-11-25"})
    assert stock(office, "P100") == before - 2
    act(office, "sunyan", "approve", slip, fields={"note_signed_on": "2026-11-27", "note_signed_by": "陈经理"})
    view = queries.show(office, "admin", slip)
    assert view.status == "approved" and view.fields["note_signed_by"] == "陈经理"


def test_more_than_the_order_has_left_is_refused_line_by_line(office):
    order = an_order(office)
    ship(office, order, ("P100", "2"))
    assert problems(office, order, ("P100", "2"), ("P120", "10")) == {"lines[1].quantity": "sales_over_order"}
    assert problems(office, order, ("P130", "1")) == {"lines[1].product": "sales_not_on_order"}
    ship(office, order, ("P100", "1"), ("P120", "10"))   # the rest: every line now fully shipped


def test_an_order_not_yet_valid_cannot_be_shipped(office):
    phoned = orders.create_order(office, "sunyan", {"customer": "C003", "basis": "phoned",
                                                   "lines": [{"product": "P100", "quantity": "1", "delivery": "2026-12-21"}]})
    with pytest.raises(OfficeError):
        ship(office, phoned, ("P100", "1"))


def test_an_outbound_is_entered_at_least_a_day_ahead(office):
    assert problems(office, an_order(office), ("P100", "1"), ship_on="2026-11-23") == {"ship_on": "check_failed"}


def test_the_warehouse_cannot_issue_more_than_it_holds(office):
    order = orders.create_order(office, "sunyan", {
        "customer": "C001", "contract_no": "HT-8", "signed_on": "2026-11-20",
        "lines": [{"product": "P170", "quantity": "15", "delivery": "2026-12-21"}]})
    slip = ship(office, order, ("P170", "15"))   # the warehouse holds 12
    act(office, "zhaolei", "approve", slip)
    with pytest.raises(OfficeError, match="holds 12"):
        act(office, "guoqiang", "approve", slip, fields={"issued_on": "2026-11-25"})
    assert stock(office, "P170") == 12 and queries.show(office, "admin", slip).current_steps[0].step == "warehouse"


def test_a_cheque_is_recorded_the_day_it_arrives(office):
    order = an_order(office)
    payment = start_from.submit(office, "emily", "sales_payment", order, {"amount": "1000", "method": "cheque"})
    with pytest.raises(ValidationFailed) as caught:
        act(office, "zhengxin", "approve", payment, fields={"received_on": "2026-11-20"})
    assert {p.field: p.code for p in caught.value.problems} == {"received_on": "check_failed"}
    act(office, "zhengxin", "approve", payment, fields={"received_on": "2026-11-23"})
    assert [s.step for s in queries.show(office, "admin", payment).current_steps] == ["finance"]


def test_a_return_is_a_red_outbound_that_restores_stock_and_what_was_delivered(office):
    from tui_office.workflows.sales.order_status import order_status

    order = an_order(office)
    slip = ship(office, order, ("P100", "2"), ("P120", "4"))
    act(office, "zhaolei", "approve", slip)
    act(office, "guoqiang", "approve", slip, fields={"issued_on": "2026-11-25"})
    before = stock(office, "P100")
    delivered = order_status(office, "admin", order).delivered

    def send_back(*lines):
        return start_from.submit(office, "sunyan", "sales_return", slip, {
            "reason": "外观破损", "lines": [{"product": p, "quantity": q} for p, q in lines]})

    with pytest.raises(ValidationFailed) as caught:
        send_back(("P100", "3"))
    assert {p.field: p.code for p in caught.value.problems} == {"lines[1].quantity": "sales_over_returned"}
    back = send_back(("P100", "1"))
    view = queries.show(office, "admin", back)
    assert (view.fields["outbound"], view.fields["order"]) == (slip, order)
    assert view.fields["lines"][0]["red_quantity"] == "-1.000"
    act(office, "zhaolei", "approve", back)
    act(office, "mayu", "approve", back)
    act(office, "guoqiang", "approve", back, fields={"received_on": "2026-11-26"})
    assert stock(office, "P100") == before + 1
    status = order_status(office, "admin", order)
    assert [(x["product"], Decimal(x["issued"])) for x in status.lines] == [("P100", 1), ("P120", 4)]
    assert delivered - status.delivered == Decimal("14464.00")   # one 精密电子天平: 12,800.00 + 13 %
    assert status.to_json()["returns"][0]["number"] == back
