"""Provides the one way tests build an office: the demo office on a file database, clock fixed.

A file (not `:memory:`): workers and threads open their own connections, and an in-memory database
would be empty there. The demo office is people, departments, roles and leave allowances, no
documents; each test area adds the documents it needs through the services.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.backend import office_db
from tui_office.config import Settings
from tui_office.domain.clock import FixedClock
from tui_office.services import demo, registry
from tui_office.services.office import Office

START = datetime(2026, 11, 23, 9, 0)
"""When every test runs unless it says otherwise: a Monday morning."""


def demo_office(folder: Path, *, forms_dir: Path | None = None, at: datetime = START) -> Office:
    """The demo office in `folder/office.db` (or on PostgreSQL, `tests.backend`), the clock fixed at
    `at`; forms from `forms_dir` when given."""
    registry.forget_sync()  # definitions synced for an earlier test's database are not in this one
    settings = Settings(forms_dir=str(forms_dir)) if forms_dir else Settings()
    office = Office.open(settings, office_db(folder), clock=FixedClock(at))
    demo.load_office(office)
    return office
