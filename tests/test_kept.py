"""Parsed form definitions are kept in the cache folder between starts (`tui_office/kept.py`), so
the inbox shows form and step titles without parsing every stored version again. A kept result
must never be a stale or damaged answer: another source gives another result, and a damaged kept
file is parsed again."""

from __future__ import annotations

from tui_office import kept, locations, parsed_forms
from tui_office.resources import bundled


def _parse(source: str):
    parsed_forms.parsed.cache_clear()
    return parsed_forms.parsed(source, "general_request.toml")


def test_a_definition_parsed_once_is_read_back_and_a_changed_one_is_parsed_again():
    source = (bundled("data") / "forms" / "general_request.toml").read_text(encoding="utf-8")
    first = _parse(source)
    assert list(locations.cache_dir().glob("form-*.pickle"))
    again = _parse(source)
    assert again is not first and again.title == first.title and [s.id for s in again.steps] == [s.id for s in first.steps]

    renamed = source.replace(f'"{first.title}"', '"Any other request"', 1)
    assert renamed != source
    assert _parse(renamed).title == "Any other request"
    assert _parse(source).title == first.title


def test_a_damaged_kept_file_is_parsed_again():
    source = (bundled("data") / "forms" / "general_request.toml").read_text(encoding="utf-8")
    title = _parse(source).title
    for path in locations.cache_dir().glob("form-*.pickle"):
        path.write_bytes(b"\x80\x05damaged")
    assert _parse(source).title == title
    assert kept.read("form", "no such key", object) is None
