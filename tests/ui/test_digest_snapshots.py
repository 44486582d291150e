"""The morning summary the app shows on its first start of the day (120x40, fixed clock, seeded)."""

from __future__ import annotations

from tests.ui.conftest import SIZE, make_app, make_office, settle
from tui_office.ui.app import OfficeApp
from tui_office.ui.dialogs.digest import DigestDialog
from tui_office.ui.screens.inbox import InboxScreen


def _morning_app(office, login, lang="en"):
    app = make_app(office, login, lang=lang)
    app.morning = True
    return app


async def _settled(pilot) -> None:
    """Settled, with the summary up (it is read once the inbox has drawn its first frame)."""
    await settle(pilot)
    for _ in range(40):
        if isinstance(pilot.app.screen, DigestDialog):
            return
        await settle(pilot, rounds=1)


def test_morning_summary(snap_compare, tmp_path):
    """The general manager's first start of the day: a "Good morning" dialog over the inbox with
    "Morning summary for 刘伟, 2026-11-23", New since your last summary (0), Overdue (1) with
    PR-2026-0001 Sample cabinets due 11-19 10:00, Due today (0) and Your documents waiting on others
    (0): a heading with documents in bold and its documents indented under it, empty ones dimmed, and
    "enter or escape closes" at the bottom."""
    office, _ = make_office(tmp_path)
    try:
        assert snap_compare(_morning_app(office, "liuwei"), terminal_size=SIZE, run_before=_settled)
    finally:
        office.close()


def test_morning_summary_in_chinese(snap_compare, tmp_path):
    """The same first start in Chinese: "早上好" over the inbox, "刘伟 的每日摘要，2026-11-23", the four
    headings in Chinese (上次摘要以来新到（0）, 已超期（1）in bold with PR-2026-0001 Sample cabinets × 4 —
    11-19 10:00 到期 under it, 今日到期（0）, 我发起、等待他人处理（0）) and "回车或 esc 关闭"; no English
    but the document's own title."""
    office, _ = make_office(tmp_path)
    try:
        assert snap_compare(_morning_app(office, "liuwei", lang="zh-CN"), terminal_size=SIZE, run_before=_settled)
    finally:
        office.close()


async def test_it_shows_once_a_day_and_closes_with_enter(tmp_path):
    office, _ = make_office(tmp_path)
    try:
        app = _morning_app(office, "liuwei")
        async with app.run_test(size=SIZE) as pilot:
            await _settled(pilot)
            assert isinstance(app.screen, DigestDialog)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, InboxScreen)
        again = _morning_app(office, "liuwei")
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(again.screen, InboxScreen)
        assert isinstance(again, OfficeApp)
    finally:
        office.close()


async def test_behind_the_summary_the_footer_still_leaves_out_a_key_that_would_not_fit(tmp_path):
    """The inbox's footer gets its keys while the morning summary covers it; once the summary is
    closed, a key that would run into help and quit is left out, not shown without its label."""
    from textual.widgets._footer import FooterKey

    from tui_office.ui.widgets.footer import KeyFooter

    office, _ = make_office(tmp_path)
    try:
        app = _morning_app(office, "liuwei", lang="zh-CN")
        async with app.run_test(size=(80, 24)) as pilot:
            await _settled(pilot)
            assert isinstance(app.screen, DigestDialog)
            await pilot.press("enter")
            await settle(pilot)
            footer = app.screen.query_one(KeyFooter)
            limit = footer.query_one("#pinned-keys").region.x
            shown = [key for key in footer.query(FooterKey) if key.display and key.parent is footer]
            assert shown and all(key.region.right <= limit for key in shown)
    finally:
        office.close()
