"""Every name the installed areas show — their own name and each screen they add to `v` and the
palette — is in the catalogue in both languages, so no screen is listed by its internal id."""

from __future__ import annotations

import pytest

from tui_office import extensions
from tui_office.i18n import catalogue


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_each_area_and_each_screen_it_adds_has_a_title_in_both_languages(lang):
    strings = catalogue(lang)
    missing = [w.title_key for w in extensions.installed() if w.title_key and w.title_key not in strings]
    missing += [f"{w.id}.screen.{name}" for w, name, _ in extensions.screens() if f"{w.id}.screen.{name}" not in strings]
    assert missing == []


def test_the_catalogue_is_kept_read_again_when_a_file_changes_and_a_damaged_copy_is_ignored(tmp_path):
    """The flattened catalogue is kept in the cache folder so the next start reads it at once; an
    edited string file must still show its new text, and a damaged kept copy must not matter."""
    from tui_office import locations
    from tui_office.i18n import _catalogue

    area = tmp_path / "area"
    (area / "en").mkdir(parents=True)
    strings = area / "en" / "area.toml"
    strings.write_text('[area]\nhello = "Hello"\n', encoding="utf-8")
    try:
        _catalogue.cache_clear()
        assert _catalogue("en", (area,))["area.hello"] == "Hello"
        kept = list(locations.cache_dir().glob("catalogue-*.pickle"))
        assert len(kept) == 1

        strings.write_text('[area]\nhello = "Good morning"\n', encoding="utf-8")
        _catalogue.cache_clear()
        assert _catalogue("en", (area,))["area.hello"] == "Good morning"

        for path in locations.cache_dir().glob("catalogue-*.pickle"):
            path.write_bytes(b"\x00damaged")
        _catalogue.cache_clear()
        assert _catalogue("en", (area,))["area.hello"] == "Good morning"
        assert _catalogue("en", (area,))["inbox.title"] == catalogue("en")["inbox.title"]
    finally:
        _catalogue.cache_clear()
