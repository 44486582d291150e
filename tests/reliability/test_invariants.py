"""The checks the soak and the kill test rely on notice each kind of damage they are meant to find."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.reliability.invariants import check_database, compare_with_acknowledged
from tests.services.conftest import make_office
from tui_office.services import workflow
from tui_office.services.decisions import act
from tui_office.store.db import database
from tui_office.store.models import Action

DAMAGE = {
    "an open task vanishes": (
        "DELETE FROM task WHERE status = 'open' AND document_id = (SELECT id FROM document WHERE number = 'GR-2026-0002')",
        "GR-2026-0002: in progress with no open task"),
    "a task is marked approved behind the audit trail's back": (
        "UPDATE task SET status = 'done', decision = 'approve' WHERE status = 'open' "
        "AND document_id = (SELECT id FROM document WHERE number = 'GR-2026-0002')",
        "without an audit row that decided it"),
    "an approved task is set back to open": (
        "UPDATE task SET status = 'open', decision = NULL WHERE decision = 'approve'",
        "audited as approve but stored as open"),
    "a document is marked approved without its approval": (
        "UPDATE document SET status = 'approved', archived = true, finished_at = created_at, step = NULL "
        "WHERE number = 'GR-2026-0002'",
        "GR-2026-0002: approved but the last audit row that changes state is submit"),
    "a document is approved but left in the inbox": (
        "UPDATE document SET archived = false WHERE number = 'GR-2026-0001'",
        "GR-2026-0001: approved but archived=False"),
    "a middle audit row is removed": (
        "DELETE FROM action WHERE id = 2",
        "audit chain broken"),
}


@pytest.fixture
def two_documents(tmp_path: Path):
    """GR-2026-0001 approved, GR-2026-0002 waiting for its manager."""
    office = make_office(tmp_path)
    first = workflow.submit(office, "emily", "general_request", {"subject": "Room", "details": "Room B"})
    workflow.submit(office, "emily", "general_request", {"subject": "Passes", "details": "Two visitors"})
    act(office, "zhaolei", "approve", first)
    yield office
    office.close()


def test_an_untouched_database_passes_every_check(two_documents) -> None:
    found = check_database()
    assert found.problems == []
    office_rows = Action.select().where(Action.document.is_null()).count()  # the demo office's users
    assert found.integrity == "ok" and found.chain_ok and found.chain_rows == 3 + office_rows
    acknowledged = Counter({("submit", "GR-2026-0001"): 1, ("submit", "GR-2026-0002"): 1, ("approve", "GR-2026-0001"): 1})
    assert compare_with_acknowledged(found, acknowledged, {"submit", "approve"}) == (0, 0, [])


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_each_kind_of_damage_is_reported(two_documents, damage: str) -> None:
    sql, expected = DAMAGE[damage]
    database.execute_sql(sql)
    problems = check_database().problems
    assert any(expected in p for p in problems), problems


def test_an_acknowledged_operation_without_its_audit_row_counts_as_lost(two_documents) -> None:
    acknowledged = Counter({("submit", "GR-2026-0001"): 1, ("submit", "GR-2026-0002"): 1,
                            ("approve", "GR-2026-0001"): 1, ("approve", "GR-2026-0002"): 1})
    lost, phantom, problems = compare_with_acknowledged(check_database(), acknowledged, {"submit", "approve"})
    assert (lost, phantom) == (1, 0)
    assert problems == ["GR-2026-0002: 1 approve acknowledged, 0 audited"]
