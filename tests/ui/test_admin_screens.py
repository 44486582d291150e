"""The administrators' screens as an administrator uses them: add a user, give them a role and
deactivate them on the users screen; add, move and close departments in the tree; give and take
a role; set and cancel a colleague's deputy. Pictures of the four screens in both languages."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList, Tree

from tests.ui.conftest import SIZE, make_app, pushed, settle
from tui_office.services import away, departments, directory, roles
from tui_office.ui.dialogs.fields import FieldsDialog
from tui_office.ui.dialogs.pick_many import PickManyDialog
from tui_office.ui.screens.admin_screens import admin_screen


@pytest.fixture
def office(tmp_path):
    """The demo office; mayu is away next month with david standing in, wuhong later for expense claims."""
    from tests.factories import demo_office

    office = demo_office(tmp_path)
    away.set_away(office, "mayu", "david", date(2026, 12, 7), date(2026, 12, 9), reason="Trade fair")
    away.set_away(office, "wuhong", "zhengxin", date(2026, 12, 21), date(2026, 12, 24), ["expense_claim"])
    yield office
    office.close()


def rows(table: DataTable) -> list[str]:
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def type_into(pilot, widget_id: str, text: str) -> None:
    pilot.app.screen.query_one(widget_id, Input).value = text


async def test_an_admin_adds_a_user_gives_a_role_and_deactivates_them(office):
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("users"))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FieldsDialog)
        await pilot.press(*"xiaoli", "enter", *"Xiao Li", "enter")  # login, then name
        dialog.query_one("#ask-department", Select).value = "sales"
        await type_into(pilot, "#ask-title_zh", "销售助理")
        await pilot.press("ctrl+s")
        await settle(pilot)
        user = directory.get_user(office, "xiaoli")
        assert (user.name, user.department_code, user.title_zh, user.roles) == ("Xiao Li", "sales", "销售助理", [])
        table = app.screen.query_one("#admin-users", DataTable)
        table.move_cursor(row=rows(table).index("xiaoli"))
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PickManyDialog)
        app.screen.query_one(SelectionList).select("sales")
        await pilot.press("enter")
        await settle(pilot)
        assert directory.get_user(office, "xiaoli").roles == ["sales"]
        assert "sales" in str(table.get_row_at(rows(table).index("xiaoli"))[5])
        await pilot.press("d", "y")
        await settle(pilot)
        assert not directory.get_user(office, "xiaoli").active


async def test_a_new_department_typed_in_one_burst_keeps_every_key(office):
    from textual import events

    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("departments"))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        for key in [*"pr", "enter", *"Public relations", "enter", *"公关部", "enter"]:  # a paste, a fast typist
            app.post_message(events.Key(key, "\r" if key == "enter" else key))
        await settle(pilot)
        added = next(d for d in departments.list_departments(office) if d.code == "pr")
        assert (added.name_en, added.name_zh) == ("Public relations", "公关部")


async def test_a_refused_user_stays_in_the_dialog_with_what_was_typed(office):
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("users"))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"emily", "enter", *"Someone", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FieldsDialog)
        assert "already exists" in str(app.screen.query_one("#saving-error").render())
        assert app.screen.query_one("#ask-name", Input).value == "Someone"


async def test_a_user_of_a_closed_department_can_still_be_edited(office):
    directory.deactivate_user(office, "huangmin", by="admin")
    departments.deactivate_department(office, "admin", "legal")
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("users"))
        await settle(pilot)
        table = app.screen.query_one("#admin-users", DataTable)
        table.move_cursor(row=rows(table).index("huangmin"))
        await pilot.press("e")
        await settle(pilot)
        await type_into(pilot, "#ask-title", "Counsel")
        await pilot.press("ctrl+s")
        await settle(pilot)
        user = directory.get_user(office, "huangmin")
        assert (user.title_en, user.department_code) == ("Counsel", "legal")


async def test_an_admin_adds_moves_and_closes_departments_in_the_tree(office):
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("departments"))
        await settle(pilot)
        tree = app.screen.query_one(Tree)
        sales = next(n for n in tree.root.children[0].children if n.data.code == "sales")
        tree.move_cursor(sales)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"key", "enter", *"Key accounts", "enter", "enter")
        await settle(pilot)
        added = next(d for d in departments.list_departments(office) if d.code == "key")
        assert (added.parent, added.depth) == ("sales", 2)
        tree = app.screen.query_one(Tree)
        node = next(n for n in tree.root.children[0].children if n.data.code == "sales").children[0]
        tree.move_cursor(node)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("enter")  # the top level comes first
        await settle(pilot)
        assert next(d for d in departments.list_departments(office) if d.code == "key").parent is None
        await pilot.press("d", "y")
        await settle(pilot)
        assert not next(d for d in departments.list_departments(office) if d.code == "key").active
        assert "closed" in str(tree.cursor_node.label)


async def test_an_admin_gives_and_takes_a_role_and_sees_what_it_may_do(office):
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("roles"))
        await settle(pilot)
        table = app.screen.query_one("#admin-roles", DataTable)
        table.move_cursor(row=rows(table).index("seal_keeper"))
        await settle(pilot, rounds=1)
        pane = str(app.screen.query_one("#admin-role").render())
        assert "Seal application › Seal keeper" in pane and "黄敏 (huangmin)" in pane
        await pilot.press("g")
        await settle(pilot)
        await pilot.press(*"wangfang", "enter")
        await settle(pilot)
        assert "wangfang" in next(r for r in roles.list_roles(office) if r.code == "seal_keeper").members
        await pilot.press("x")
        await settle(pilot)
        await pilot.press(*"huangmin", "enter")
        await settle(pilot)
        assert next(r for r in roles.list_roles(office) if r.code == "seal_keeper").members == ("wangfang",)


async def test_an_admin_cancels_a_colleague_s_deputy(office):
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("deputies"))
        await settle(pilot)
        assert rows(app.screen.query_one(DataTable)) == ["马宇 (mayu)", "吴红 (wuhong)"]
        await pilot.press("x", "y")
        await settle(pilot)
        assert rows(app.screen.query_one(DataTable)) == ["吴红 (wuhong)"]


async def test_an_admin_hands_over_the_waiting_tasks_of_a_colleague_away_today(office):
    from tui_office.services import queries, workflow

    number = workflow.submit(office, "linna", "general_request", {"subject": "试剂冰箱", "details": "温控故障"})
    away.set_away(office, "hejun", "wuhong", date(2026, 11, 23), date(2026, 11, 24))
    app = make_app(office, "admin")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(admin_screen("deputies"))
        await settle(pilot)
        screen = app.screen
        assert rows(screen.query_one(DataTable)) == ["何军 (hejun)", "马宇 (mayu)", "吴红 (wuhong)"]
        await pilot.press("down")  # mayu is away next month: nothing to hand over yet
        assert screen.check_action("hand_over", ()) is None
        await pilot.press("up", "h")
        await settle(pilot)
        assert app.screen.question == "Hand 1 waiting task(s) of 何军 to 吴红, who stands in today? y/n"
        await pilot.press("y")
        await settle(pilot)
    assert [row.number for row in queries.inbox(office, "wuhong", "todo").rows] == [number]
    assert queries.counts(office, "hejun")["todo"] == 0


@pytest.mark.parametrize("screen", ["users", "departments", "roles", "deputies"])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_admin_screens(snap_compare, office, lang, screen):
    """Each administration screen for the admin, with the keys to the others (U T O W) under the
    title. users: 19 people with status, PIN, department, roles; footer a Add, e Edit, g Give roles,
    d Deactivate, r Reactivate, p Reset PIN. departments: the tree under the General Manager's
    Office (warehouse under purchasing), each with code, manager and head count. roles: the forms
    everyone may start on top, the roles with their holders on the left, the first role's (admin)
    forms, steps and holders on the right. deputies: mayu (david, Dec 7–9, all forms, "Trade fair")
    and wuhong (zhengxin, Dec 21–24, Expense claim only); footer s Set, x Cancel and h Hand over
    dimmed (the highlighted arrangement is not in force today)."""
    assert snap_compare(make_app(office, "admin", lang=lang), terminal_size=SIZE,
                        run_before=pushed(lambda: admin_screen(screen)))
