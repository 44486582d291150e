"""Provides `Office`: the open database plus settings, clock and calendar every use case needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui_office import extensions, locations
from tui_office.config import Settings
from datetime import datetime

from tui_office.domain.clock import Clock, override_from_env
from tui_office.domain.errors import OfficeError
from tui_office.domain.office_settings import DEMO_MARK
from tui_office.store import db as store_db
from tui_office.store.area_tables import ensure_tables


@dataclass
class Office:
    """One office: its database, settings and clock. Create with `Office.open()`."""

    settings: Settings
    target: str
    clock: Clock = field(default_factory=Clock)

    @classmethod
    def open(cls, settings: Settings, target: str | Path | None = None, clock: Clock | None = None,
             *, create: bool = True) -> "Office":
        """Open (upgrading) the database named by `target`, the settings or the default.

        With `create=False` a missing database is refused (`database_missing`) instead of created.
        """
        chosen = str(target or settings.database or locations.default_database())
        override = override_from_env() if clock is None else None
        store_db.open_database(chosen, create=create)
        ensure_tables(model for workflow in extensions.installed() for model in workflow.models)
        if clock is None:
            clock = Clock() if override is None else OverrideClock(override)
        return cls(settings=settings, target=chosen, clock=clock)

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
    def read_only(self) -> bool:
        """Was the database opened read-only (a file we cannot write, or `?mode=ro`)?"""
        return store_db.is_read_only()

    @property
    def is_sqlite(self) -> bool:
        return store_db.is_sqlite()

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file behind this office (None for a server database or `:memory:`)."""
        if not self.is_sqlite or self.target in (":memory:", "sqlite:///:memory:"):
            return None
        return Path(self.target.removeprefix("sqlite:///").split("?", 1)[0]).expanduser()


class OverrideClock(Clock):
    """The time `TUI_OFFICE_NOW` names, honoured only on a demo office and never earlier than the
    last audit row: otherwise every use of the clock (so every write) is refused in one line.

    Checked when the time is first asked for, not when the office opens, so `init --demo` can
    mark a new database as a demo office before anything reads the clock.
    """

    def __init__(self, at: datetime) -> None:
        self.at = at
        self._demo = False

    def now(self) -> datetime:
        from tui_office.store.models import Action, OfficeSetting

        if not self._demo:
            mark = OfficeSetting.get_or_none(OfficeSetting.key == DEMO_MARK)
            if mark is None or mark.value != "true":
                raise OfficeError("clock_override_not_demo", value=self.at.isoformat(sep="T"))
            self._demo = True
        last = Action.select(Action.at).order_by(Action.id.desc()).first()
        if last is not None and isinstance(last.at, datetime) and self.at < last.at:
            raise OfficeError("clock_override_behind", value=self.at.isoformat(sep="T"),
                              last=last.at.isoformat(sep=" "))
        return self.at
