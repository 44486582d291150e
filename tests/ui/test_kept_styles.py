"""The style sheets parsed at one start are kept (`tui_office/ui/kept_styles.py`): the next start
with the same theme parses none of them again and looks the same; another theme parses its own."""

from __future__ import annotations

import pytest
from textual.css import stylesheet as textual_stylesheet

from tests.ui.conftest import SIZE, make_app, make_office, settle


@pytest.fixture
def parses(monkeypatch):
    counted: list[str] = []
    real = textual_stylesheet.parse

    def counting(scope, css, read_from, *args, **kwargs):
        counted.append(str(read_from))
        return real(scope, css, read_from, *args, **kwargs)

    monkeypatch.setattr(textual_stylesheet, "parse", counting)
    return counted


async def _start(office, parses, theme="default"):
    parses.clear()
    app = make_app(office, "liuwei", theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.table
        return len(parses), (str(table.styles.background), str(table.styles.color), str(app.screen.styles.background))


async def test_a_second_start_parses_no_style_sheet_and_looks_the_same(tmp_path, parses):
    office, _ = make_office(tmp_path)
    first_parsed, first_looks = await _start(office, parses)
    assert first_parsed > 5
    again_parsed, again_looks = await _start(office, parses)
    assert again_parsed == 0, parses
    assert again_looks == first_looks


async def test_another_theme_parses_its_own_sheets_once(tmp_path, parses):
    office, _ = make_office(tmp_path)
    _, dark_looks = await _start(office, parses)
    light_parsed, light_looks = await _start(office, parses, theme="light")
    assert light_parsed > 5 and light_looks != dark_looks
    assert (await _start(office, parses, theme="light")) == (0, light_looks)
    assert (await _start(office, parses)) == (0, dark_looks)


async def test_a_sheet_this_start_did_not_use_is_no_longer_kept(tmp_path, parses):
    """What an older start kept and this one did not need (another screen's sheet) is left out, so
    a start reads only what it uses."""
    import pickle

    from tui_office import locations

    office, _ = make_office(tmp_path)
    await _start(office, parses)
    [kept_file] = locations.cache_dir().glob("styles-*.pickle")
    rules = pickle.loads(kept_file.read_bytes())
    unused = ("Other { color: red; }", ("other.tcss", ""), False, 0, "")
    rules[unused] = next(iter(rules.values()))
    kept_file.write_bytes(pickle.dumps(rules))
    assert (await _start(office, parses))[0] == 0
    again = pickle.loads(kept_file.read_bytes())
    assert unused not in again and set(again) == set(rules) - {unused}
