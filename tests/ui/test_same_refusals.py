"""The command line and the app refuse the same things with the same words: a sample of refusals
from the permissions table (tests/services/test_permissions_matrix.py) made once with `tui-office`
and once by a person in the app, whose notification must read exactly like the command's line."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Tree

from tests.factories import START, demo_office
from tui_office.config import Settings
from tui_office.domain.clock import FixedClock
from tests.ui.conftest import SIZE, make_app, settle
from tui_office.cli.main import main
from tui_office.i18n import set_language
from tui_office.services import workflow
from tui_office.services.office import Office
from tui_office.store import db as store_db
from tui_office.ui.screens.admin_screens import admin_screen


async def open_admin(pilot, name: str) -> None:
    pilot.app.push_screen(admin_screen(name))
    await settle(pilot)


async def close_sales(pilot) -> None:
    await open_admin(pilot, "departments")
    tree = pilot.app.screen.query_one(Tree)
    node = next(n for n in tree.root.children[0].children if n.data.code == "sales")
    tree.move_cursor(node)
    await pilot.press("d", "y")
    await settle(pilot)


async def take_admin_from_the_last_admin(pilot) -> None:
    await open_admin(pilot, "roles")
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index("admin"))
    await pilot.press("x")
    await settle(pilot)
    await pilot.press("enter")  # the only holder, highlighted
    await settle(pilot)


def open_document(key: str | None = None):
    async def run(pilot) -> None:
        pilot.app.open_document(pilot.app.number)
        await settle(pilot)
        if key:
            await pilot.press(key)
            await settle(pilot, rounds=1)

    return run


CASES = {
    "users screen by a clerk": ("zhaolei", ["users", "deactivate", "david"], lambda p: open_admin(p, "users")),
    "departments screen by a clerk": ("zhaolei", ["departments", "add", "x", "X"], lambda p: open_admin(p, "departments")),
    "close a staffed department": ("admin", ["departments", "deactivate", "sales"], close_sales),
    "last administrator's role": ("admin", ["roles", "revoke", "admin", "admin"], take_admin_from_the_last_admin),
    "an outsider opens a document": ("david", ["show", "{N}"], open_document()),
    "the approver withdraws": ("zhaolei", ["act", "withdraw", "{N}"], open_document("w")),
}
LANGS = [(case, "en") for case in CASES] + [("close a staffed department", "zh-CN"), ("an outsider opens a document", "zh-CN")]


@pytest.mark.parametrize("case, lang", LANGS, ids=[f"{c}-{lang}" for c, lang in LANGS])
async def test_the_app_refuses_with_the_command_line_s_words(tmp_path, capsys, monkeypatch, case, lang):
    who, args, in_app = CASES[case]
    office = demo_office(tmp_path)
    number = workflow.submit(office, "emily", "general_request", {"subject": "Visitor passes", "details": "Three"})
    db = office.target
    office.close()
    monkeypatch.setenv("TUI_OFFICE_NOW", START.isoformat())
    try:
        code = main(["--db", db, "--user", who, "--lang", lang, *[a.replace("{N}", number) for a in args]])
    finally:
        store_db.close_database()
        set_language("en")
    err = capsys.readouterr().err.strip()
    assert code == 1 and err.startswith("tui-office: ") and "\n" not in err, err
    line = err.removeprefix("tui-office: ")

    office = Office.open(Settings(), db, clock=FixedClock(START))  # the same office, as the app opens it
    app = make_app(office, who, lang=lang)
    app.number = number
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await in_app(pilot)
            told = [str(n.message) for n in app._notifications]
    finally:
        office.close()
    assert told and told[-1] == line
