"""Snapshots of the seal register (120x40, fixed clock): review the SVG, not just the pass."""

from __future__ import annotations

import pytest

from tests.ui.conftest import SIZE, make_app, pushed, settle
from tests.factories import demo_office
from tui_office.workflows.seal import service as seal
from tui_office.workflows.seal.ui.register import SealRegisterScreen


@pytest.fixture
def office(tmp_path):
    """The demo office with its seal applications (two sealed, one with the keeper, one refused,
    one with a manager), spread over the two weeks before Monday 2026-11-23."""
    office = demo_office(tmp_path)
    seal.load_demo_documents(office)
    yield office
    office.close()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_seal_register(snap_compare, office, lang):
    """The keeper huangmin's seal register: title "Seal register (2)" (用印登记簿 (2)), newest first
    SE-2026-0002 (company seal, 2 copies, Emily Carter · Sales) then SE-2026-0001 (contract seal,
    4 copies, 罗平 · Cost & Contracts), both kept by 黄敏; the open and refused applications are not
    listed."""
    assert snap_compare(make_app(office, "huangmin", lang=lang), terminal_size=SIZE, run_before=pushed(SealRegisterScreen))


async def test_someone_else_is_told_the_register_is_not_for_them(office) -> None:
    app = make_app(office, "emily")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pushed(SealRegisterScreen)(pilot)
        assert not isinstance(app.screen, SealRegisterScreen)
        assert any("may read the seal register" in str(n.message) for n in app._notifications)
