"""A cursor key in the inbox draws only what was drawn ahead while the cursor rested."""

from __future__ import annotations

from tests.ui.conftest import SIZE, general, make_app, make_office, settle


async def test_a_cursor_key_after_a_rest_draws_no_cell_anew(tmp_path):
    office, _ = make_office(tmp_path, seeded=False)
    for n in range(6):
        general(office, "chenjing", f"Request {n:03d}", "x")
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen, table = app.screen, app.screen.table
        drawn: list[str] = []
        rested: list[int] = []
        ahead = False
        render_cell, render_ahead = table._render_cell, table.render_ahead

        def counting(*args, **kwargs):  # a cell Textual has not drawn before (it keeps what it drew)
            before = len(table._cell_render_cache)
            lines = render_cell(*args, **kwargs)
            if len(table._cell_render_cache) > before:
                drawn.append("ahead" if ahead else "key")
            return lines

        def drawing_ahead() -> None:
            nonlocal ahead
            rested.append(table.cursor_row)
            ahead = True
            try:
                render_ahead()
            finally:
                ahead = False

        table._render_cell, table.render_ahead = counting, drawing_ahead
        try:
            for key, row in (("down", 1), ("down", 2), ("up", 1), ("down", 2)):
                await settle(pilot)  # the cursor rests: its preview loads and the next rows are drawn
                drawn.clear()
                rested.clear()
                await pilot.press(key)
                await settle(pilot)
                assert table.cursor_row == row and screen.current is table.rows_loaded[row]
                assert "key" not in drawn, f"{key} to row {row} drew {drawn.count('key')} cells itself"
                assert rested == [row], "once the cursor rested, the rows around it were drawn ahead"
        finally:
            table._render_cell, table.render_ahead = render_cell, render_ahead
    office.close()
