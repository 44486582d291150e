"""Snapshots of the main screen and the inbox (120x40, fixed clock, seeded database).

Each test says what the picture must show; review the SVG, not just the pass. Chinese pictures
look squeezed because Rich's SVG export draws CJK at half width; alignment is checked in tmux.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import SIZE, make_app, make_office, settle


def run(*keys: str):
    """A `run_before` that lets every load finish, then presses `keys`, settling after each."""

    async def before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return before


@pytest.fixture
def office_and_numbers(tmp_path):
    office, numbers = make_office(tmp_path)
    yield office, numbers
    office.close()


@pytest.mark.parametrize("theme", ["default", "light", "high-contrast"])
def test_main_screen_in_each_theme(snap_compare, office_and_numbers, theme):
    """The general manager's main screen in `theme`: header, name | department | title, five tabs with
    To do (5), the five tasks with the overdue PR-2026-0001 marked "!" (row and due time), the preview
    of PR-2026-0001 with fields and its timeline, and the footer with keys."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei", theme=theme), terminal_size=SIZE, run_before=run())


def test_main_screen_in_chinese(snap_compare, office_and_numbers):
    """The same main screen with --lang zh-CN: 待办 (5) … 草稿 tabs, Chinese column heads, form and
    step names (采购申请, 总经理审批), 审批进度 timeline with 意见 lines, footer 同意 驳回 退回 …"""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei", lang="zh-CN"), terminal_size=SIZE, run_before=run())


def test_empty_inbox(snap_compare, tmp_path):
    """A clerk with nothing to do: every tab count (0), the centred "Nothing to do" line, an empty preview
    hint, and action keys dimmed in the footer."""
    office, _ = make_office(tmp_path, seeded=False)
    assert snap_compare(make_app(office, "wangfang"), terminal_size=SIZE, run_before=run())
    office.close()


def test_populated_inbox_with_overdue_row(snap_compare, office_and_numbers):
    """To do with five rows; the cursor moved to the second row (PR-2026-0002, Office desks); the first
    row PR-2026-0001 stays marked "!" with "!11-19 10:00" as its due time."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei"), terminal_size=SIZE, run_before=run("j"))


def test_preview_with_three_step_timeline(snap_compare, office_and_numbers):
    """Emily's Submitted tab (2): PR-2026-0002 Office desks under the cursor; the timeline shows it was
    submitted, approved by 赵磊 (Department director) and 陈静 (Business vice president) with their
    opinions, is now with 刘伟 (General manager) due 11-24, and the purchasing step is still ahead."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "emily"), terminal_size=SIZE, run_before=run("2", "j"))


def test_approve_dialog(snap_compare, office_and_numbers):
    """`a` on PR-2026-0001: the "Approve PR-2026-0001" dialog over the inbox with the title, an empty
    optional opinion box, quick phrases Agreed / Read / Please add documents, and the enter/escape hint."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei"), terminal_size=SIZE, run_before=run("a"))


def test_delegate_picker(snap_compare, office_and_numbers):
    """`d` then "wh": the "Delegate PR-2026-0001 to…" picker filtered to 吴红 (wuhong, Finance) by
    pinyin initials, highlighted, with the hint line."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei"), terminal_size=SIZE, run_before=run("d", "w", "h"))


def test_help_screen(snap_compare, office_and_numbers):
    """`?`: the Keys panel over the inbox listing every inbox key (q, ?, f1, ^p, s, H, T Statistics, j ↓, k ↑, g, G, enter, a,
    r, b, d, w, c, u, space, A, /, n, x del, tab ], shift+tab [, 1–5, R) with its description and
    keymap id."""
    office, _ = office_and_numbers
    assert snap_compare(make_app(office, "liuwei"), terminal_size=SIZE, run_before=run("question_mark"))
