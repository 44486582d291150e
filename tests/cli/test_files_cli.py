"""File fields through the command line, with the test-only form `tests/forms/t_attachment.toml`:
a file on the shared host attached by reference (path, size, SHA-256, when it was seen), `show`
warning once it changes or goes, and a copy kept in the database only when the office says so."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.backend import office_db
from tests.inprocess import run_cli

REPO = Path(__file__).resolve().parents[2]
FORMS = REPO / "tests" / "forms"
NOW = "2026-11-23T09:00"


@pytest.fixture
def cli(tmp_path: Path):
    db = office_db(tmp_path)

    def run(*args: str, user: str = "emily") -> subprocess.CompletedProcess:
        return run_cli(["--db", str(db), "--user", user, *args], cwd=REPO,
                              env=dict(os.environ, TUI_OFFICE_NOW=NOW))

    assert run("init", "--demo").returncode == 0
    loaded = run("definitions", "load", str(FORMS), user="admin")
    assert loaded.returncode == 0, loaded.stderr
    return run


def _json(cli, *args: str) -> object:
    done = cli(*args, "--json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_an_attached_file_is_kept_by_reference_and_show_warns_when_it_changes_and_when_it_goes(cli, tmp_path: Path):
    scan = tmp_path / "contract.pdf"
    scan.write_bytes(b"%PDF signed contract")
    number = cli("submit", "t_attachment", "--set", "subject=Lease", "--set", f"scan={scan}").stdout.strip()
    assert number == "TAT-2026-0001"

    view = _json(cli, "show", number)
    assert view["fields"]["scan"] == {"path": str(scan), "size": 20, "sha256": hashlib.sha256(scan.read_bytes()).hexdigest(),
                                      "seen_at": "2026-11-23T09:00:00"}
    assert [(f["field"], f["state"], f["stored"]) for f in view["files"]] == [("scan", "ok", False)]
    shown = cli("show", number)
    assert f"Signed scan: {scan} (20 B, sha256 " in shown.stdout and "warning" not in shown.stdout
    assert cli("files", "check", number).returncode == 0

    scan.write_bytes(b"%PDF signed contract, edited")
    shown = cli("show", number)
    assert shown.returncode == 0
    assert f"warning: Signed scan: {scan} changed since it was attached (size or content)" in shown.stdout.splitlines()
    assert [f["state"] for f in _json(cli, "show", number)["files"]] == ["changed"]
    checked = cli("files", "check", number)
    assert checked.returncode == 1 and checked.stdout.startswith("scan: changed since it was attached: ")

    scan.unlink()
    assert f"warning: Signed scan: {scan} is gone or can no longer be read" in cli("show", number).stdout.splitlines()
    assert [f["state"] for f in _json(cli, "files", "check", number)] == ["missing"]
    got = cli("files", "get", number, "scan", "--out", str(tmp_path / "copy.pdf"))
    assert got.returncode == 1
    assert got.stderr == (f"tui-office: No copy of the file in 'scan' of {number} is kept in the database; "
                          f"the file is at {scan}.\n")
    assert not (tmp_path / "copy.pdf").exists()
    assert cli("act", "approve", number, user="zhaolei").returncode == 0
    assert cli("audit", "verify").returncode == 0


def test_a_path_that_cannot_be_attached_is_refused_in_one_line_and_nothing_is_made(cli, tmp_path: Path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * (1048576 + 1))
    cases = {
        str(tmp_path / "none.pdf"): f"scan: file_missing: There is no file at {tmp_path / 'none.pdf'}.",
        str(tmp_path): f"scan: file_not_regular: {tmp_path} is not a regular file",
        str(big): "scan: file_too_large: The file is 1.0 MB; a file here may be at most 1.0 MB.",
        "/tmp/\x1b[2Jx": "scan: control_character:",
        "/" + "a" * 5000: "scan: file_path_too_long: A file path may be at most 4096 characters.",
    }
    for path, message in cases.items():
        refused = cli("submit", "t_attachment", "--set", "subject=Lease", "--set", f"scan={path}")
        assert refused.returncode == 1, path
        assert len(refused.stderr.splitlines()) == 1 and refused.stderr.startswith(message), (path, refused.stderr)
        assert "Traceback" not in refused.stderr
    assert _json(cli, "inbox", "--tab", "submitted") == []


def test_an_office_that_stores_files_keeps_a_copy_to_get_back_up_to_a_size_limit(cli, tmp_path: Path):
    assert cli("settings", "set", "files.store", "true", user="admin").returncode == 0
    scan = tmp_path / "signed.pdf"
    content = bytes(range(256)) * 40
    scan.write_bytes(content)
    number = cli("submit", "t_attachment", "--set", "subject=Lease", "--set", f"scan={scan}").stdout.strip()
    scan.unlink()
    out = tmp_path / "back" / "copy.pdf"
    out.parent.mkdir()
    got = cli("files", "get", number, "scan", "--out", str(out))
    assert got.returncode == 0, got.stderr
    assert got.stdout == f"{out}: 10.0 KB written\n" and out.read_bytes() == content
    again = cli("files", "get", number, "scan", "--out", str(out))
    assert again.returncode == 1 and again.stderr == f"tui-office: {out} already exists; pass --force to replace it.\n"
    assert cli("files", "get", number, "scan", "--out", str(out), "--force").returncode == 0
    assert [(f["state"], f["stored"]) for f in _json(cli, "show", number)["files"]] == [("missing", True)]
    stranger = cli("files", "get", number, "scan", "--out", str(tmp_path / "x"), user="sunyan")
    assert stranger.returncode == 1 and not (tmp_path / "x").exists()
    for odd, message in ((str(tmp_path / "a\x1b[2Jb"), "--out: control_character:"),
                         (str(tmp_path / ("a" * 300)), f"tui-office: Cannot write {tmp_path / ('a' * 300)}: "),
                         (str(tmp_path / "none" / "x"), f"tui-office: Cannot write {tmp_path / 'none' / 'x'}: ")):
        refused = cli("files", "get", number, "scan", "--out", odd)
        assert refused.returncode == 1 and len(refused.stderr.splitlines()) == 1, refused.stderr
        assert refused.stderr.startswith(message), refused.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("a") or p.name.endswith(".part")]
    wrong = cli("files", "get", number, "subject", "--out", str(tmp_path / "x"))
    assert wrong.stderr == f"tui-office: {number} has no file field 'subject' (its file fields: scan, annex).\n"

    annex = tmp_path / "annex.bin"
    with annex.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024 + 1)
    scan.write_bytes(content)
    refused = cli("submit", "t_attachment", "--set", "subject=Big", "--set", f"scan={scan}", "--set", f"annex={annex}")
    assert refused.returncode == 1
    assert refused.stderr.splitlines() == [
        "annex: file_too_large_to_store: The file is 20.0 MB, too large to keep a copy in the database (at most 20.0 MB);"
        " attach a smaller file, or ask an administrator to turn off files.store."]


def test_definitions_check_names_a_misused_file_field_with_its_line(cli, tmp_path: Path):
    bad = tmp_path / "bad_files.toml"
    bad.write_text('id = "bad_files"\nversion = 1\ntitle = "Bad"\nprefix = "BF"\ntitle_field = "subject"\n'
                   '[[fields]]\nid = "subject"\ntype = "text"\nrequired = true\n'           # 6-9
                   '[[fields]]\nid = "scan"\ntype = "file"\nmin = 10\n'                     # 10-13
                   '[[fields]]\nid = "rows"\ntype = "table"\n'                               # 14-16
                   '[[fields.columns]]\nid = "doc"\ntype = "file"\n'                         # 17-19
                   '[[steps]]\nid = "manager"\nassignee = { dept_manager = true }\nfields = ["scan"]\n',
                   encoding="utf-8")
    checked = cli("definitions", "check", str(bad))
    assert checked.returncode == 1
    lines = checked.stdout.splitlines() + checked.stderr.splitlines()
    for expected in (f"{bad}:13: field 'scan': a file field takes only max",
                     f"{bad}:19: column 'doc' of table 'rows': unknown type 'file'",
                     f"{bad}:10: step 'manager': 'scan' is a file field; files are attached at submit only"):
        assert [x for x in lines if x.startswith(expected)], (expected, lines)
