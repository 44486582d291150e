"""Pilot tests of the shared action flow (`DocumentActions`): whatever becomes of an action — done,
refused by the engine, or broken — the clerk gets exactly one notice and the screen reloads."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, office, steady, SIZE, settle  # noqa: E402,F401  (fixtures)

from tui_office.i18n import t  # noqa: E402
from tui_office.services import decisions, queries, workflow  # noqa: E402
from tui_office.ui.screens.document import DocumentScreen  # noqa: E402


def request(office) -> str:
    return workflow.submit(office, "emily", "general_request", {"subject": "Visitor passes", "details": "Two, Friday"})


def notices(app) -> list[tuple[str, str, str]]:
    return [(n.title, n.message, n.severity) for n in app._notifications]


async def approve_by_keys(pilot) -> None:
    await settle(pilot)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press("O", "K", "enter")
    await settle(pilot)


async def test_a_broken_action_is_one_notice_and_the_document_reloads(office, monkeypatch):
    number = request(office)

    def broken(*_args, **_kwargs):
        raise RuntimeError("database disk image is malformed")

    monkeypatch.setattr(decisions, "act", broken)
    app = Host(office, "zhaolei", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await approve_by_keys(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert notices(app) == [(t("ui.action_failed"),
                                 t("actions.failed", detail="database disk image is malformed"), "error")]
    assert queries.show(office, "zhaolei", number).status == "in_progress"


async def test_a_refusal_is_one_notice_and_the_keys_follow_the_reloaded_document(office):
    number = request(office)
    app = Host(office, "zhaolei", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        decisions.act(office, "zhaolei", "approve", number, comment="in another window")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        [(title, message, severity)] = notices(app)
        assert (title, severity) == (t("ui.action_failed"), "error") and message
        assert "approve" not in app.screen.allowed
        assert "a" not in {k for k, b in app.screen.active_bindings.items() if b.enabled and b.node is app.screen}


async def test_a_quick_phrase_leaves_the_cursor_at_its_end_and_typing_appends(office):
    number = request(office)
    app = Host(office, "zhaolei", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("down", "enter")  # the first quick phrase: "Agreed"
        await pilot.pause()
        for key in ("full_stop", "space", "R", "o", "o", "m", "space", "B"):
            await pilot.press(key)
        await pilot.press("enter")
        await settle(pilot)
    [entry] = [h for h in queries.show(office, "emily", number).history if h.action == "approve"]
    assert entry.comment == t("opinion.phrase.agreed") + ". Room B"


async def test_approving_in_the_document_view_asks_for_the_step_fields(office):
    """The step form comes from the shared flow, so the document view asks as the inbox does."""
    from tui_office.ui.dialogs.step_fields import StepFieldsDialog

    number = workflow.submit(office, "emily", "purchase_request",
                             {"item": "Desk", "quantity": "1", "amount": "900", "reason": "New hire"})
    for who in ("zhaolei", "chenjing", "liuwei"):
        decisions.act(office, who, "approve", number)
    app = Host(office, "hejun", lambda: DocumentScreen(number))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, StepFieldsDialog)
        for key in ("B", "o", "b", "enter", "8", "5", "0", "ctrl+s"):
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
    view = queries.show(office, "emily", number)
    assert view.status == "in_progress" and view.current_steps[0].step == "receipt"  # the goods come next
    assert {fv.id: fv.text for fv in view.display}["supplier"] == "Bob"
