"""Provides the definitions registry: shipped form files stored as numbered versions.

A changed file becomes a new version; documents keep the `Definition` row they started with, so
a document in flight always runs the definition it began under. Parsed definitions are cached per
stored version.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from tui_office import extensions
from tui_office.domain.definition_files import parse_definition
from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import DefinitionError, NotFound
from tui_office.resources import bundled
from tui_office.services.office import Office
from tui_office.store.db import database
from tui_office.store.models import Definition

_synced: set[str] = set()


def forms_folder() -> Path:
    return bundled("data", "forms")


def definition_files(office: Office) -> list[Path]:
    """Shipped form files, the installed workflows' own (`Workflow.form_files`), then the office's
    (`forms_dir`); a later file with the same id wins."""
    files = sorted(forms_folder().glob("*.toml"))
    for area in extensions.installed():
        for path in area.form_files:
            files += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    if office.settings.forms_dir:
        files += sorted(Path(office.settings.forms_dir).expanduser().glob("*.toml"))
    return files


def read_definition(path: Path) -> str:
    """The text of a definition file, or `DefinitionError` naming the file when it cannot be read."""
    if not path.is_file():
        raise DefinitionError("not a file: a form definition must be a TOML file", str(path), 0)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DefinitionError(f"not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8", str(path), 0) from None
    except OSError as exc:
        raise DefinitionError(f"cannot read: {exc.strerror or exc}", str(path), 0) from None


def sync(office: Office) -> None:
    """Store any new or changed definition file as the next version of its form (once per office)."""
    key = f"{office.target}|{office.settings.forms_dir}|{','.join(extensions.package_names())}"
    if key in _synced:
        return
    effective: dict[str, tuple[Path, str, FormDef]] = {}
    for path in definition_files(office):
        text = read_definition(path)
        form = parse_definition(text, path)
        effective[form.id] = (path, text, form)
    for path, text, form in effective.values():
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        latest = (Definition.select().where(Definition.form_id == form.id)
                  .order_by(Definition.version.desc()).first())
        if latest is not None and latest.digest == digest:
            continue
        with database.atomic():
            version = max(form.version, (latest.version + 1) if latest else form.version)
            Definition.create(form_id=form.id, version=version, digest=digest, source=text, path=str(path))
    if not database.in_transaction():  # a caller's rollback could still undo what was stored
        _synced.add(key)


def forget_sync() -> None:
    """Make the next `sync()` look at the files again (after they changed)."""
    _synced.clear()
    _rows.clear()
    _parse.cache_clear()


@lru_cache(maxsize=256)
def _parse(_definition_id: int, source: str, path: str, overrides_key: str) -> FormDef:
    import json

    form = parse_definition(source, Path(path), overrides=json.loads(overrides_key))
    return form


def form_of(office: Office, definition: Definition) -> FormDef:
    """The parsed form of a stored version (cached), with its stored version number."""
    import json

    return _parse(definition.id, definition.source, definition.path,
                  json.dumps(office.settings.forms.get(definition.form_id, {}), sort_keys=True, default=str))


def latest(office: Office, form_id: str) -> tuple[Definition, FormDef]:
    """The newest stored version of a form."""
    sync(office)
    row = (Definition.select().where(Definition.form_id == form_id)
           .order_by(Definition.version.desc()).first())
    if row is None:
        raise NotFound("no_such_form", form=form_id)
    return row, form_of(office, row)


def all_latest(office: Office) -> list[tuple[Definition, FormDef]]:
    sync(office)
    rows = Definition.select().order_by(Definition.form_id, Definition.version.desc())
    seen: dict[str, Definition] = {}
    for row in rows:
        seen.setdefault(row.form_id, row)
    return [(row, form_of(office, row)) for row in seen.values()]


_rows: dict[tuple[str, int], Definition] = {}


def definition_row(office: Office, definition_id: int) -> Definition:
    """A stored definition version by id (cached: stored versions never change)."""
    key = (office.target, definition_id)
    row = _rows.get(key)
    if row is None:
        row = _rows[key] = Definition.get_by_id(definition_id)
    return row


def form_by_definition_id(office: Office, definition_id: int) -> FormDef:
    return form_of(office, definition_row(office, definition_id))
