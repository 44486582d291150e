"""Provides `Office`: the open database plus settings, clock and calendar every use case needs."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tui_office import extensions, locations
from tui_office.config import POLICY_KEYS, Settings
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
    """The settings in effect: the personal config file, with office policy taken from the database
    on a real office (see `apply_policy`)."""
    target: str
    clock: Clock = field(default_factory=Clock)
    config: Settings | None = None
    """The personal config file as read (None: the same as `settings`)."""
    ignored_policy: tuple[str, ...] = ()
    """Office-policy keys the personal config sets that this real office ignores."""

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
        office = cls(settings=settings, target=chosen, clock=clock, config=settings)
        office.apply_policy()
        return office

    @property
    def demo(self) -> bool:
        """True for a database marked as a demo office (`demo`, `init --demo`)."""
        return _demo_marked()

    def apply_policy(self) -> None:
        """Decide where office policy comes from: on a demo office, the personal config (a
        convenience for trying things out); on a real office, the database only, so the config's
        forms folder, form parameters, workflow packages' own tables and calendar choice are ignored (and named in
        `ignored_policy`). Called on opening, and again once a new database is marked as a demo."""
        config = self.config or self.settings
        self.config = config
        if self.demo:
            self.settings, self.ignored_policy = config, ()
        else:
            defaults = Settings()
            self.ignored_policy = tuple(k for k in POLICY_KEYS if getattr(config, k) != getattr(defaults, k))
            self.settings = replace(config, forms_dir="", forms={}, sections=defaults.sections,
                                    calendar=defaults.calendar, calendar_dir="")
        self._calendar = None

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

    @property
    def key_file(self) -> Path:
        """The office key file (see `services/field_secrets.py`): config `key_file`, else beside
        the SQLite file (`office.db.key`), else `office.key` in the data directory."""
        if self.settings.key_file:
            return Path(self.settings.key_file).expanduser()
        database = self.sqlite_path
        if database is not None:
            return database.with_name(database.name + ".key")
        return locations.data_dir() / "office.key"


def _demo_marked() -> bool:
    from tui_office.store.models import OfficeSetting

    mark = OfficeSetting.get_or_none(OfficeSetting.key == DEMO_MARK)
    return mark is not None and mark.value == "true"


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
        from tui_office.store.models import Action

        if not self._demo:
            if not _demo_marked():
                raise OfficeError("clock_override_not_demo", value=self.at.isoformat(sep="T"))
            self._demo = True
        last = Action.select(Action.at).order_by(Action.id.desc()).first()
        if last is not None and isinstance(last.at, datetime) and self.at < last.at:
            raise OfficeError("clock_override_behind", value=self.at.isoformat(sep="T"),
                              last=last.at.isoformat(sep=" "))
        return self.at
