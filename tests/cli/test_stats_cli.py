"""`tui-office stats`: JSON for scripts, the documents behind a row, and one line for a refusal."""

from __future__ import annotations

import json

from tests.cli.test_workflow_cli import db, run  # noqa: F401  (the demo office, commands run as a script would)


def test_stats_json_and_the_documents_behind_a_row(db):  # noqa: F811
    number = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=打印纸",
                 "--set", "details=10 boxes").stdout.strip()
    out = json.loads(run(db, "--user", "zhaolei", "stats", "--json").stdout)
    assert (out["from"], out["to"], out["unit"], out["total"], out["departments"]) == \
        ("2026-09-07", "2026-11-23", "hours", 1, ["sales"])
    assert out["by_status"] == [{"key": "in_progress", "label": "In progress", "count": 1}]
    assert [w["submitted"] for w in out["weeks"]][-1] == 1
    rows = json.loads(run(db, "--user", "admin", "stats", "--documents", "dept:sales", "--json").stdout)
    assert [(r["number"], r["title"]) for r in rows] == [(number, "打印纸")]
    text = run(db, "--user", "admin", "--lang", "zh-CN", "stats").stdout
    assert "按状态" in text and "中位数" in text


def test_refusals_are_one_line(db):  # noqa: F811
    denied = run(db, "--user", "emily", "stats", check=False)
    assert denied.returncode == 1 and denied.stderr.count("\n") == 1 and "department managers" in denied.stderr
    bad = run(db, "--user", "admin", "stats", "--from", "2026-02-30", check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    backwards = run(db, "--user", "admin", "stats", "--from", "2026-11-02", "--to", "2026-11-01", check=False)
    assert backwards.returncode == 1 and "starts (2026-11-02) after it ends" in backwards.stderr
