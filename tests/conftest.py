"""Provides the fixtures every test gets: isolation from the developer's own config and data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import backend


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point config and data directories into a temporary folder; no `TUI_OFFICE_DB` leaks in.

    Subprocesses started by a test inherit the same environment.
    """
    home = tmp_path / "_home"
    (home / "config").mkdir(parents=True)
    (home / "data").mkdir()
    monkeypatch.setenv("TUI_OFFICE_CONFIG", str(home / "config" / "tui-office" / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("TUI_OFFICE_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def english_between_tests():
    """Each test starts in English and leaves English behind (the language is process-wide)."""
    from tui_office.i18n import set_language

    set_language("en")
    yield
    set_language("en")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL test server (TUI_OFFICE_TEST_DB)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL test server, the tests that need one are not collected (the PostgreSQL
    leg of `.ci/run` runs them)."""
    if backend.on_postgres():
        return
    needing = [item for item in items if item.get_closest_marker("postgres")]
    if needing:
        config.hook.pytest_deselected(items=needing)
        items[:] = [item for item in items if not item.get_closest_marker("postgres")]


@pytest.fixture(autouse=True)
def postgres_schemas() -> None:
    """On PostgreSQL, drop the schemas the test's offices lived in once it ends."""
    before = backend.made()
    yield
    if backend.on_postgres() and backend.made() > before:
        from tui_office.store.db import close_database

        close_database()
        backend.drop_made(before)
