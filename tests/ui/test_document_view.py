"""Pilot tests of the document view: the whole form read-only, the timeline, and only the actions
this user may take now — each action checked in the database afterwards."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, office, steady, SIZE, settle  # noqa: E402,F401  (fixtures)
from rich.console import Console  # noqa: E402
from textual.widgets import Static  # noqa: E402

from tui_office.services import decisions, queries, workflow  # noqa: E402
from tui_office.ui.screens.document import DocumentScreen  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402


PRINTER = {
    "item": "Laser printer", "category": "equipment", "quantity": 2, "amount": "5400.00",
    "reason": "The old printer in the sales office broke down.", "needed_by": "2026-12-01",
    "items": [
        {"name": "Printer", "spec": "HP M404", "qty": 2, "price": "2500"},
        {"name": "Toner", "spec": "CF259A", "qty": 2, "price": "200"},
    ],
}


def text_of(widget: Static, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(widget.content)
    return console.export_text()


def keys(app) -> set[str]:
    return {k for k, b in app.screen.active_bindings.items() if b.enabled and b.node is app.screen}


def printer_request(office) -> str:
    number = workflow.submit(office, "emily", "purchase_request", dict(PRINTER))
    decisions.act(office, "zhaolei", "approve", number, comment="Agreed, buy it soon.")
    return number


async def test_whole_form_line_items_and_timeline(office):
    number = printer_request(office)
    app = Host(office, "chenjing", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fields = text_of(app.screen.query_one("#doc-fields-body", Static))
        for expected in ("Laser printer", "Equipment", "5,400.00", "HP M404", "2,500.00", "5,000.00", "Total"):
            assert expected in fields
        assert "Supplier" not in fields  # filled in at the purchasing step, not yet
        timeline = text_of(app.screen.query_one("#doc-timeline-body", Static))
        assert "Zhao" in timeline or "赵磊" in timeline
        assert "Agreed, buy it soon." in timeline
        assert "Business vice president" in timeline and "General manager" in timeline


async def test_only_the_actions_this_user_may_take_are_offered(office):
    number = printer_request(office)
    app = Host(office, "chenjing", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        offered = keys(app)
        assert {"a", "r", "b", "d"} <= offered
        assert "w" not in offered and "e" not in offered
    app = Host(office, "emily", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        offered = keys(app)
        assert "w" in offered
        assert not {"a", "r", "b", "d"} & offered
        await pilot.press("a")  # not offered: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
    assert queries.show(office, "emily", number).current_steps[0].step == "vp"


async def test_approve_with_an_opinion_by_keys(office):
    number = printer_request(office)
    app = Host(office, "chenjing", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        for ch in "OK":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert "a" not in keys(app)  # decided: the key goes away
    view = queries.show(office, "chenjing", number)
    last = view.history[-1]
    assert (last.actor, last.action, last.comment) == ("chenjing", "approve", "OK")
    assert view.current_steps[0].step == "gm"


async def test_reject_needs_an_opinion(office):
    number = printer_request(office)
    app = Host(office, "chenjing", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, DocumentScreen)  # still asking
        for ch in "No":
            await pilot.press(ch)
        await pilot.press("enter")
        await settle(pilot)
    assert queries.show(office, "chenjing", number).status == "rejected"


async def test_withdraw_by_the_initiator(office):
    number = printer_request(office)
    app = Host(office, "emily", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "w" not in keys(app)
    assert queries.show(office, "emily", number).status == "withdrawn"


async def test_delegate_through_the_user_picker(office):
    number = printer_request(office)
    app = Host(office, "chenjing", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        for ch in "wangfang":
            await pilot.press(ch)
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # no note for wangfang
        await settle(pilot)
    step = queries.show(office, "chenjing", number).current_steps[0]
    assert "wangfang" in [a.login for a in step.assignees if a.status == "open"]


async def test_checklist_ticks_and_required_items_missing(office):
    number = workflow.submit(office, "emily", "expense_claim", {
        "purpose": "Client dinner", "expense_type": "meals", "spent_on": "2026-11-20", "amount": "800",
        "receipts": ["invoice", "guest_list"],
    })
    app = Host(office, "emily", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fields = text_of(app.screen.query_one("#doc-fields-body", Static))
    assert "[x] Formal invoices" in fields
    assert "[x] Guest list" in fields
    assert "[ ] Delivery list or receipt" in fields
    assert "(missing)" not in fields


async def test_edit_key_only_for_own_draft_or_returned(office):
    number = workflow.save_draft(office, "emily", "general_request", {"subject": "Lamp"})
    app = Host(office, "emily", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "e" in keys(app)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_a_document_one_may_not_see_is_refused_in_one_line(office):
    number = printer_request(office)
    app = Host(office, "guoqiang", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, DocumentScreen)


async def test_flags_raised_by_rules_are_shown_in_words(office):
    number = workflow.submit(office, "emily", "leave", {
        "type": "personal", "start": "2026-11-24", "end": "2026-12-31", "reason": "Family matters",
        "handover": "zhouqiang",
    })
    app = Host(office, "emily", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        fields = text_of(app.screen.query_one("#doc-fields-body", Static))
    assert "Needs attention" in fields
    assert "! Long leave: 28 working days of personal leave in one request (limit 15)" in fields


async def test_p_writes_the_printable_history_into_the_export_folder_and_says_where(office, tmp_path):
    number = printer_request(office)
    office.settings.export_dir = str(tmp_path / "printouts")
    app = Host(office, "chenjing", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        written = tmp_path / "printouts" / f"{number}.html"
        assert written.is_file() and "Laser printer" in written.read_text(encoding="utf-8")
        assert any(f"Approval history written to {written}" in str(n.message) for n in app._notifications)
