"""`config.toml`: defaults, every way a file can be wrong (one located line), overrides, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_office import config, locations
from tui_office.config import ConfigError, Settings
from tui_office.workflows.leave.settings import LeaveSettings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> ConfigError:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    return caught.value


def test_no_file_means_defaults(tmp_path: Path) -> None:
    settings = config.load(tmp_path / "missing.toml")
    assert settings == Settings(path=tmp_path / "missing.toml")
    assert (settings.language, settings.theme, settings.calendar, settings.database) == ("en", "default", "cn", "")


def test_default_location_follows_tui_office_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'language = "zh-CN"\n')
    monkeypatch.setenv("TUI_OFFICE_CONFIG", str(path))
    assert locations.config_file() == path
    assert config.load().language == "zh-CN"


def test_default_location_is_the_user_config_dir(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TUI_OFFICE_CONFIG")
    assert locations.config_file() == isolated_home / "config" / "tui-office" / "config.toml"
    assert locations.default_database() == isolated_home / "data" / "tui-office" / "office.db"
    assert locations.demo_database() == isolated_home / "data" / "tui-office" / "demo.db"


def test_a_full_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
database = "/srv/office.db"
language = "zh-CN"
theme = "high-contrast"
user = "wangfang"
calendar = "plain"
remind_interval_hours = 4

[keymap]
"app.quit" = "q,ctrl+q"

[forms.purchase_request]
leadership_threshold = 50000

[leave]
long_single_days = 10
statutory_days = { marriage = 10, maternity = 158, bereavement = 3 }
""",
    )
    settings = config.load(path)
    assert settings.database == "/srv/office.db"
    assert settings.language == "zh-CN"
    assert settings.theme == "high-contrast"
    assert settings.user == "wangfang"
    assert settings.calendar == "plain"
    assert settings.remind_interval_hours == 4
    assert settings.keymap == {"app.quit": "q,ctrl+q"}
    assert settings.forms == {"purchase_request": {"leadership_threshold": 50000}}
    assert settings.sections["leave"].long_single_days == 10
    assert settings.sections["leave"].statutory_days["maternity"] == 158
    assert settings.sections["leave"].long_year_days == LeaveSettings().long_year_days
    assert settings.path == path


def test_syntax_error_gives_file_and_line(tmp_path: Path) -> None:
    error = error_for(tmp_path, 'language = "en"\ntheme = "light"\nuser = wangfang\n')
    assert error.line == 3
    assert f"{tmp_path / 'config.toml'}:3:" in str(error)
    assert "TOML" in str(error)


def test_unknown_key(tmp_path: Path) -> None:
    error = error_for(tmp_path, 'language = "en"\ncolour = "blue"\n')
    assert (error.line, error.key) == (2, "colour")
    assert "unknown" in str(error)


def test_unknown_leave_key(tmp_path: Path) -> None:
    error = error_for(tmp_path, '[leave]\nlong_single_days = 3\nsabbatical = 90\n')
    assert (error.line, error.key) == (3, "leave.sabbatical")


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ('language = "en"\nremind_interval_hours = "soon"\n', 2, "remind_interval_hours"),
        ('user = 42\n', 1, "user"),
        ('theme = "light"\nkeymap = "vim"\n', 2, "keymap"),
        ('remind_interval_hours = true\n', 1, "remind_interval_hours"),
        ('[leave]\nlong_year_days = "a month"\n', 2, "leave.long_year_days"),
        ('[keymap]\n"app.quit" = 1\n', 2, "keymap.app.quit"),
    ],
)
def test_wrong_type_gives_line_and_key(tmp_path: Path, text: str, line: int, key: str) -> None:
    error = error_for(tmp_path, text)
    assert (error.line, error.key) == (line, key)
    assert f":{line}:" in str(error) and key in str(error)


def test_export_dir_is_a_folder_path_on_one_line(tmp_path: Path) -> None:
    assert config.parse('export_dir = "~/printouts"\n', tmp_path / "config.toml").export_dir == "~/printouts"
    error = error_for(tmp_path, 'language = "en"\nexport_dir = "/tmp/a\\u001b[2J"\n')
    assert (error.line, error.key) == (2, "export_dir") and "on one line" in str(error)
    error = error_for(tmp_path, "export_dir = 3\n")
    assert (error.line, error.key) == (1, "export_dir") and "expected str" in str(error)


@pytest.mark.parametrize(
    ("text", "key", "choices"),
    [
        ('language = "en"\ntheme = "solarized"\n', "theme", "default, light, high-contrast"),
        ('language = "fr"\n', "language", "en, zh-CN"),
        ('calendar = "us"\n', "calendar", "cn, plain"),
    ],
)
def test_values_outside_their_list(tmp_path: Path, text: str, key: str, choices: str) -> None:
    error = error_for(tmp_path, text)
    assert error.key == key
    assert choices in str(error)


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'user = "\xff\xfe"\n')
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_tui_office_db_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, 'database = "/from/file.db"\n')
    assert config.load(path).database == "/from/file.db"
    monkeypatch.setenv("TUI_OFFICE_DB", "/from/env.db")
    assert config.load(path).database == "/from/env.db"
    assert config.load(tmp_path / "missing.toml").database == "/from/env.db"


def test_save_then_load_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        database="/srv/office.db",
        language="zh-CN",
        theme="light",
        user="sunyan",
        calendar="plain",
        keymap={"inbox.approve": "a,y"},
        remind_interval_hours=12.5,
        forms={"purchase_request": {"leadership_threshold": 80000}},
        sections={"leave": LeaveSettings(long_single_days=20, statutory_days={"marriage": 13, "maternity": 158, "bereavement": 3})},
    )
    path = config.save(settings, tmp_path / "sub" / "config.toml")
    assert path == tmp_path / "sub" / "config.toml"
    loaded = config.load(path)
    settings.path = path
    assert loaded == settings


def test_save_writes_only_what_differs_from_the_defaults(tmp_path: Path) -> None:
    path = config.save(Settings(theme="light"), tmp_path / "config.toml")
    assert path.read_text(encoding="utf-8").strip() == 'theme = "light"'
    assert config.load(path) == Settings(theme="light", path=path)


def test_the_readme_documents_every_setting() -> None:
    """The README's example config.toml names every setting, so the documentation stays complete."""
    from dataclasses import fields

    example = _readme_config_example()
    for setting in fields(Settings):
        if setting.name not in ("path", "sections"):
            assert f"\n{setting.name} =" in example or f"[{setting.name}" in example, setting.name
    for setting in fields(LeaveSettings):
        assert f"\n{setting.name} =" in example, f"leave.{setting.name}"


def test_the_readme_example_config_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the example's ~/office folders must exist
    (tmp_path / "office" / "forms").mkdir(parents=True)
    (tmp_path / "office" / "calendars").mkdir()
    example = _readme_config_example()
    settings = config.load(write(tmp_path, example))
    assert settings.theme == "high-contrast" and settings.language == "zh-CN"


def _readme_config_example() -> str:
    """The first TOML block of the README's Configuration section."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration"):]
    example = section[section.index("```toml") + len("```toml"):]
    return example[: example.index("```")]
