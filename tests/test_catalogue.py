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
