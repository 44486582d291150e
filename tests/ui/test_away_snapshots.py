"""Snapshots of the out-of-office view (`o` in the inbox) at 80x24 while a stand-in is in force.

Chinese pictures look squeezed because Rich's SVG export draws CJK at half width; alignment is
checked in tmux.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.ui.conftest import make_app, make_office, settle
from tui_office.services import away


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_out_of_office_view_offers_the_hand_over(snap_compare, tmp_path, lang):
    """赵磊's out-of-office view with 王芳 standing in from today to 11-27: the arrangement in the list,
    then the line "ctrl+t: hand the 1 task(s) waiting in your To-do to 王芳, who stands in for you
    today" (zh-CN: "ctrl+t：将待办中的 1 项任务移交给今天代理您的 王芳") above the date fields."""
    office, _ = make_office(tmp_path)
    away.set_away(office, "zhaolei", "wangfang", date(2026, 11, 23), date(2026, 11, 27))

    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)

    assert snap_compare(make_app(office, "zhaolei", lang=lang), terminal_size=(80, 24), run_before=before)
    office.close()
