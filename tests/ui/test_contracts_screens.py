"""Contract screens: snapshots of the register and of a settlement (handover list, calculation
sheet, both review tables) in English and Chinese; Pilot tests of marking the handover list by
keys and of standing aside (回避) with F4 in the opinion dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import SIZE, settle
from tests.ui.formhost import host, open_office, steady  # noqa: F401  (autouse fixture)
from tui_office.services import queries
from tui_office.workflows.contracts import demo, service, views
from tui_office.workflows.contracts.ui.register import ContractRegisterScreen
from tui_office.workflows.contracts.ui.settlement import SettlementScreen

TALL = (120, 76)
"""Tall enough for a whole settlement page: list, sheet, both tables."""


@pytest.fixture
def contracts_office(tmp_path: Path):
    office = open_office(tmp_path)
    demo.load(office)
    yield office
    office.close()


async def _settle(pilot) -> None:
    await settle(pilot, rounds=5)


async def _shown(pilot) -> None:
    """Until the screen has drawn what its workers loaded (the register: the selected contract too)."""
    for _ in range(200):
        screen = pilot.app.screen
        if getattr(screen, "view", None) is not None or getattr(screen, "detail", None) is not None:
            break
        await pilot.pause(0.02)
    await settle(pilot, rounds=5)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_register(contracts_office, snap_compare, lang):
    """The register as the cost head sees it: three contracts (categories f, b, a) newest first, the
    selected one's category and handling department under the list."""
    app = host(contracts_office, "xuhao", ContractRegisterScreen, lang)
    assert snap_compare(app, terminal_size=SIZE, run_before=_shown)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_settlement_checklist_sheet_and_tables(contracts_office, snap_compare, lang):
    """Settlement JS-2026-0001 at the cost head: 9 received, 3 not applicable, 0 missing; a
    two-line calculation sheet totalling 1326000.00; the preliminary table P2026-01-CS-001 signed by
    the clerk and the department head; the confirmation table P2026-01-QR-001 with the verified
    amount 1219920.00, 8.00 % difference, the joint-review record and the cost clerk's signature."""
    app = host(contracts_office, "xuhao", lambda: SettlementScreen("JS-2026-0001"), lang)
    assert snap_compare(app, terminal_size=TALL, run_before=_shown)


async def test_marking_the_handover_list_by_keys(contracts_office):
    """The sales clerk opens a settlement of the advertising contract and marks by keys: r the first
    item, n with a reason the second, m the third; s refuses to send while a required item is missing."""
    number = service.open_settlement(contracts_office, "sunyan", "HT-2026-0003", "Ms Wu")
    app = host(contracts_office, "sunyan", lambda: SettlementScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("r")
        await _settle(pilot)
        await pilot.press("down", "n")
        await _settle(pilot)
        await pilot.press(*"signed by post", "enter")
        await _settle(pilot)
        await pilot.press("down", "m")
        await _settle(pilot)
        await pilot.press("s")
        await _settle(pilot)
        shown = views.settlement(contracts_office, "sunyan", number)
        assert [(c["item"], c["status"], c["reason"]) for c in shown["checklist"]] == [
            ("marketing_results", "received", ""), ("contract_documents", "not_applicable", "signed by post"),
            ("construction_records", "missing", "")]
        assert shown["status"] == "in_progress"  # nothing required missing: sent


async def test_f4_in_the_opinion_dialog_declares_a_conflict(contracts_office):
    """The cost head opens the settlement's document, presses a, types a reason and F4: the task is
    handed on, the declaration recorded, and he is no longer asked."""
    app = host(contracts_office, "xuhao", lambda: SettlementScreen("JS-2026-0001"))
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        await pilot.press("a")
        await _settle(pilot)
        await pilot.press("f4")
        await _settle(pilot)
        assert "reason" in str(app.screen.query_one("#opinion-error").render()).lower()
        await pilot.press(*"my cousin works for the contractor", "f4")
        await _settle(pilot)
    view = queries.show(contracts_office, "admin", "JS-2026-0001")
    open_now = {a.login for s in view.current_steps for a in s.assignees if a.status == "open"}
    assert "xuhao" not in open_now and open_now
    assert [h.comment for h in view.history if h.action == "declare-conflict"] == ["my cousin works for the contractor"]
