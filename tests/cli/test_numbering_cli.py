"""Numbering schemes through the command line, with the test-only forms in `tests/forms/`:
contract numbers per project (`{project}-CS-{seq:03}`) taken by racing `submit` processes with no
gap and no duplicate, and order numbers per month given when the order is approved
(`number_at = "archive"`), the document staying found by its provisional number."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.backend import office_db
from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]
FORMS = REPO / "tests" / "forms"
RACERS = 4


def _command(db: Path, user: str, args: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "tui_office", "--db", str(db), "--user", user, *args]


@pytest.fixture
def cli(tmp_path: Path):
    db = office_db(tmp_path)

    def run(*args: str, user: str = "emily", now: str = "2026-11-30T09:00") -> subprocess.CompletedProcess:
        return run_cli(_command(db, user, args)[3:], cwd=REPO, env=dict(os.environ, TUI_OFFICE_NOW=now))

    assert run("init", "--demo").returncode == 0
    loaded = run("definitions", "load", str(FORMS), user="admin")
    assert loaded.returncode == 0, loaded.stderr
    run.db = db
    return run


def _show(cli, number: str, now: str = "2026-11-30T09:00") -> dict:
    shown = cli("show", number, "--json", now=now)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_racing_submitters_get_each_project_number_once_with_no_gap(cli) -> None:
    """Four `submit` processes started together on one project get ALPHA-CS-001 … 004, each once;
    another project counts from 001; a withdrawn document keeps its number, which is never given
    again; a draft has a provisional number until it is sent, and is still found by it."""
    env = dict(os.environ, TUI_OFFICE_NOW="2026-11-30T09:00")
    racers = [subprocess.Popen(_command(cli.db, "emily", ("submit", "t_project_contract", "--set", "project=ALPHA",
                                                          "--set", f"subject=Contract {i}")),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)
              for i in range(RACERS)]
    outputs = [p.communicate(timeout=60) for p in racers]
    assert [p.returncode for p in racers] == [0] * RACERS, outputs
    assert all(err == "" for _, err in outputs), outputs
    assert sorted(out.strip() for out, _ in outputs) == [f"ALPHA-CS-00{i}" for i in range(1, RACERS + 1)]

    assert cli("submit", "t_project_contract", "--set", "project=BETA", "--set", "subject=B").stdout.strip() == "BETA-CS-001"
    assert cli("act", "withdraw", "ALPHA-CS-004").returncode == 0
    draft = cli("submit", "t_project_contract", "--set", "project=ALPHA", "--set", "subject=Later", "--draft")
    provisional = draft.stdout.strip()
    assert provisional == "TPC-2026-0001"
    sent = cli("submit", "t_project_contract", "--number", provisional)
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.strip() == "ALPHA-CS-005"
    view = _show(cli, provisional)
    assert view["number"] == "ALPHA-CS-005" and view["earlier_numbers"] == [provisional]
    assert cli("audit", "verify").returncode == 0


def test_a_number_part_that_cannot_be_in_a_number_is_refused_in_one_line(cli) -> None:
    refused = cli("submit", "t_project_contract", "--set", "project=A B/1", "--set", "subject=x")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "project: number_part: 'A B/1' cannot be part of a document number: use letters, digits, '-', '_' and '.'"
        " only, at most 20 characters."]
    assert json.loads(cli("inbox", "--json", "--tab", "submitted").stdout) == []


def test_monthly_numbers_are_given_at_the_archive_and_count_per_month(cli) -> None:
    """An order has a provisional TMO-… number until it is approved; it then gets the next XS number
    of the month it was approved in (November's, then December's from 001 again) and stays found —
    for `show` and `act` alike — by its provisional number."""
    first = cli("submit", "t_monthly_order", "--set", "subject=Paper").stdout.strip()
    second = cli("submit", "t_monthly_order", "--set", "subject=Toner").stdout.strip()
    third = cli("submit", "t_monthly_order", "--set", "subject=Pens").stdout.strip()
    assert [first, second, third] == ["TMO-2026-0001", "TMO-2026-0002", "TMO-2026-0003"]
    inbox = [row["number"] for row in json.loads(cli("inbox", "--json", user="zhaolei").stdout)]
    assert first in inbox and _show(cli, first)["earlier_numbers"] == []

    approved = cli("act", "approve", second, user="zhaolei", now="2026-11-30T17:00")
    assert approved.returncode == 0, approved.stderr
    assert approved.stdout.strip() == "XS-202611-0001 approved."
    assert cli("act", "approve", first, user="zhaolei", now="2026-12-01T09:00").stdout.strip() == "XS-202612-0001 approved."
    assert cli("act", "approve", third, user="zhaolei", now="2026-12-01T09:30").stdout.strip() == "XS-202612-0002 approved."

    later = "2026-12-01T10:00"
    view = _show(cli, second, now=later)
    assert (view["number"], view["earlier_numbers"], view["status"]) == ("XS-202611-0001", [second], "approved")
    numbered = [h for h in view["history"] if h["action"] == "numbered"]
    assert [h["comment"] for h in numbered] == [f"{second} → XS-202611-0001"]
    assert "earlier number: TMO-2026-0001" in cli("show", "XS-202612-0001", now=later).stdout
    done = [row["number"] for row in json.loads(cli("inbox", "--json", "--tab", "done", user="zhaolei", now=later).stdout)]
    assert sorted(done) == ["XS-202611-0001", "XS-202612-0001", "XS-202612-0002"]
    comment = cli("act", "comment", first, "--comment", "Delivered", now=later)
    assert comment.returncode == 0, comment.stderr
    assert cli("audit", "verify", now=later).returncode == 0


BAD_SCHEMES = {
    "no_seq": ('number = "CS-{yyyy}"', 6, "number 'CS-{yyyy}' has no sequence: add {seq} or {seq:04}"),
    "bad_width": ('number = "CS-{seq:12}"', 6, "number: bad sequence width {seq:12}"),
    "unknown_field": ('number = "{project}-{seq:03}"', 6, "number names unknown field 'project'"),
    "optional_field": ('number = "{note}-{seq:03}"', 6, "number names 'note', which is not required"),
    "unknown_step": ('number = "CS-{seq}"\nnumber_at = "legal"', 7, "number_at names unknown step 'legal'"),
    "at_alone": ('number_at = "archive"', 6, "number_at needs a number pattern"),
}


def test_definitions_check_names_each_misused_numbering_scheme_with_its_line(cli, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, (keys, _, _) in BAD_SCHEMES.items():
        (folder / f"{name}.toml").write_text(
            f'id = "{name}"\nversion = 1\ntitle = "Bad"\nprefix = "BD"\ntitle_field = "subject"\n{keys}\n'
            '[[fields]]\nid = "subject"\ntype = "text"\nrequired = true\n'
            '[[fields]]\nid = "note"\ntype = "text"\n'
            '[[steps]]\nid = "manager"\nassignee = { dept_manager = true }\n', encoding="utf-8")
    checked = cli("definitions", "check", str(folder))
    assert checked.returncode == 1
    lines = checked.stdout.splitlines() + checked.stderr.splitlines()
    for name, (_, line, message) in BAD_SCHEMES.items():
        prefix = f"{folder / name}.toml:{line}: {message}"
        assert [x for x in lines if x.startswith(prefix)], (prefix, lines)
    assert cli("definitions", "check", str(FORMS)).stdout.strip() == f"ok: {len(list(FORMS.glob('*.toml')))} definitions"
