"""Money of a sales order: every amount rounded half-up to the cent, and the lines always add up to
the order's totals — computed by the domain functions and by the order form's own formulas alike."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from tui_office.domain.definition_files import load_definition
from tui_office.workflows.sales import orders
from tui_office.workflows.sales.money import line_amounts, order_totals, price_deviation, to_cent
from pathlib import Path

FORM = load_definition(Path(orders.__file__).with_name("forms") / "sales_order.toml")

quantities = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("99999"), places=3)
prices = st.decimals(min_value=Decimal("0"), max_value=Decimal("999999"), places=2)
discounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=2)
rates = st.sampled_from([Decimal("0"), Decimal("6"), Decimal("9"), Decimal("13")])
lines = st.lists(st.tuples(quantities, prices, discounts, rates), min_size=1, max_size=30)


def test_half_a_cent_rounds_up_not_to_even():
    assert to_cent(Decimal("0.125")) == Decimal("0.13")
    assert to_cent(Decimal("0.135")) == Decimal("0.14")
    assert line_amounts(Decimal(1), Decimal("0.25"), Decimal(50)).net == Decimal("0.13")


def test_discounts_and_mixed_tax_rates_give_the_printed_figures():
    a = line_amounts(Decimal(3), Decimal("1280.00"), Decimal("5"), Decimal("13"))
    b = line_amounts(Decimal("2.5"), Decimal("1500.00"), Decimal("0"), Decimal("6"))
    assert (a.net, a.tax, a.gross) == (Decimal("3648.00"), Decimal("474.24"), Decimal("4122.24"))
    assert (b.net, b.tax, b.gross) == (Decimal("3750.00"), Decimal("225.00"), Decimal("3975.00"))
    totals = order_totals([a, b])
    assert (totals.net, totals.tax, totals.gross) == (Decimal("7398.00"), Decimal("699.24"), Decimal("8097.24"))


@settings(max_examples=60, deadline=None)
@given(lines)
def test_line_sums_equal_the_totals_to_the_cent(rows):
    amounts = [line_amounts(*row) for row in rows]
    totals = order_totals(amounts)
    assert totals.net == sum(a.net for a in amounts)
    assert totals.tax == sum(a.tax for a in amounts)
    assert totals.gross == sum(a.gross for a in amounts) == totals.net + totals.tax
    for a in amounts:
        assert a.net == a.net.quantize(Decimal("0.01")) and a.tax == a.tax.quantize(Decimal("0.01"))


@settings(max_examples=40, deadline=None)
@given(lines)
def test_the_order_form_computes_the_same_amounts_as_the_domain(rows):
    values = {"lines": [{"quantity": q, "unit_price": p, "discount": d, "tax_rate": r, "list_price": p}
                        for q, p, d, r in rows]}
    computed = FORM.compute(values)
    amounts = [line_amounts(*row) for row in rows]
    assert [(x["net"], x["tax"], x["gross"]) for x in computed["lines"]] == [(a.net, a.tax, a.gross) for a in amounts]
    totals = order_totals(amounts)
    assert (computed["net_total"], computed["tax_total"], computed["gross_total"]) == (totals.net, totals.tax, totals.gross)


def test_price_deviation_counts_the_discount_and_needs_a_list_price():
    assert price_deviation(Decimal("100"), Decimal("10"), Decimal("100")) == Decimal("-10.00")
    assert price_deviation(Decimal("115"), Decimal("0"), Decimal("100")) == Decimal("15.00")
    assert price_deviation(Decimal("5"), Decimal("0"), Decimal("0")) is None
