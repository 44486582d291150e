"""Snapshots of sales-order entry (120x40 and 80x24, English and Chinese, fixed clock).

Each test says what the picture must show; review the SVG, not just the pass. Chinese pictures
look squeezed because Rich's SVG export draws CJK at half width; alignment is checked in tmux.
"""

from __future__ import annotations

import pytest

from tests.ui.conftest import settle
from tests.ui.formhost import Host, open_office, steady  # noqa: F401  (autouse fixture)
from tui_office.i18n import set_language
from tui_office.workflows.sales.ui.entry import OrderEntryScreen

KEYS = [*"hzxy", "tab", "tab", *"HT-2026-140", "tab", *"2026-11-23", "tab", "tab", "tab", *"第二批", "down",
        *"P100", "tab", "2", "tab", "tab", *"5", "tab", "tab", *"2026-12-21", "enter",
        *"P120", "tab", "1", "0", "enter",
        *"S200", "tab", "1", "ctrl+d"]


@pytest.fixture
def office(tmp_path):
    office = open_office(tmp_path)
    yield office
    office.close()


def typed(keys):
    async def before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return before


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_order_entry_grid(snap_compare, office, lang, size):
    """Sales-order entry for 杭州新源 (C002, found by "hzxy": its region 华东, direct, salesperson
    周强 beside it), contract HT-2026-140 signed 2026-11-23, order date 2026-11-23, remarks 第二批; four lines:
    P100 ×2 at 5 % off (精密电子天平, gross 27,481.60), P120 ×10 (移液器, 14,464.00), S200 ×1 at 6 %
    (1,590.00) and its duplicate, the cursor in the duplicate's quantity; every line due 2026-12-21;
    totals of 4 lines: net 40,120.00, tax 5,005.60, gross 45,125.60; the footer with ctrl+d, ctrl+r, ctrl+s."""
    set_language(lang)
    app = Host(office, "sunyan", OrderEntryScreen)
    assert snap_compare(app, terminal_size=size, run_before=typed(KEYS))
