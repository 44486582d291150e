"""Stored text full of terminal escapes is drawn inert: every control character shown as `\\x1b`.

The hostile text is written straight into the database (as an older version or a direct edit
could have left it), so these prove the screens, not the input checks, keep it harmless.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.ui.conftest import general, make_app, make_office, settle
from tui_office.store.models import Action, Document, User

ESCAPES = "Hi\x1b[2J\x1b[H\x1b]0;pwned\x07"
RAW = ("\x1b", "\x07", "\u202e")


def plant(office) -> str:
    """A general request by emily waiting for zhaolei, then rewritten with hostile text in the store."""
    number = general(office, "emily", "Harmless", "ok")
    doc = Document.get(Document.number == number)
    fields = {**doc.fields, "subject": ESCAPES + "\nstatus: approved", "details": "one\n\x1b[31mred"}
    Document.update(title=ESCAPES + "\nstatus: approved", fields=fields).where(Document.id == doc.id).execute()
    Action.update(comment="\x1b]0;pwned\x07").where(Action.document == doc.id).execute()
    User.update(name="Em\x1b[2Jily").where(User.login == "emily").execute()
    User.update(name="Wang\x1b]0;x\x07fang").where(User.login == "wangfang").execute()
    return number


@pytest.fixture
def hostile_office(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    number = plant(office)
    yield office, number
    office.close()


async def before(pilot) -> None:
    await settle(pilot)


def test_inbox_shows_a_hostile_subject_inert_at_80x24(snap_compare, hostile_office):
    """zhaolei's inbox at 80x24: header, tabs and the one row are all still there (nothing blanked);
    the row's title reads `Hi\\x1b[2J\\x1b[H…` and the sender `Em\\x1b[2Jily` as visible text; the
    preview shows the subject on one line with `\\n` between `…\\x07` and `status: approved`."""
    office, _ = hostile_office
    assert snap_compare(make_app(office, "zhaolei"), terminal_size=(80, 24), run_before=before)


async def test_no_raw_control_character_reaches_any_widget_of_inbox_or_document(hostile_office):
    office, number = hostile_office
    app = make_app(office, "zhaolei")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        inbox_text = _screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        document_text = _screen_text(app)
        app.notify(ESCAPES, title=ESCAPES)
        await pilot.pause(0.1)
        toast_text = _screen_text(app)
        await pilot.press("escape", "d")
        await settle(pilot)
        await pilot.press(*"wang")
        await settle(pilot)
        picker_text = _screen_text(app)
    for shown in (inbox_text, document_text, toast_text, picker_text):
        for raw in RAW:
            assert raw not in shown
    assert "Hi\\x1b[2J" in inbox_text and "Em\\x1b[2Jily" in inbox_text
    assert number in document_text and "Hi\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07\\nstatus: approved" in document_text
    assert "\\x1b]0;pwned\\x07" in document_text  # the opinion in the timeline
    assert "Hi\\x1b[2J" in toast_text
    assert "Wang\\x1b]0;… wangfang" in picker_text  # the name, escaped and clipped to its column


def _screen_text(app) -> str:
    """Every character drawn on the screen (styles dropped), composed as for a screenshot."""
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)
