"""Snapshots of a document whose decisions carry electronic signatures (120x40, fixed clock).

Each test says what the picture must show; review the SVG, not just the pass.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.ui.conftest import SIZE, make_app, make_office, opened
from tui_office.services import decisions, office_settings, pins, signing, workflow


@pytest.fixture
def signed_document(tmp_path):
    """emily's purchase request approved by zhaolei signed in with his PIN (signed), then by
    chenjing, who never signed in (unsigned)."""
    office, _ = make_office(tmp_path, seeded=False)
    office_settings.set_setting(office, "admin", "security.require_pin", "true")
    office.clock.at = datetime(2026, 11, 20, 9, 0)
    number = workflow.submit(office, "emily", "purchase_request", {
        "item": "Office desks", "quantity": "6", "amount": "5400", "reason": "New hires in the sales team"})
    pins.set_pin(office, "zhaolei", "zhao-12345")
    office.clock.at = datetime(2026, 11, 20, 10, 30)
    decisions.act(office, "zhaolei", "approve", number, comment="同意，控制在预算内")
    signing.forget()  # chenjing decides without having signed in: no signature
    office.clock.at = datetime(2026, 11, 21, 11, 0)
    decisions.act(office, "chenjing", "approve", number, comment="Agreed")
    office.clock.at = datetime(2026, 11, 23, 9, 0)
    yield office, number
    office.close()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_document_marks_its_signed_decisions(snap_compare, signed_document, lang):
    """emily's purchase request open in the document view: the timeline shows zhaolei's approval
    marked "signed" (已签名 in Chinese) and chenjing's approval, taken without a PIN, unmarked."""
    office, number = signed_document
    assert snap_compare(make_app(office, "emily", lang=lang), terminal_size=SIZE, run_before=opened(number))
