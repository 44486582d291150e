"""A config value of the wrong type or out of range is reported in one line naming the file; it is
never silently ignored (a text threshold once skipped the leaders' countersign)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.test_no_tracebacks import _config, one_line


def test_a_text_threshold_for_the_leaders_countersign_is_refused(cli, isolated_home):
    _config(isolated_home, '[forms.purchase_request]\nleadership_threshold = "lots"\n')
    result = cli("--user", "emily", "submit", "purchase_request", "--set", "item=Spectrometer", "--set", "quantity=1",
                 "--set", "amount=150000", "--set", "reason=Lab")
    line = one_line(result)
    assert "purchase_request.toml" in line
    assert "config [forms.purchase_request] leadership_threshold must be a number" in line and "'lots'" in line


def test_a_number_threshold_still_routes_to_the_leaders(cli, isolated_home):
    _config(isolated_home, "[forms.purchase_request]\nleadership_threshold = 1000\n")
    number = cli("--user", "emily", "submit", "purchase_request", "--set", "item=Chair", "--set", "quantity=1",
                 "--set", "amount=5000", "--set", "reason=Back").out.strip()
    shown = json.loads(cli("--user", "emily", "show", number, "--json").out)
    assert shown["status"] == "in_progress"
    for approver in ("zhaolei", "chenjing"):
        assert cli("--user", approver, "act", "approve", number).code == 0
    shown = json.loads(cli("--user", "emily", "show", number, "--json").out)
    assert [s["step"] for s in shown["current_steps"]] == ["leadership"]


def test_an_override_of_a_parameter_the_form_does_not_have_is_refused(cli, isolated_home):
    _config(isolated_home, "[forms.purchase_request]\nleadership_treshold = 1000\n")
    line = one_line(cli("--user", "emily", "forms", "list"))
    assert "leadership_treshold, which is not a parameter of this form" in line


@pytest.mark.parametrize(("text", "key"), [
    ("remind_interval_hours = 0\n", "remind_interval_hours"),
    ("remind_interval_hours = -24\n", "remind_interval_hours"),
    ("[leave]\nlong_single_days = 100000\n", "leave.long_single_days"),
    ("[leave]\ngm_step_min_days = -1\n", "leave.gm_step_min_days"),
    ("[forms.purchase_request]\nleadership_threshold = [1, 2]\n", "forms.purchase_request.leadership_threshold"),
])
def test_numbers_out_of_range_are_refused(cli, isolated_home, text, key):
    path = _config(isolated_home, text)
    line = one_line(cli("--user", "emily", "inbox"))
    assert line.startswith(f"tui-office: {path}:") and f"[{key}]" in line


@pytest.mark.parametrize("key", ["forms_dir", "calendar_dir"])
def test_a_missing_extra_folder_is_reported(cli, isolated_home, tmp_path, key):
    missing = tmp_path / "nowhere"
    path = _config(isolated_home, f'{key} = "{missing}"\n')
    line = one_line(cli("--user", "emily", "inbox"))
    assert line == f"tui-office: {path}:1: [{key}] no such folder: {missing}"


def test_the_extra_folders_are_accepted_when_they_exist(cli, isolated_home, tmp_path: Path):
    (tmp_path / "f").mkdir()
    (tmp_path / "c").mkdir()
    _config(isolated_home, f'forms_dir = "{tmp_path / "f"}"\ncalendar_dir = "{tmp_path / "c"}"\n')
    assert cli("--user", "emily", "inbox").code == 0
