"""Eight processes work one database at once for a bounded time: nothing is locked, lost or stuck.

Each process opens its own office on the same database (a SQLite file, or PostgreSQL in that leg) and runs the soak's operation mix as
random users (see `soak.py`); afterwards the database is checked (see `invariants.py`).
"""

from __future__ import annotations

import random
from pathlib import Path

from tests.backend import office_db
from tests.reliability.soak import MIX, run_soak

PROCESSES = 8
SECONDS = 15


def test_eight_processes_at_once_leave_a_sound_database_and_a_true_audit_trail(tmp_path: Path) -> None:
    seed = random.randrange(10**6)
    result = run_soak(office_db(tmp_path, "soak.db"), processes=PROCESSES, seconds=SECONDS, seed=seed, folder=tmp_path)
    report = f"seed {seed}\n{result.report()}"

    assert result.integrity == "ok", report
    assert result.chain_ok, report
    assert result.count("locked") == 0, report
    assert result.count("unexpected") == 0, report
    assert result.stuck == [], report
    assert (result.lost, result.phantom) == (0, 0), report
    assert result.problems == [], report
    for name, _ in MIX:  # the run did real work: each operation in the mix went through at least once
        assert result.outcomes.get(name, {}).get("ok", 0) > 0, report
