"""Provides reading definition files: `parse_definition`, `load_definition`, `load_all`, `check_paths`.

Checking a definition (`definition_check`) builds on the `FormDef` types of `definitions`; reading
files builds on both, so it lives here, above them, and nothing imports in a circle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tui_office.domain.definition_check import analyse
from tui_office.domain.definition_check import check_paths as _check_paths
from tui_office.domain.definitions import FormDef, Problem
from tui_office.domain.errors import DefinitionError


def parse_definition(text: str, path: str | Path = "<definition>", overrides: Mapping[str, Any] | None = None) -> FormDef:
    """The form in `text` (the content of file `path`); `overrides` replace `params` values.

    Raises `DefinitionError(message, file, line)` for the first problem found.
    """
    form, problems = analyse(text, str(path), overrides)
    if problems or form is None:
        first = problems[0] if problems else Problem(str(path), 1, "not a definition")
        raise DefinitionError(first.message, first.file, first.line)
    return form


def load_definition(path: str | Path, overrides: Mapping[str, Any] | None = None) -> FormDef:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"cannot read: {exc}", str(path), 0) from None
    return parse_definition(text, path, overrides)


def default_folder() -> Path:
    from tui_office.resources import bundled

    return bundled("data", "forms")


def load_all(folder: str | Path | None = None, overrides: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, FormDef]:
    """Every definition in `folder` (default: the shipped `data/forms`) by form id.

    `overrides` is `Settings.forms`: {form_id: {param: value}}.
    """
    folder = Path(folder) if folder is not None else default_folder()
    overrides = overrides or {}
    forms: dict[str, FormDef] = {}
    for path in sorted(folder.glob("*.toml")):
        text_id = _peek_id(path)
        form = load_definition(path, overrides.get(text_id or path.stem))
        if form.id in forms:
            raise DefinitionError(f"duplicate form id {form.id!r} (also in {forms[form.id].file})", str(path), form.line)
        forms[form.id] = form
    return forms


def _peek_id(path: Path) -> str | None:
    try:
        match = re.search(r'^\s*id\s*=\s*["\']([^"\']+)["\']', path.read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return None
    return match.group(1) if match else None


def check_paths(paths: Iterable[str | Path], known_roles: Iterable[str] | None = None) -> list[Problem]:
    """Every problem in the definition files at `paths` (files or folders) as `Problem`s."""
    return _check_paths(paths, known_roles)
