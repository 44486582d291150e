"""Entering sales orders: filled in from the master data, routed by the rules (sales manager without
a contract, leadership above the threshold or off the list price), and every bad value refused
with its own message while nothing is stored."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import ValidationFailed
from tui_office.services import queries
from tui_office.services.decisions import act
from tui_office.store.models import Document
from tui_office.workflows.sales import orders


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


def line(product="P120", quantity="2", delivery="2026-12-10", **extra):
    return {"product": product, "quantity": quantity, "delivery": delivery, **extra}


def contract_order(**extra):
    return {"customer": "C001", "contract_no": "HT-1", "signed_on": "2026-11-20", "lines": [line()], **extra}


def where(office, number):
    view = queries.show(office, "admin", number)
    return view.status, [s.step for s in view.current_steps]


def problems_of(office, values):
    with pytest.raises(ValidationFailed) as caught:
        orders.create_order(office, "sunyan", values)
    return {p.field: p.code for p in caught.value.problems}


def test_an_order_is_filled_in_from_the_customer_and_the_products(office):
    number = orders.create_order(office, "sunyan", contract_order(lines=[line(discount="5"), line("S200", "1")]))
    fields = queries.show(office, "admin", number).fields
    assert (fields["customer_name"], fields["region"], fields["salesperson"]) == ("上海恒通贸易有限公司", "华东", "emily")
    first, second = fields["lines"]
    assert (first["name"], first["unit"], first["unit_price"], first["tax_rate"]) == ("移液器 100-1000μL", "支", "1280.00", "13.00")
    assert (first["net"], first["tax"], first["gross"]) == ("2432.00", "316.16", "2748.16")
    assert (second["tax_rate"], second["gross"]) == ("6.00", "1590.00")
    assert (fields["net_total"], fields["tax_total"], fields["gross_total"]) == ("3932.00", "406.16", "4338.16")


def test_a_contract_order_under_the_threshold_is_valid_at_once(office):
    number = orders.create_order(office, "sunyan", contract_order())
    assert where(office, number) == ("approved", [])


def test_an_order_without_a_contract_waits_for_the_sales_manager(office):
    number = orders.create_order(office, "sunyan", {"customer": "C003", "basis": "phoned", "lines": [line()]})
    assert where(office, number) == ("in_progress", ["manager"])
    act(office, "zhaolei", "approve", number)
    assert where(office, number) == ("approved", [])


def test_a_large_order_goes_on_to_the_leadership_countersign(office):
    number = orders.create_order(office, "sunyan", {"customer": "C003", "basis": "faxed",
                                                    "lines": [line("P100", "20")]})
    act(office, "zhaolei", "approve", number)
    assert where(office, number) == ("in_progress", ["leadership"])
    act(office, "liuwei", "approve", number)
    assert where(office, number)[0] == "in_progress"
    act(office, "chenjing", "approve", number)
    assert where(office, number) == ("approved", [])


def test_a_price_far_from_the_list_price_goes_to_the_leadership_and_is_flagged(office):
    number = orders.create_order(office, "sunyan", contract_order(lines=[line(discount="15")]))
    view = queries.show(office, "admin", number)
    assert (view.status, [s.step for s in view.current_steps]) == ("in_progress", ["leadership"])
    assert [f["flag"] for f in view.flags] == ["price_deviation"]


def test_the_entering_clerk_is_recorded_as_responsible(office):
    number = orders.create_order(office, "sunyan", contract_order())
    view = queries.show(office, "admin", number)
    assert view.initiator == "sunyan" and view.history[0].action == "submit"


@pytest.mark.parametrize("values, expected", [
    (contract_order(customer="C999"), {"customer": "sales_unknown_customer"}),
    (contract_order(lines=[line(), line("X1")]), {"lines[2].product": "sales_unknown_product"}),
    (contract_order(lines=[line(quantity="0")]), {"lines[1].quantity": "too_small"}),
    (contract_order(lines=[line(quantity="two")]), {"lines[1].quantity": "invalid_number"}),
    (contract_order(lines=[line(discount="120")]), {"lines[1].discount": "too_large"}),
    (contract_order(lines=[line(delivery="2026-11-22")], order_date="2026-11-23"), {"lines[1].delivery": "check_failed"}),
    (contract_order(contract_no=""), {"contract_no": "sales_contract_missing"}),
    (contract_order(lines=[]), {"lines": "required"}),
])
def test_bad_input_is_refused_with_its_own_message_and_nothing_stored(office, values, expected):
    found = problems_of(office, values)
    assert {k: v for k, v in found.items() if k in expected} == expected
    assert not Document.select().where(Document.form_id == "sales_order").exists()


def test_an_order_entered_two_working_days_after_signing_needs_a_reason_and_is_flagged(office):
    assert problems_of(office, contract_order(signed_on="2026-11-19")) == {"late_reason": "sales_late_reason"}
    number = orders.create_order(office, "sunyan", contract_order(signed_on="2026-11-19", late_reason="原件迟到"))
    assert [f["flag"] for f in queries.show(office, "admin", number).flags] == ["late_entry"]


def test_signed_friday_entered_monday_is_in_time_across_the_weekend(office):
    number = orders.create_order(office, "sunyan", contract_order(signed_on="2026-11-20"))
    assert queries.show(office, "admin", number).flags == []


@pytest.mark.parametrize("entered, late", [(datetime(2026, 10, 8, 9), False), (datetime(2026, 10, 9, 9), True)])
def test_the_national_day_holiday_does_not_count_towards_late_entry(tmp_path, entered, late):
    office = demo_office(tmp_path, at=entered)
    values = contract_order(signed_on="2026-09-30", order_date=entered.date().isoformat(),
                            lines=[line(delivery="2026-10-30")], late_reason="节后录入" if late else "")
    number = orders.create_order(office, "sunyan", values)
    assert bool(queries.show(office, "admin", number).flags) is late


def test_an_unknown_product_is_one_message_not_also_its_missing_price_and_tax(office):
    assert problems_of(office, contract_order(lines=[line("X1")])) == {"lines[1].product": "sales_unknown_product"}


def test_a_quantity_that_is_not_a_number_is_one_message_not_also_a_date_check(office):
    found = problems_of(office, contract_order(lines=[line(quantity="two", delivery="2026-11-23")], order_date="2026-11-23"))
    assert found == {"lines[1].quantity": "invalid_number"}
