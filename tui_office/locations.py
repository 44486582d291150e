"""Provides the platform directories: config file, data directory, default and demo databases."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

APP = "tui-office"


def config_file() -> Path:
    """`TUI_OFFICE_CONFIG`, else `config.toml` in the user's config directory."""
    override = os.environ.get("TUI_OFFICE_CONFIG")
    if override:
        return Path(override)
    return Path(user_config_dir(APP)) / "config.toml"


def data_dir() -> Path:
    return Path(user_data_dir(APP))


def cache_dir() -> Path:
    """Where derived files that can be made again at any time are kept (the string catalogue read
    once): removing it loses nothing."""
    return Path(user_cache_dir(APP))


def default_database() -> Path:
    """The office database used when nothing else is said."""
    return data_dir() / "office.db"


def demo_database() -> Path:
    """The separate database `tui-office demo` creates and opens."""
    return data_dir() / "demo.db"


def export_dir(configured: str = "") -> Path:
    """The folder printouts are written into: `configured` (config `export_dir`), else `exports` in
    the data directory."""
    return Path(configured).expanduser() if configured else data_dir() / "exports"
