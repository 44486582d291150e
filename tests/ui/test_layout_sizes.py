"""The screens at 80x24 (an SSH window), 120x40 and 200x50: nothing a clerk needs is off-screen.

Pilot tests check what must be visible where; the snapshots (inbox, document view, leave form, in
English and Chinese, at each size) guard the whole picture. Chinese pictures look squeezed because
Rich's SVG export draws CJK at half width; alignment is checked in tmux.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import datetime

import pytest
from rich.cells import cell_len
from textual.widgets import Input, Static
from textual.widgets._footer import FooterKey

from tests.ui.conftest import make_app, make_office, settle
from tests.ui.formhost import steady  # noqa: F401  (autouse: no autosave, no blinking cursors)
from tui_office.services import decisions, workflow
from tui_office.ui.widgets.fields import FieldRow
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.i18n import set_language
from tui_office.services.views import InboxRow
from tui_office.ui.widgets.inbox_table import InboxTable, column_widths, from_text

SIZES = [(80, 24), (120, 40), (200, 50)]
LEAVE_DRAFT = {
    "type": "sick", "start": "2026-11-30", "end": "2026-12-04", "reason": "Flu, doctor's orders",
    "handover": "sunyan", "evidence": "district_certificate",
}


@pytest.fixture
def office_and_numbers(tmp_path):
    office, numbers = make_office(tmp_path)
    yield office, numbers
    office.close()


def leave_draft(office) -> str:
    office.clock.at = datetime(2026, 11, 23, 10, 0)  # type: ignore[attr-defined]
    return workflow.save_draft(office, "emily", "leave", LEAVE_DRAFT)


@asynccontextmanager
async def inbox_at(office, size: tuple[int, int], login: str = "liuwei", lang: str = "en"):
    """The real app for `login` at `size`, loaded: yields (app, pilot, the inbox table)."""
    app = make_app(office, login, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        yield app, pilot, app.screen.query_one(InboxTable)


def on_screen(app, widget) -> bool:
    region = widget.region
    return region.width > 0 and region.right <= app.size.width and region.bottom <= app.size.height


# ---------------------------------------------------------------------------------- inbox columns

def test_title_and_due_stay_and_form_and_received_go_first_when_narrow():
    narrow = column_widths(78)
    assert "title" in narrow and "due" in narrow
    assert "form" not in narrow and "received" not in narrow
    assert sum(narrow.values()) + 2 * len(narrow) <= 78
    assert set(column_widths(118)) == {"mark", "number", "form", "title", "from", "step", "received", "due"}


def test_a_wide_terminal_gives_the_title_all_it_needs():
    title = "Book the large meeting room for the annual review and the customer dinner"
    assert column_widths(198, {"title": cell_len(title)})["title"] >= cell_len(title)


def test_a_draft_filled_in_for_someone_names_them_marked_when_it_fits():
    """The From cell of a draft filled in for Emily: "for Emily Carter" where 16 cells are free,
    only her name where fewer are (the mark never pushes the name out); 代王芳 in Chinese."""
    row = InboxRow(key=(None, 1), number="LV-2026-0001", form_id="leave", form_title="Leave", title="Moving",
                   from_name="Emily Carter", step="", step_title="", received_at=None, due_at=None, overdue=False,
                   status="draft", filled_in_for=True)
    assert [from_text(row, width) for width in (None, 16, 8)] == ["for Emily Carter", "for Emily Carter", "Emily Carter"]
    assert from_text(replace(row, filled_in_for=False), 16) == "Emily Carter"
    set_language("zh-CN")
    try:
        assert from_text(replace(row, from_name="王芳"), 16) == "代王芳"
    finally:
        set_language("en")


async def test_inbox_at_80_columns_shows_title_and_due_of_every_row(office_and_numbers):
    """At 80x24 every visible column ends inside the window, the due column among them."""
    office, _ = office_and_numbers
    async with inbox_at(office, (80, 24)) as (_app, _pilot, table):
        keys = [column.key.value for column in table.ordered_columns]
        assert "title" in keys and "due" in keys
        assert sum(c.get_render_width(table) for c in table.ordered_columns) <= table.size.width
        assert "!11-19 10:00" in "".join(str(cell) for cell in table.get_row_at(0))


async def test_inbox_at_200_columns_shows_whole_titles(office_and_numbers):
    office, _ = office_and_numbers
    async with inbox_at(office, (200, 50)) as (_app, _pilot, table):
        titles = [str(table.get_cell_at((row, list(table.widths).index("title")))) for row in range(table.row_count)]
        assert "Book the large meeting room for the annual review" in titles
        assert not any(title.endswith("…") for title in titles)


async def test_inbox_columns_follow_a_resized_terminal(office_and_numbers):
    office, _ = office_and_numbers
    async with inbox_at(office, (120, 40)) as (_app, pilot, table):
        assert "form" in table.widths
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "form" not in table.widths and "due" in table.widths
        assert table.row_count == 5


async def test_a_resize_to_the_size_the_inbox_has_lays_nothing_out_again(office_and_numbers, monkeypatch):
    """Textual tells the screen the terminal's size several times as the app starts; the inbox is
    laid out again only for a size it does not have yet."""
    from textual import events
    from textual.geometry import Size

    office, _ = office_and_numbers
    async with inbox_at(office, (120, 40)) as (app, pilot, table):
        screen = app.screen
        sizes: list[Size] = []
        lay_out = type(screen)._refresh_layout

        def laid_out(self, size=None, *args, **kwargs):  # noqa: ANN001
            if size is not None:
                sizes.append(size)
            return lay_out(self, size, *args, **kwargs)

        monkeypatch.setattr(type(screen), "_refresh_layout", laid_out)
        screen.post_message(events.Resize(Size(120, 40), Size(120, 40)))
        await settle(pilot)
        assert sizes == [], "the same size again: nothing laid out"
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert Size(80, 24) in sizes and "form" not in table.widths


# ------------------------------------------------------------------------------------- footer

@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_footer_keeps_help_and_quit_visible_at_80_columns(office_and_numbers, lang):
    office, _ = office_and_numbers
    app = make_app(office, "liuwei", lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = {key.key: key for key in app.screen.query(FooterKey)}
        assert on_screen(app, keys["question_mark"]) and on_screen(app, keys["q"])


async def test_footer_is_not_rebuilt_when_its_keys_stay_the_same(office_and_numbers):
    """Screens say their keys may have changed on many moves; rebuilding every key each time made
    start-up and moving slow. Keys that did not change are the same keys afterwards."""
    office, _ = office_and_numbers
    async with inbox_at(office, (120, 40)) as (app, pilot, _table):
        before = list(app.screen.query(FooterKey))
        for _ in range(3):
            app.screen.refresh_bindings()
        await settle(pilot)
        assert list(app.screen.query(FooterKey)) == before


async def test_footer_follows_a_key_that_comes_alive(office_and_numbers):
    """Withdraw is live on my document in progress and dimmed on one that has ended: moving the
    cursor between them lights or dims the key in place rather than rebuilding every key."""
    office, numbers = office_and_numbers
    decisions.act(office, "zhaolei", "reject", numbers["visit"], comment="Not this month")
    async with inbox_at(office, (200, 50), login="emily") as (app, pilot, table):
        await pilot.press("2")  # Submitted: the rejected visit request and the desks in progress
        await settle(pilot)

        def withdraw() -> FooterKey:
            return next(key for key in app.screen.query(FooterKey) if key.action == "withdraw")

        states = {}
        keys = None
        for _ in range(2):
            states[app.screen.current.number] = not withdraw().has_class("-disabled")
            keys = keys or list(app.screen.query(FooterKey))
            await pilot.press("down")
            await settle(pilot)
        assert states == {numbers["visit"]: False, numbers["desks"]: True}
        assert list(app.screen.query(FooterKey)) == keys, "lit in place, not rebuilt"


async def test_the_footer_leaves_out_keys_that_do_not_fit_whole(office_and_numbers):
    """At 80 columns the screen's keys that would run into help and quit are left out rather than
    cut to a key without its label; wider, they come back."""
    office, _ = office_and_numbers
    async with inbox_at(office, (80, 24), lang="zh-CN") as (app, pilot, _table):
        footer = app.screen.query_one(KeyFooter)

        def shown() -> list[FooterKey]:
            return [key for key in footer.query(FooterKey) if key.display and key.parent is footer]

        pinned = footer.query_one("#pinned-keys")
        left = shown()
        assert left and all(key.region.right <= pinned.region.x for key in left)
        assert all(key.region.width >= cell_len(key.key_display) + 1 + cell_len(key.description) for key in left)
        assert "views" not in [key.action for key in left], "the key that would be cut is left out"
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert "views" in [key.action for key in shown()]


async def test_approve_marked_shows_in_the_footer_once_a_row_is_marked(office_and_numbers):
    """`A` takes room in the footer only while rows are marked; at 120 columns the other keys then
    keep their labels (the marked line names the key)."""
    office, _ = office_and_numbers
    async with inbox_at(office, (120, 40)) as (app, pilot, _table):
        def shown() -> dict[str, str]:
            return {key.action: key.description for key in app.screen.query(FooterKey)}

        assert "approve_selected" not in shown()
        assert shown()["views"] == "More screens", "the last key of the screen keeps its label"
        assert on_screen(app, next(k for k in app.screen.query(FooterKey) if k.action == "views"))
        await pilot.press("space")
        await settle(pilot)
        assert shown()["approve_selected"] == "Approve selected"
        assert "A approves them all" in str(app.screen.query_one("#marked").render())
        await pilot.press("A")  # asks first, naming the marked document
        await settle(pilot)
        assert app.screen.__class__.__name__ != "InboxScreen"
        await pilot.press("escape", "up", "space")  # space marked and moved on: back up, unmark
        await settle(pilot)
        assert not app.screen.table.selected
        assert "approve_selected" not in shown()


# ------------------------------------------------------------------------- document view, form

async def test_document_view_stacks_fields_above_the_timeline_when_narrow(office_and_numbers):
    office, numbers = office_and_numbers
    app = make_app(office, "liuwei")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_document(numbers["cabinets"])
        await settle(pilot)
        fields, timeline = app.screen.query_one("#doc-fields"), app.screen.query_one("#doc-timeline")
        assert timeline.region.y >= fields.region.bottom
        assert fields.region.width >= 76 and on_screen(app, timeline)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert timeline.region.x >= fields.region.right


async def test_form_problem_shows_under_its_field_at_80_columns(office_and_numbers):
    """A wrong date at 80x24: the message is inside the window, under the field, whole."""
    office, _ = office_and_numbers
    app = make_app(office, "emily")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.new_document("leave")
        await settle(pilot)
        row = app.screen.query_one("#field-start", FieldRow)
        row.editor.focus()
        row.editor.value = "2026-13-40"
        await pilot.press("tab")
        await settle(pilot)
        problem = row.query_one(".field-problem", Static)
        assert "2026-13-40" in str(problem.render())
        assert on_screen(app, problem) and problem.region.width >= 40
        assert problem.region.y > row.query_one(".field-label").region.y


# ---------------------------------------------------------------------------------- snapshots

def run(*steps):
    """A `run_before` that settles, then does each step (a key or a callable on the app)."""

    async def before(pilot) -> None:
        await settle(pilot)
        for step in steps:
            if callable(step):
                step(pilot.app)
            else:
                await pilot.press(step)
            await settle(pilot)

    return before


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_inbox_at_each_size(snap_compare, office_and_numbers, size, lang):
    """The general manager's To do: at 80x24 the columns No., Title, From, Step and Due (Form and
    Received left out), the overdue row marked "!" with "!11-19 10:00", a shorter preview, and the
    footer ending in q and ? (and ^p); at 120x40 every column; at 200x50 whole titles ("Book the large
    meeting room for the annual review") and whole names and steps."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei", lang=lang), terminal_size=size, run_before=run())


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_document_view_at_each_size(snap_compare, office_and_numbers, size, lang):
    """PR-2026-0001 (Sample cabinets) as the general manager sees it: at 80x24 the fields above the
    timeline, both the full width; at 120x40 and 200x50 side by side. The timeline has the two
    approvals with their opinions and the current step with its overdue due time; the footer keeps
    esc, ? and ^p visible."""
    office, numbers = office_and_numbers
    app = make_app(office, "liuwei", lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=run(lambda a: a.open_document(numbers["cabinets"])))


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_leave_form_at_each_size(snap_compare, office_and_numbers, size, lang):
    """Emily's sick-leave draft (30 Nov – 4 Dec, 5 working days): labels in one column and editors
    filling the rest of the line at 80x24; the start date wrong ("2026-13-40") with its problem on
    the line under the field, whole, never cut at the right edge; footer with save, submit, esc, ?."""
    office, _ = office_and_numbers
    number = leave_draft(office)
    office.clock.at = datetime(2026, 11, 23, 10, 0)  # type: ignore[attr-defined]

    def bad_start(app) -> None:
        row = app.screen.query_one("#field-start", FieldRow)
        row.editor.focus()
        row.editor.value = "2026-13-40"

    app = make_app(office, "emily", lang=lang)
    assert snap_compare(app, terminal_size=size,
                        run_before=run(lambda a: a.edit_document("leave", number), bad_start, "tab"))


# ------------------------------------------------------------------------------------ pickers

async def test_v_in_the_inbox_opens_the_leave_screens(office_and_numbers):
    """`v` lists the screens areas add; choosing the team calendar opens it (and `?` lists `v`)."""
    from tui_office.ui.screens.help import binding_rows
    from tui_office.workflows.leave.ui.calendar import LeaveCalendarScreen

    office, _ = office_and_numbers
    app = make_app(office, "zhaolei", lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(keys == "v" for keys, _, _ in binding_rows(app.screen))
        await pilot.press("v")
        await settle(pilot)
        await pilot.press(*"日历")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LeaveCalendarScreen)


async def test_form_picker_filters_as_you_type_and_moves_with_j_and_k(office_and_numbers):
    """`n`: j/k move before typing; typing filters by id or by pinyin (qj finds 请假单)."""
    office, _ = office_and_numbers
    app = make_app(office, "emily", lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        picker = app.screen
        first = picker.shown[0][0]
        await pilot.press("j", "j", "k")
        assert picker.query_one("#picker-list").highlighted == 1
        await pilot.press(*"leave")
        assert [ident for ident, _ in picker.shown] == ["leave"]
        assert picker.query_one("#picker-filter", Input).value == "leave"
        await pilot.press(*["backspace"] * 5, "q", "j")
        assert [ident for ident, _ in picker.shown] == ["leave"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.form_id == "leave" and first != "leave"


# -------------------------------------------------------------------------------- translations

async def test_textual_palette_commands_and_prompt_are_in_chinese(office_and_numbers):
    """ctrl+p in zh-CN: the search prompt and Textual's own commands (Theme, Quit …) are Chinese."""
    from textual.command import CommandInput, CommandPalette

    office, _ = office_and_numbers
    app = make_app(office, "liuwei", lang="zh-CN")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "主题" in titles and "退出" in titles and "Theme" not in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"


async def test_submit_confirmation_fits_80_columns(office_and_numbers):
    """F10 on a complete leave at 80x24: the confirmation box is whole, both borders on screen."""
    office, _ = office_and_numbers
    number = workflow.save_draft(office, "emily", "leave", {
        "type": "personal", "start": "2026-12-07", "end": "2026-12-08", "reason": "家中有事", "handover": "sunyan"})
    app = make_app(office, "emily", lang="zh-CN")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.edit_document("leave", number)
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        box = app.screen.query_one("#form-summary")
        assert box.region.x >= 0 and box.region.right <= 80
