"""The archive: finished documents by year, form and department, and the log of outsiders' openings."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.factories import demo_office
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.services import archive, audit, queries, workflow
from tui_office.services.decisions import act


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


def finished(office, who="emily", subject="Printer paper", at=None):
    """A general request by `who`, approved by whoever its step asks (finished and archived)."""
    if at is not None:
        office.clock = FixedClock(at)
    number = workflow.submit(office, who, "general_request", {"subject": subject, "details": "-"})
    approver = queries.show(office, who, number).current_steps[0].assignees[0].login
    act(office, approver, "approve", number, comment="同意")
    assert queries.show(office, who, number).archived
    return number


def numbers(rows):
    return [r.number for r in rows]


def test_an_outsiders_opening_is_logged_and_the_archive_keeper_reads_the_log(office):
    number = finished(office)
    queries.show(office, "emily", number)  # the initiator: inside
    queries.show(office, "zhaolei", number)  # the approver: inside
    queries.show(office, "zhangli", number, opening=False)  # shown again after a change: not an opening
    assert archive.openings(office, "zhangli") == []
    office.clock = FixedClock(datetime(2026, 11, 24, 10, 30))
    queries.show(office, "zhangli", number)  # the archive keeper, outside it
    log = archive.openings(office, "admin")
    assert [(o.at, o.login, o.name, o.number) for o in log] == [(datetime(2026, 11, 24, 10, 30), "zhangli", "张丽", number)]
    assert audit.verify().ok
    with pytest.raises(PermissionDenied):
        archive.openings(office, "emily")


def test_a_document_in_progress_is_not_archived_and_its_opening_not_logged(office):
    number = workflow.submit(office, "emily", "general_request", {"subject": "Desk lamp", "details": "-"})
    queries.show(office, "admin", number)
    assert archive.openings(office, "admin") == []
    assert number not in numbers(archive.browse(office, "admin"))


def test_browsing_by_year_form_and_department_shows_only_what_the_user_may_see(office):
    old = finished(office, subject="Old paper", at=datetime(2025, 6, 2, 9, 0))
    office.clock = FixedClock(datetime(2026, 11, 23, 9, 0))
    new = finished(office, subject="New paper")
    other = finished(office, who="hejun", subject="Lab gloves")
    assert numbers(archive.browse(office, "admin")) == [other, new, old]
    assert numbers(archive.browse(office, "admin", year=2025)) == [old]
    assert numbers(archive.browse(office, "admin", dept="sales")) == [new, old]
    assert numbers(archive.browse(office, "admin", dept="采购部")) == [other]
    assert numbers(archive.browse(office, "admin", form="purchase_request")) == []
    assert numbers(archive.browse(office, "emily")) == [new, old]
    assert archive.years(office, "admin") == [2026, 2025]
    assert archive.years(office, "hejun") == [2026]


@pytest.mark.parametrize("options, field", [
    ({"year": "2026"}, "year"), ({"year": 99999}, "year"), ({"limit": 0}, "limit"),
    ({"form": "x\x1b[2J"}, "form"), ({"dept": "nowhere"}, "dept"), ({"form": 12}, "form"),
])
def test_bad_filters_are_refused_with_one_clear_reason(office, options, field):
    with pytest.raises(ValidationError) as err:
        archive.browse(office, "admin", **options)
    assert err.value.field == field and "\n" not in str(err.value)
