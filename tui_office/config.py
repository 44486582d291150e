"""Provides the settings (`config.toml`), their loading and saving, and `ConfigError`.

A bad file never produces a traceback: `ConfigError` says file, line and key in one line.
"""

from __future__ import annotations

import os
import re
from datetime import date
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


from tui_office import extensions, locations

THEMES = ("default", "light", "high-contrast")
LANGUAGES = ("en", "zh-CN")
CALENDARS = ("cn", "plain")


POLICY_KEYS = ("forms_dir", "forms", "sections", "calendar", "calendar_dir")
"""Settings that are office policy, not personal taste: a real office takes them from its
database (set by an administrator) and ignores them here; only a demo office uses them."""


class ConfigError(Exception):
    """A problem in a config file, located to file, line and key."""

    def __init__(self, file: Path, line: int, key: str, message: str) -> None:
        self.file, self.line, self.key = file, line, key
        where = f"{file}:{line}" if line else str(file)
        keypart = f" [{key}]" if key else ""
        super().__init__(f"{where}:{keypart} {message}")


@dataclass
class Settings:
    """Everything `config.toml` may set; each field has a safe default."""

    database: str = ""
    """Database path or URL (`sqlite:///…`, `postgresql://…`); empty: the default file."""
    key_file: str = ""
    """The office key that encrypts encrypted fields (`encrypted = true`); empty: beside the database
    file, named like it with `.key` added (`office.db.key`), or `office.key` in the data directory
    for a server database."""
    language: str = "en"
    """`en` or `zh-CN`."""
    theme: str = "default"
    """`default` (dark), `light` or `high-contrast`."""
    user: str = ""
    """Login to act as when `--user` is not given; empty: the OS login name."""
    calendar: str = "cn"
    """Working-day calendar: `cn` (mainland China holidays and make-up days) or `plain` (Mon–Fri).
    Office policy: used on a demo office only."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Key overrides by binding id, e.g. `"inbox.approve" = "a,y"`."""
    remind_interval_hours: float = 24
    """Default interval between repeated overdue reminders (a form may set its own)."""
    urge_interval_hours: float = 1
    """A document may be urged (催办) at most once in this many hours."""
    calendar_dir: str = ""
    """An extra folder of calendar TOML files (the office's own closures and extra days).
    Office policy: used on a demo office only."""
    forms_dir: str = ""
    """An extra folder of form definitions (same id replaces a shipped form). Stored by itself on a
    demo office only; on a real office an administrator stores it with `definitions load`."""
    forms: dict[str, dict] = field(default_factory=dict)
    """Per-form parameter overrides, e.g. `[forms.purchase_request] leadership_threshold = 50000`.
    Office policy: used on a demo office only (a real office: `settings set forms.<id>.<param>`)."""
    sections: dict[str, object] = field(default_factory=dict)
    """The tables workflow packages own (`[leave]` …), by name, each read into the package's own
    settings type (`Workflow.settings`); a table that was not in the file holds its defaults.
    Office policy: used on a demo office only."""
    export_dir: str = ""
    """The folder `p` in the document view writes printable approval histories into; empty:
    `exports` in the data directory. Made when it is missing."""
    path: Path | None = None
    """Where these settings were read from (not written)."""

    def __post_init__(self) -> None:
        for name, section in extensions.settings_sections().items():
            self.sections.setdefault(name, section.type())


def _line_of(text: str, key: str) -> int:
    """Line of `key = …` (the whole key, quoted or bare, else its last dotted part); 0 if unseen."""
    for name in dict.fromkeys((key, key.split(".")[-1])):
        pattern = re.compile(rf'^\s*["\']?{re.escape(name)}["\']?\s*=', re.M)
        match = pattern.search(text)
        if match:
            return text.count("\n", 0, match.start()) + 1
    return 0


def _check_type(path: Path, text: str, key: str, value: object, expected: type | tuple) -> None:
    if not isinstance(value, expected) or isinstance(value, bool) and expected is not bool:
        names = expected.__name__ if isinstance(expected, type) else " or ".join(e.__name__ for e in expected)
        raise ConfigError(path, _line_of(text, key), key, f"expected {names}, got {value!r}")


NUMBER_RANGES = {
    "remind_interval_hours": (0.25, 24 * 366),
}
"""Smallest and largest sensible value of each number setting (hours); the tables of workflow
packages bring their own (`SettingsSection.ranges`, `SettingsSection.check`)."""


def _check_numbers(path: Path, text: str, settings: Settings) -> None:
    for key, (low, high) in NUMBER_RANGES.items():
        value = getattr(settings, key)
        if not low <= value <= high:
            raise ConfigError(path, _line_of(text, key), key, f"expected a number from {low:g} to {high:g}, got {value!r}")
    for name, section in extensions.settings_sections().items():
        values = settings.sections[name]
        for key, (low, high) in section.ranges.items():
            value = getattr(values, key)
            if not low <= value <= high:
                raise ConfigError(path, _line_of(text, f"{name}.{key}"), f"{name}.{key}",
                                  f"expected a number from {low:g} to {high:g}, got {value!r}")
        problem = section.check(values) if section.check is not None else None
        if problem is not None:
            key, line_key, message = problem
            raise ConfigError(path, _line_of(text, line_key), f"{name}.{key}", message)


def parse(text: str, path: Path) -> Settings:
    """Settings from the text of a config file; raises `ConfigError`."""
    import tomllib  # here, not at the top: without a config file, starting needs no TOML reader

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else text.count("\n") + 1
        message = re.sub(r"\s*\((at line \d+, column \d+|at end of document)\)", "", str(exc))
        raise ConfigError(path, line, "", f"TOML syntax error: {message}") from None
    settings = Settings(path=path)
    simple = {f.name: f for f in fields(Settings)}
    owned = extensions.settings_sections()
    for key, value in raw.items():
        if key in owned:
            _check_type(path, text, key, value, dict)
            section = settings.sections[key]
            names = {f.name for f in fields(section)}
            for skey, svalue in value.items():
                if skey not in names:
                    raise ConfigError(path, _line_of(text, skey), f"{key}.{skey}", "unknown setting")
                expected = owned[key].expected.get(skey, (int, float))
                _check_type(path, text, f"{key}.{skey}", svalue, expected)
                setattr(section, skey, svalue)
            continue
        if key not in simple or key == "path" or key == "sections":
            raise ConfigError(path, _line_of(text, key), key, "unknown setting")
        expected = {"keymap": dict, "forms": dict, "remind_interval_hours": (int, float),
                    "urge_interval_hours": (int, float)}.get(key, str)
        _check_type(path, text, key, value, expected)
        setattr(settings, key, value)
    if settings.language not in LANGUAGES:
        raise ConfigError(path, _line_of(text, "language"), "language", f"unknown language {settings.language!r}; choose one of {', '.join(LANGUAGES)}")
    if settings.theme not in THEMES:
        raise ConfigError(path, _line_of(text, "theme"), "theme", f"unknown theme {settings.theme!r}; choose one of {', '.join(THEMES)}")
    if settings.calendar not in CALENDARS:
        raise ConfigError(path, _line_of(text, "calendar"), "calendar", f"unknown calendar {settings.calendar!r}; choose one of {', '.join(CALENDARS)}")
    _check_numbers(path, text, settings)
    for form_id, params in settings.forms.items():
        if not isinstance(params, dict):
            raise ConfigError(path, _line_of(text, f"forms.{form_id}"), f"forms.{form_id}", "expected a table of parameters, e.g. [forms.purchase_request]")
        for name, value in params.items():
            if not isinstance(value, (int, float, str, bool, date)):
                raise ConfigError(path, _line_of(text, name), f"forms.{form_id}.{name}", f"expected a number, text, true/false or a date, got {value!r}")
    for key in ("forms_dir", "calendar_dir"):
        folder = getattr(settings, key)
        if folder and not Path(folder).expanduser().is_dir():
            raise ConfigError(path, _line_of(text, key), key, f"no such folder: {folder}")
    if not settings.export_dir.isprintable() or len(settings.export_dir) > 1000:
        raise ConfigError(path, _line_of(text, "export_dir"), "export_dir",
                          "expected a folder path on one line, at most 1000 characters")
    for binding, keys in settings.keymap.items():
        if not isinstance(keys, str):
            raise ConfigError(path, _line_of(text, binding), f"keymap.{binding}", "keys must be a string such as \"a,y\"")
    return settings


def load(path: Path | None = None) -> Settings:
    """Read the config file (`TUI_OFFICE_CONFIG` or the platform default); missing: defaults.

    `TUI_OFFICE_DB` overrides the database setting.
    """
    path = path or locations.config_file()
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(path, 0, "", f"cannot read: {exc}") from None
        settings = parse(text, path)
    else:
        settings = Settings(path=path)
    env_db = os.environ.get("TUI_OFFICE_DB")
    if env_db:
        settings.database = env_db
    return settings


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings as TOML (only what differs from the defaults)."""
    path = path or settings.path or locations.config_file()
    data = asdict(settings)
    data.pop("path", None)
    sections = data.pop("sections", {})
    defaults = asdict(Settings())
    out = {k: v for k, v in data.items() if k != "path" and v != defaults.get(k)}
    for name, section in sections.items():
        changed = {k: v for k, v in section.items() if v != defaults["sections"].get(name, {}).get(k)}
        if changed:
            out[name] = changed
    import tomli_w  # here, not at the top: only saving settings writes TOML

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(out), encoding="utf-8")
    return path
