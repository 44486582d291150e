"""Provides `parsed` and `titles`: a stored definition's text parsed once per process and kept in
the cache folder between starts (`tui_office.kept`).

Two layers ask for the same stored versions: the registry (the services' forms, titles and
routes) and the search index (which fields' text to index when a document is written). Both come
here, so a version is parsed at most once per process, and, once kept, not at all: the first
approval of a session no longer loads the definition parser to index the document it changed.
A list needs only a version's titles (`titles`), kept apart, so labelling the first rows does not
load the definitions' code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui_office import extensions, kept
from tui_office.domain.form_titles import FormTitles

if TYPE_CHECKING:
    from tui_office.domain.definitions import FormDef


def _key(source: str, path: str, overrides_key: str) -> str:
    return "\0".join([source, path, overrides_key, *extensions.package_names()])


@lru_cache(maxsize=256)
def parsed(source: str, path: str, overrides_key: str = "{}") -> FormDef:
    """The form `source` (read from `path`) defines, with the parameter values `overrides_key`
    (JSON) set; raises `DefinitionError` for a definition that does not parse."""
    from tui_office.domain.definitions import FormDef

    key = _key(source, path, overrides_key)
    form = kept.read("form", key, FormDef)  # parsed at an earlier start
    if form is None:
        from tui_office.domain.definition_files import parse_definition

        form = parse_definition(source, Path(path or "<definition>"), overrides=json.loads(overrides_key))
        kept.keep("form", key, form)
    return form


@lru_cache(maxsize=256)
def titles(source: str, path: str) -> FormTitles:
    """The titles of the form `source` defines, as written (no parameter changes a title)."""
    key = _key(source, path, "{}")
    found = kept.read("form-titles", key, FormTitles)  # kept at an earlier start
    if found is None:
        found = FormTitles.of(parsed(source, path))
        kept.keep("form-titles", key, found)
    return found
