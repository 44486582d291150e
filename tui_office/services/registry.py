"""Provides the definitions registry: form definitions stored as numbered versions.

The stored versions are the office's forms. Shipped form files (they come with the installed
program) are stored by themselves; an office's own forms are stored only when an administrator
runs `definitions load` (audited), except on a demo office, where config `forms_dir` is stored by
itself for convenience. A changed file becomes a new version; documents keep the `Definition` row
they started with, so a document in flight always runs the definition it began under. Parsed
definitions are cached per stored version and parameter values; the parameters come from the
office settings `forms.<form>.<param>` (and, on a demo office, config `[forms.<form>]`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from dataclasses import dataclass

from tui_office import extensions, parsed_forms
from tui_office.domain.errors import DefinitionError, NotFound, OfficeError
from tui_office.domain.office_settings import FORM_PARAM_PREFIX, decode_param
from tui_office.resources import bundled
from tui_office.services import audit
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store import settings as stored_settings
from tui_office.store.db import database
from tui_office.store.models import Definition, OfficeSetting

if TYPE_CHECKING:
    from tui_office.domain.definitions import FormDef
    from tui_office.domain.form_titles import FormTitles

PROGRAM, OFFICE, CONFIG = "program", "office", "config"
"""Where a stored version came from: shipped with the program, loaded by an administrator, or a
demo office's config `forms_dir`."""

_synced: set[str] = set()


def forms_folder() -> Path:
    return bundled("data", "forms")


def program_files() -> list[Path]:
    """The form files that come with the installed program: shipped, then the workflows' own."""
    files = sorted(forms_folder().glob("*.toml"))
    for area in extensions.installed():
        for path in area.form_files:
            files += sorted(path.glob("*.toml")) if path.is_dir() else [path]
    return files


def definition_files(office: Office) -> list[Path]:
    """Shipped form files, the installed workflows' own (`Workflow.form_files`), then (a demo
    office only: a real office's settings have no `forms_dir`) config `forms_dir`; a later file with
    the same id wins."""
    files = program_files()
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


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _latest_row(form_id: str) -> Definition | None:
    return (Definition.select().where(Definition.form_id == form_id)
            .order_by(Definition.version.desc()).first())


def _store(form: FormDef, text: str, path: Path, origin: str, latest: Definition | None) -> Definition:
    version = max(form.version, (latest.version + 1) if latest else form.version)
    return Definition.create(form_id=form.id, version=version, digest=_digest(text), source=text,
                             path=str(path), origin=origin)


def sync(office: Office) -> None:
    """Store any new or changed shipped form (the program's, or an installed workflow's) as the next
    version of its form (once per office).

    A form an administrator loaded (`definitions load`) stays the office's version: a shipped file
    with the same id does not replace it. A demo office also stores its config `forms_dir`."""
    key = f"{office.target}|{office.settings.forms_dir}|{','.join(extensions.package_names())}"
    if key in _synced:
        return
    from tui_office.domain.definition_files import parse_definition  # the parser loads when first needed

    shipped = set(program_files())
    effective: dict[str, tuple[Path, str, FormDef]] = {}
    for path in definition_files(office):
        text = read_definition(path)
        form = parse_definition(text, path)
        effective[form.id] = (path, text, form)
    for path, text, form in effective.values():
        origin = PROGRAM if path in shipped else CONFIG

        def stored(latest: Definition | None) -> bool:
            return latest is not None and (latest.digest == _digest(text) or origin == PROGRAM and latest.origin == OFFICE)

        if stored(_latest_row(form.id)):
            continue
        with database.atomic():
            latest = _latest_row(form.id)  # again under the write lock: another process may have just stored it
            if not stored(latest):
                _store(form, text, path, origin, latest)
    if not database.in_transaction():  # a caller's rollback could still undo what was stored
        _synced.add(key)


@dataclass(frozen=True)
class Loaded:
    """One form `definitions load` read: the version the office now uses, and whether it is new."""

    form_id: str
    version: int
    digest: str
    stored: bool


def load(office: Office, by: str, folder: Path) -> list[Loaded]:
    """Store the definitions in `folder` (a folder of `*.toml`, or one file) as the office's forms
    (admin only, one transaction, one audit row per stored version). Nothing is stored when any
    file has a problem, or when a stored form parameter setting does not fit the new version."""
    from tui_office.domain.definition_files import check_paths, parse_definition

    with database.atomic():
        admin = require_admin(by)
        folder = folder.expanduser()
        if not folder.exists():
            raise OfficeError("definitions_missing", folder=str(folder))
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else [folder]
        if not files:
            raise OfficeError("definitions_missing", folder=str(folder))
        problems = check_paths(files)
        if problems:
            raise DefinitionError(problems[0].message, problems[0].file, problems[0].line)
        out = []
        for path in files:
            text = read_definition(path)
            form = parse_definition(text, path)
            parse_definition(text, path, overrides=stored_params(form.id))  # stored settings still fit
            latest = _latest_row(form.id)
            if latest is not None and latest.digest == _digest(text):
                out.append(Loaded(form.id, latest.version, latest.digest, False))
                continue
            row = _store(form, text, path, OFFICE, latest)
            audit.record(document_id=None, actor_id=admin.id, action="definition_load", at=office.clock.now(),
                         definition_version=row.version,
                         changes={"form": form.id, "version": row.version, "digest": row.digest, "file": str(path)})
            out.append(Loaded(form.id, row.version, row.digest, True))
    forget_sync()
    return out


def stored_params(form_id: str) -> dict[str, object]:
    """The office's parameter settings for a form (`settings set forms.<form>.<param>`)."""
    prefix = f"{FORM_PARAM_PREFIX}{form_id}."
    return {key[len(prefix):]: decode_param(value) for key, value in stored_settings.with_prefix(prefix)
            if key.startswith(prefix)}


def params_in_effect(office: Office, form_id: str) -> dict[str, object]:
    """Stored parameter settings, then (a demo office only) config `[forms.<form>]`."""
    return {**stored_params(form_id), **office.settings.forms.get(form_id, {})}


def own_params(definition: Definition) -> dict[str, object]:
    """A stored version's own `[params]`, before any setting."""
    return dict(parsed_forms.parsed(definition.source, definition.path).params)


def forget_sync() -> None:
    """Make the next `sync()` look at the files again (after they changed)."""
    _synced.clear()
    _rows.clear()
    parsed_forms.parsed.cache_clear()
    parsed_forms.titles.cache_clear()


def form_of(office: Office, definition: Definition) -> FormDef:
    """The parsed form of a stored version (cached), with its stored version number."""
    import json

    return parsed_forms.parsed(definition.source, definition.path,
                  json.dumps(params_in_effect(office, definition.form_id), sort_keys=True, default=str))


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


def latest_as_written(office: Office) -> list[FormDef]:
    """The newest stored version of every form as written (`labels_by_definition_id`): for what no
    parameter setting changes (its titles, whether it grants access), without reading the settings."""
    sync(office)
    rows = (Definition.select(Definition.id, Definition.form_id)
            .order_by(Definition.form_id, Definition.version.desc()).tuples())
    newest: dict[str, int] = {}
    for definition_id, form_id in rows:
        newest.setdefault(form_id, definition_id)
    return [labels_by_definition_id(office, definition_id) for definition_id in newest.values()]


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


def titles_by_definition_id(office: Office, definition_id: int) -> FormTitles:
    """The titles of a stored version (its form, steps and follow-ups): what a list shows of it,
    read without the definitions' code."""
    row = definition_row(office, definition_id)
    return parsed_forms.titles(row.source, row.path)


def labels_by_definition_id(office: Office, definition_id: int) -> FormDef:
    """A stored version as written, before the office's parameter settings: enough for its titles
    and step names (which no setting changes), without reading the settings (lists label many rows)."""
    row = definition_row(office, definition_id)
    return parsed_forms.parsed(row.source, row.path)


def followups_of(office: Office, form: FormDef) -> tuple:
    """The follow-ups a document of this stored version gets: its own, or, when a version from
    before the form declared any has none, those of the form's newest version (follow-ups come
    after the route, so a document in flight across an upgrade still gets them)."""
    if form.followups:
        return form.followups
    return latest(office, form.id)[1].followups


def followup_of(office: Office, form: FormDef, followup_id: str, values: dict | None = None):
    """One follow-up of `form` by id (see `followups_of`), or that of a tracked row (`<table>-<n>`,
    titled by its text from the document's stored `values` when given), or None."""
    declared = next((f for f in followups_of(office, form) if f.id == followup_id), None)
    return declared if declared is not None else form.row_followup(followup_id, values)
