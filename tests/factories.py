"""Provides the one way tests build an office: the demo office on a file database, clock fixed.

A file (not `:memory:`): workers and threads open their own connections, and an in-memory database
would be empty there. The demo office is people, departments, roles and leave allowances, no
documents; each test area adds the documents it needs through the services.

Building the demo office takes about a second of SQL, so on SQLite each test process builds a given
office once (`reused`) and later tests get a byte-for-byte copy of its file: the same office a fresh
build would give, since the build is deterministic under the fixed clock.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Hashable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from tests import backend
from tests.backend import office_db
from tui_office import extensions
from tui_office.config import Settings
from tui_office.domain.clock import FixedClock
from tui_office.services import demo, registry
from tui_office.services.office import Office
from tui_office.store.proxy import database

T = TypeVar("T")

START = datetime(2026, 11, 23, 9, 0)
"""When every test runs unless it says otherwise: a Monday morning."""

_templates: dict[Hashable, tuple[Path | str, object]] = {}
"""Office files built by this process (with what the build answered), by what they were built from."""

_template_dir: Path | None = None


def _forms_digest(forms_dir: Path | None) -> str:
    """What the forms folder holds (tests write the same forms into a new folder each time)."""
    if forms_dir is None:
        return ""
    digest = hashlib.sha1()
    for path in sorted(p for p in Path(forms_dir).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(forms_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _keep(key: Hashable, answer: object, key_file: Path) -> None:
    """Copy the open office's database, and its key file (`office.db.key`), into this process's
    template folder under `key`."""
    target = _template_folder() / f"{len(_templates)}.db"
    with sqlite3.connect(target) as copy:
        database.connection().backup(copy)
    copy.close()
    if key_file.exists():
        shutil.copyfile(key_file, _key_beside(target))
    _templates[key] = (target, answer)


def _template_folder() -> Path:
    """This process's folder for template copies (removed when it ends)."""
    global _template_dir
    if _template_dir is None:
        _template_dir = Path(tempfile.mkdtemp(prefix="tui-office-templates-"))
        atexit.register(shutil.rmtree, _template_dir, True)
    return _template_dir


def _key_beside(database_file: Path) -> Path:
    """Where an office's key file is when nothing else is said (see `Office.key_file`)."""
    return database_file.with_name(database_file.name + ".key")


def reused(folder: Path, key: Hashable, settings: Settings, at: datetime,
           build: Callable[[], tuple[Office, T]]) -> tuple[Office, T]:
    """The office `build()` makes in `folder/office.db` and what else it answers (say, the numbers
    of the documents it made), built once per process per `key` and copied after that, opened with
    `settings` and the clock fixed at `at` (where `build` leaves it).

    `key` must name everything the build depends on. On PostgreSQL the office is built in a database
    of its own once and copied with `CREATE DATABASE … TEMPLATE` (`tests.backend`)."""
    key = (key, tuple(extensions.package_names()))
    if backend.on_postgres():
        return _reused_on_server(folder, key, settings, at, build)
    if key not in _templates:
        office, answer = build()
        _keep(key, answer, office.key_file)
        return office, answer
    template, answer = _templates[key]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "office.db"
    shutil.copyfile(template, path)
    if _key_beside(template).exists():
        shutil.copyfile(_key_beside(template), _key_beside(path))
    registry.forget_sync()
    return Office.open(settings, path, clock=FixedClock(at)), answer  # type: ignore[return-value]


def _reused_on_server(folder: Path, key: Hashable, settings: Settings, at: datetime,
                      build: Callable[[], tuple[Office, T]]) -> tuple[Office, T]:
    if backend.is_building_template():  # a part of a larger template: built into it
        return build()
    if key not in _templates:
        with backend.building_template() as name:
            office, answer = build()
        key_copy = _template_folder() / f"{name}.key"
        if office.key_file.exists():  # the office key (`office.key` in this test's data folder)
            shutil.copyfile(office.key_file, key_copy)
        office.close()  # a template database must have no one connected
        _templates[key] = (name, answer)
    name, answer = _templates[key]
    registry.forget_sync()
    office = Office.open(settings, backend.copy_of(str(name), folder), clock=FixedClock(at))
    key_copy = _template_folder() / f"{name}.key"
    if key_copy.exists() and not office.key_file.exists():
        office.key_file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(key_copy, office.key_file)
    return office, answer  # type: ignore[return-value]


def demo_office(folder: Path, *, forms_dir: Path | None = None, at: datetime = START) -> Office:
    """The demo office in `folder/office.db` (or on PostgreSQL, `tests.backend`), the clock fixed at
    `at`; forms from `forms_dir` when given."""
    settings = Settings(forms_dir=str(forms_dir)) if forms_dir else Settings()

    def build() -> tuple[Office, None]:
        registry.forget_sync()  # definitions synced for an earlier test's database are not in this one
        office = Office.open(settings, office_db(folder), clock=FixedClock(at))
        demo.load_office(office)
        return office, None

    return reused(folder, ("demo", _forms_digest(forms_dir), at), settings, at, build)[0]
