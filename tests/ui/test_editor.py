"""Long text and opinions can be written in the user's own editor (`ctrl+o`, `$EDITOR`)."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from formhost import Host, office, steady, SIZE, settle  # noqa: E402,F401  (fixtures)

from tui_office.i18n import t  # noqa: E402
from tui_office.services import queries  # noqa: E402
from tui_office.ui.screens.form import FormScreen  # noqa: E402
from tui_office.ui.widgets.fields import FieldRow  # noqa: E402


def editor(tmp_path: Path, monkeypatch, added: str) -> None:
    """EDITOR: a script that appends `added` to the file it is given (what a user would type)."""
    script = tmp_path / "fake-editor"
    script.write_text(f"#!/bin/sh\nprintf '%s' '{added}' >> \"$1\"\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))


async def test_a_long_text_field_is_written_in_the_editor(office, tmp_path, monkeypatch):
    editor(tmp_path, monkeypatch, "\nSecond line from the editor\n")
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("P", "a", "p", "e", "r", "tab", "T", "e", "n"):
            await pilot.press(key)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert app.screen.query_one("#field-details", FieldRow).raw == "Ten\nSecond line from the editor"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [draft] = queries.inbox(office, "emily", "drafts").rows
    assert queries.show(office, "emily", draft.number).fields["details"] == "Ten\nSecond line from the editor"


async def test_an_opinion_written_in_the_editor_becomes_one_line(tmp_path, monkeypatch):
    from tests.ui.conftest import make_app, make_office
    from tests.ui.test_inbox_actions import cursor_to
    from tui_office.ui.dialogs.opinion import OpinionDialog

    editor(tmp_path, monkeypatch, "Agreed.\nRoom B is free.\n")
    office, numbers = make_office(tmp_path)
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await cursor_to(pilot, numbers["room"])
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OpinionDialog)
        await pilot.press("ctrl+o")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert queries.show(office, "liuwei", numbers["room"]).history[-1].comment == "Agreed. Room B is free."
    office.close()


async def test_without_an_editor_one_line_says_how_to_set_one(office, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = Host(office, "emily", lambda: FormScreen("general_request"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", "ctrl+o")
        await settle(pilot)
        assert [n.message for n in app._notifications] == [t("editor.none")]
        assert app.screen.query_one("#field-subject", FieldRow).raw == "a"
