"""`tui-office` starts with Python's garbage collector kept to young objects
(`tui_office/collector.py`): the app must collect as usual again once its first frame is drawn,
and a command before it does its work, or a long session or a big import would keep the memory of
discarded cycles that lived a little while."""

from __future__ import annotations

import gc

import pytest

from tests.inprocess import run_cli
from tests.ui.conftest import SIZE, make_app, make_office, settle
from tui_office import collector


@pytest.fixture
def paused():
    usual = gc.get_threshold()
    collector.pause()
    assert gc.get_threshold() != usual
    yield usual
    collector.resume()
    gc.set_threshold(*usual)
    gc.unfreeze()


def test_a_command_collects_again_before_it_runs(paused, tmp_path):
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CONFIG_HOME": str(tmp_path / "c")}
    done = run_cli(["init", "--demo"], env=env)
    assert done.returncode == 0, done.stderr
    assert gc.get_threshold() == paused


async def test_the_app_collects_again_once_its_first_frame_is_drawn(paused, tmp_path):
    office, numbers = make_office(tmp_path)
    app = make_app(office, "liuwei")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert numbers["desks"] in [row.number for row in app.screen.table.rows_loaded]
        assert gc.get_threshold() == paused
