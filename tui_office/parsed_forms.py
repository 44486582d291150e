"""Provides `parsed`: a stored definition's text parsed once per process and kept in the cache
folder between starts (`tui_office.kept`).

Two layers ask for the same stored versions: the registry (the services' forms, titles and
routes) and the search index (which fields' text to index when a document is written). Both come
here, so a version is parsed at most once per process, and, once kept, not at all: the first
approval of a session no longer loads the definition parser to index the document it changed.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from tui_office import extensions, kept
from tui_office.domain.definitions import FormDef


@lru_cache(maxsize=256)
def parsed(source: str, path: str, overrides_key: str = "{}") -> FormDef:
    """The form `source` (read from `path`) defines, with the parameter values `overrides_key`
    (JSON) set; raises `DefinitionError` for a definition that does not parse."""
    key = "\0".join([source, path, overrides_key, *extensions.package_names()])
    form = kept.read("form", key, FormDef)  # parsed at an earlier start
    if form is None:
        from tui_office.domain.definition_files import parse_definition

        form = parse_definition(source, Path(path or "<definition>"), overrides=json.loads(overrides_key))
        kept.keep("form", key, form)
    return form
