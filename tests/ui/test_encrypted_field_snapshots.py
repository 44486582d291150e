"""Snapshots of a document with an encrypted field, seen by someone who may not read it (80x24).

Each test says what the picture must show; review the SVG, not just the pass.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import make_app, make_office, opened
from tui_office.services import workflow


@pytest.fixture
def claim(tmp_path):
    """emily's expense claim with her refund account, waiting for her manager zhaolei."""
    office, _ = make_office(tmp_path, seeded=False)
    number = workflow.submit(office, "emily", "expense_claim", {
        "purpose": "Taxi to the client", "expense_type": "transport", "spent_on": "2026-11-20",
        "amount": "120", "receipts": "invoice", "payee_account": "6222 0210 0112 3456 789"})
    yield office, number
    office.close()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_manager_sees_the_refund_account_masked(snap_compare, claim, lang):
    """emily's claim open in zhaolei's document view at 80x24: the field "Refund bank
    account" (收款银行账号) reads ****6789, never the full number; the other fields are in clear."""
    office, number = claim
    assert snap_compare(make_app(office, "zhaolei", lang=lang), terminal_size=(80, 24), run_before=opened(number))
