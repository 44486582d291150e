"""`tui-office digest` for cron: one summary line per user, the full digest per user to stdout or
to a file each, once a day in the notifications."""

from __future__ import annotations

from tests.cli.test_workflow_cli import db, run  # noqa: F401  (db: the demo office fixture)


def test_digest_to_files_and_stdout(db, tmp_path):  # noqa: F811
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Chairs",
                 "--set", "details=Two").stdout.strip()
    out = tmp_path / "digests"
    out.mkdir()
    lines = run(db, "--user", "admin", "digest", "--out", str(out)).stdout.splitlines()
    assert "zhaolei: 1 new, 0 overdue, 0 due today, 0 waiting on others" in lines
    assert "emily: 0 new, 0 overdue, 0 due today, 1 waiting on others" in lines
    text = (out / "zhaolei.txt").read_text(encoding="utf-8")
    assert text.startswith("Morning summary for 赵磊, 2026-11-23") and number in text
    full = run(db, "--user", "admin", "--lang", "zh-CN", "digest", "--for", "emily", "--stdout").stdout
    assert "等待他人处理（1）" in full and number in full


def test_digest_refusals_are_one_line(db, tmp_path):  # noqa: F811
    missing = run(db, "--user", "admin", "digest", "--out", str(tmp_path / "nowhere"), check=False)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    nobody = run(db, "--user", "admin", "digest", "--for", "ghost", check=False)
    assert nobody.returncode == 1 and nobody.stderr.count("\n") == 1
