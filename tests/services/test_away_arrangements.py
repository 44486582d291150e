"""Out-of-office arrangements can be listed and cancelled by their owner only, audited; the lists a
picker offers (who may be copied, where a document may be returned to) are the engine's own."""

from __future__ import annotations

from datetime import date

import pytest

from tui_office.domain.errors import OfficeError
from tui_office.services import audit, away, decisions, workflow


def test_my_arrangements_are_listed_and_cancelled_only_by_me(office):
    away.set_away(office, "liuwei", "chenjing", date(2026, 11, 24), date(2026, 11, 27))
    [record] = away.away_list(office, "liuwei")
    assert (record.deputy, record.start, record.end) == ("chenjing", date(2026, 11, 24), date(2026, 11, 27))
    assert away.away_list(office, "chenjing") == []
    with pytest.raises(OfficeError):
        away.cancel_away(office, "chenjing", record.id)  # not hers
    with pytest.raises(OfficeError):
        away.cancel_away(office, "liuwei", 10**12)
    assert away.away_list(office, "liuwei") == [record]
    assert away.cancel_away(office, "liuwei", record.id) == f"{record.deputy_name} no longer acts for you from 2026-11-24 to 2026-11-27."
    assert away.away_list(office, "liuwei") == []
    with pytest.raises(OfficeError):
        away.cancel_away(office, "liuwei", record.id)  # once
    assert audit.verify().ok


def test_cc_candidates_leave_out_me_and_who_already_has_a_copy(office):
    number = workflow.submit(office, "emily", "general_request", {"subject": "Desk lamp", "details": "for the night shift"})
    manager = decisions.candidates(office, "zhaolei", "cc", number)
    assert "zhaolei" not in manager and "hejun" in manager
    decisions.act(office, "zhaolei", "cc", number, to="hejun")
    assert "hejun" not in decisions.candidates(office, "zhaolei", "cc", number)


def test_return_targets_offer_the_step_before_first(office):
    number = workflow.submit(office, "emily", "purchase_request", {
        "item": "Chairs", "quantity": "4", "amount": "2000", "reason": "worn out"})
    assert [target for target, _ in decisions.return_targets(office, "zhaolei", number)] == ["initiator"]
    decisions.act(office, "zhaolei", "approve", number)
    decisions.act(office, "chenjing", "approve", number)
    assert [target for target, _ in decisions.return_targets(office, "liuwei", number)] == ["vp", "initiator", "director"]
