"""Large inboxes: the list holds a window of rows and grows a page at a time (keyset paging)."""

from __future__ import annotations

from tests.ui.conftest import SIZE, general, make_app, make_office, settle
from tui_office.ui.screens.inbox import PAGE, first_page_size
from tui_office.ui.widgets.inbox_table import NEAR_END


async def test_the_list_loads_a_page_and_the_next_one_near_the_end(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    for n in range(PAGE * 2 + 10):
        general(office, "chenjing", f"Request {n:03d}", "x")
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.total == PAGE * 2 + 10
        assert len(screen.table.rows_loaded) == PAGE, "never the whole result"
        await pilot.press("G")  # the last loaded row: close to the end, so the next page comes
        await settle(pilot)
        assert len(screen.table.rows_loaded) == PAGE * 2
        await pilot.press("G")
        await settle(pilot)
        rows = screen.table.rows_loaded
        assert len(rows) == PAGE * 2 + 10
        assert len({r.number for r in rows}) == len(rows), "pages neither overlap nor skip"
        await pilot.press("g")
        assert screen.current.number == rows[0].number
    office.close()


async def test_the_first_frame_reads_a_screenful_and_the_rest_follows_as_the_cursor_goes_down(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    for n in range(PAGE + 15):
        general(office, "chenjing", f"Request {n:03d}", "x")
    app = make_app(office, "liuwei")
    app.read_first_page(lines=SIZE[1])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert len(screen.table.rows_loaded) == first_page_size(SIZE[1]) < PAGE, "a screenful, not a page"
        assert screen.total == PAGE + 15
        for _ in range(first_page_size(SIZE[1]) - NEAR_END):
            await pilot.press("down")
        await settle(pilot)
        rows = screen.table.rows_loaded
        assert len(rows) == PAGE + 15, "the rest came with the next page"
        assert len({r.number for r in rows}) == len(rows), "the next page neither overlaps nor skips"
    office.close()


async def test_the_preview_follows_the_row_the_cursor_rests_on_not_the_rows_it_passed(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    for n in range(12):
        general(office, "chenjing", f"Request {n:03d}", "x")
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        loaded: list[str] = []
        real = screen._load_preview
        screen._load_preview = lambda number: (loaded.append(number), real(number))
        for row in range(1, 7):  # a held key: six moves far quicker than the preview's delay
            screen.table.move_cursor(row=row)
        await settle(pilot)
        rested = screen.current.number
        assert loaded == [rested], "one preview, of the row the cursor stopped on"
        assert screen.verdict_number == rested
    office.close()
