"""Counting other documents for a form's flags: values are compared as the counted form stores them."""

from __future__ import annotations

from tests.factories import demo_office
from tui_office.domain.expressions import AggregateUse
from tui_office.services import data_flags, workflow


def test_a_money_value_is_found_whatever_way_the_flag_writes_it(tmp_path):
    office = demo_office(tmp_path)
    try:
        workflow.submit(office, "emily", "purchase_request", {
            "item": "Desk", "quantity": "1", "amount": "15000", "reason": "New hire"})
        count = data_flags.aggregate_function(office, None, office.clock.now())
        use = AggregateUse("count", "purchase_request", 30, None, None, ("amount",))
        assert count(use, None, {"amount": 15000}) == 1
        assert count(use, None, {"amount": 14999}) == 0
        total = AggregateUse("sum", "purchase_request", 30, None, "amount", ("item",))
        assert str(count(total, None, {"item": "Desk"})) == "15000.00"
    finally:
        office.close()
