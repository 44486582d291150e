"""`tui-office print`: writes the file and says where; refusals are one line on stderr, exit 1 (a
usage error exit 2), and write nothing."""

from __future__ import annotations

import os

import pytest

from tests.backend import office_db
from tests.inprocess import run_cli


@pytest.fixture
def cli(office, number, tmp_path):
    office.close()
    env = dict(os.environ, TUI_OFFICE_NOW="2026-11-25T09:00")

    def run(*args: str, user: str = "emily") -> tuple[int, str, str]:
        done = run_cli(["--db", office_db(tmp_path), "--user", user, *args], env=env)
        return done.returncode, done.stdout, done.stderr

    return run


def test_print_writes_the_history_and_refuses_in_one_line(cli, number, tmp_path):
    out = tmp_path / "history.txt"
    assert cli("print", number, "-o", str(out), "--lang", "zh-CN") == (0, f"审批记录已保存到 {out}\n", "")
    assert out.read_text(encoding="utf-8").startswith(f"审批记录 {number}\n")
    code, _, err = cli("print", number, "-o", str(out))
    assert (code, err) == (1, f"tui-office: {out} already exists; pass --force to replace it.\n")
    assert cli("print", number, "-o", str(out), "--force", "--format", "html")[0] == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = cli("print", number, "-o", str(tmp_path / "other.html"), user="guoqiang")
    assert (code, err) == (1, f"tui-office: You are not allowed to see {number}.\n")
    code, _, err = cli("print", "A" * 5000, "-o", str(tmp_path / "long.txt"))
    assert (code, err) == (1, "tui-office: A document number has at most 100 characters.\n")
    code, _, err = cli("print", "PR\x1b[2J", "-o", str(tmp_path / "ctl.txt"))
    assert code == 1 and err.count("\n") == 1 and "\\x1b" in err
    code, _, err = cli("print", number)
    assert code == 2 and err.count("\n") == 1 and "-o/--out" in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".txt", ".html")) == ["history.txt"]
