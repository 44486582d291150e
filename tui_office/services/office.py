"""Provides `Office`: the open database plus settings, clock and calendar every use case needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui_office import extensions, locations
from tui_office.config import Settings
from tui_office.domain.clock import Clock, clock_from_env
from tui_office.store import db as store_db
from tui_office.store.area_tables import ensure_tables


@dataclass
class Office:
    """One office: its database, settings and clock. Create with `Office.open()`."""

    settings: Settings
    target: str
    clock: Clock = field(default_factory=clock_from_env)

    @classmethod
    def open(cls, settings: Settings, target: str | Path | None = None, clock: Clock | None = None) -> "Office":
        """Open (creating or upgrading) the database named by `target`, the settings or the default."""
        chosen = str(target or settings.database or locations.default_database())
        store_db.open_database(chosen)
        ensure_tables(model for workflow in extensions.installed() for model in workflow.models)
        office = cls(settings=settings, target=chosen, clock=clock or clock_from_env())
        return office

    _calendar: object = field(default=None, repr=False)

    @property
    def calendar(self):
        """The office's working-day calendar (`settings.calendar`), loaded once."""
        if self._calendar is None:
            from tui_office.domain.calendar import load_calendar

            extra = Path(self.settings.calendar_dir).expanduser() if self.settings.calendar_dir else None
            self._calendar = load_calendar(self.settings.calendar, extra)
        return self._calendar

    def close(self) -> None:
        store_db.close_database()

    @property
    def is_sqlite(self) -> bool:
        return store_db.is_sqlite()

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file behind this office (None for a server database or `:memory:`)."""
        if not self.is_sqlite or self.target in (":memory:", "sqlite:///:memory:"):
            return None
        return Path(self.target.removeprefix("sqlite:///")).expanduser()
