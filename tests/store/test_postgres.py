"""What only a PostgreSQL office shows: its upgrade to kept list sizes, case-blind inbox search,
the writer lock, and the one-line refusal when the driver is missing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.backend import rows
from tests.factories import demo_office
from tui_office.services import decisions, queries, workflow
from tui_office.services.office import Office
from tui_office.store.db import WRITER_LOCK
from tui_office.store.migrations import SCHEMA_VERSION
from tui_office.store.proxy import database


def _request(office: Office, subject: str) -> str:
    return workflow.submit(office, "emily", "general_request", {"subject": subject, "details": "10 boxes"})


@pytest.mark.postgres
def test_an_office_from_before_kept_list_sizes_counts_its_lists_once_upgraded(tmp_path: Path) -> None:
    office = demo_office(tmp_path)
    first = _request(office, "Printer paper")
    db = office.target
    office.close()
    # As the previous version left a PostgreSQL office: no list sizes, no triggers, schema version 9.
    rows(db, "DROP TABLE user_lists")
    rows(db, "DROP FUNCTION user_lists_task, user_lists_document, user_lists_notification, user_lists_add CASCADE")
    rows(db, "UPDATE schema_version SET version = 9")

    office = Office.open(office.settings, db, clock=office.clock)
    second = _request(office, "Toner")
    assert queries.inbox(office, "zhaolei").total == 2
    assert rows(db, "SELECT version FROM schema_version") == [(SCHEMA_VERSION,)]

    decisions.act(office, "zhaolei", "approve", first)
    page = queries.inbox(office, "zhaolei")
    assert page.total == 1 and [r.number for r in page.rows] == [second]
    assert rows(db, "SELECT todo, done FROM user_lists JOIN \"user\" u ON u.id = user_id WHERE u.login = 'zhaolei'") \
        == [(1, 1)]
    office.close()


@pytest.mark.postgres
def test_inbox_search_ignores_case_as_on_sqlite(tmp_path: Path) -> None:
    office = demo_office(tmp_path)
    number = _request(office, "Quarterly Budget Review")
    assert [r.number for r in queries.inbox(office, "zhaolei", text="budget review").rows] == [number]
    assert [r.number for r in queries.inbox(office, "zhaolei", text="QUARTERLY").rows] == [number]
    office.close()


@pytest.mark.postgres
def test_each_transaction_holds_the_writer_lock_until_it_ends(tmp_path: Path) -> None:
    """A second writer (another host, say) waits for the first instead of reading the audit tip it
    is about to move: asking for the lock while a transaction is open finds it taken."""
    office = demo_office(tmp_path)
    ask = f"SELECT pg_try_advisory_xact_lock({WRITER_LOCK})"
    with database.atomic():
        held = rows(office.target, ask)
    assert held == [(False,)]
    assert rows(office.target, ask) == [(True,)]
    office.close()


def test_a_postgresql_address_without_the_driver_is_refused_in_one_line_naming_the_extra(tmp_path: Path) -> None:
    blocked = ("import sys; sys.modules['psycopg'] = sys.modules['psycopg2'] = None; "
               "sys.argv = ['tui-office', '--db', 'postgresql://clerk@db.example/office', 'inbox']; "
               "from tui_office.cli.main import run; run()")
    proc = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "tui-office[postgres]" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
