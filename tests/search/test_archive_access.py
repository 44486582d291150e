"""The archive access request (档案查阅登记): an outsider asks to read an archived document, the archive
keeper grants a period, the requester may open it during that period only (the office clock decides
at each reading), and the archive log names the request each opening came through."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.factories import demo_office
from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import PermissionDenied, ValidationFailed
from tui_office.services import archive, files, printout, queries, search, workflow
from tui_office.services.decisions import act


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


def archived_request(office) -> str:
    """A purchase request of the sales department, approved all the way: archived."""
    number = workflow.submit(office, "emily", "purchase_request", {
        "item": "Trade fair stand", "quantity": "1", "amount": "8000", "reason": "December fair"})
    for who in ("zhaolei", "chenjing", "liuwei"):
        act(office, who, "approve", number, comment="同意")
    act(office, "hejun", "approve", number, fields={"supplier": "Expo Ltd", "contract_amount": "7800"})
    act(office, "hejun", "approve", number, fields={"received_on": "2026-11-23",
                                                    "received": [{"name": "Trade fair stand", "qty": 1}]})
    act(office, "emily", "approve", number, comment="All there")
    act(office, "zhengxin", "approve", number, fields={"paid_on": "2026-11-23", "paid_amount": "7800",
                                                       "payment_ref": "BK-1"})
    assert queries.show(office, "emily", number).archived
    return number


def ask(office, number, wanted_from="2026-11-24", wanted_until="2026-11-30") -> str:
    return workflow.submit(office, "mayu", "archive_access", {
        "document": number, "purpose": "Compare with this year's fair budget.",
        "wanted_from": wanted_from, "wanted_until": wanted_until})


def test_an_outsider_reads_the_archived_document_only_while_the_grant_is_in_force(office):
    number = archived_request(office)
    with pytest.raises(PermissionDenied):
        queries.show(office, "mayu", number)  # mayu (technical) took no part in it
    request = ask(office, number)
    with pytest.raises(PermissionDenied):
        queries.show(office, "mayu", number)  # asked, not granted yet
    assert queries.show(office, "zhangli", request).current_steps[0].step == "keeper"
    queries.show(office, "zhangli", number)  # the keeper looks at what is asked for (by role: no grant)
    act(office, "zhangli", "approve", request, fields={"granted_until": "2026-11-27"}, comment="查阅，不得复印。")
    with pytest.raises(PermissionDenied):
        queries.show(office, "mayu", number)  # granted from the 24th: not yet on the 23rd
    office.clock = FixedClock(datetime(2026, 11, 24, 8, 30))
    assert queries.show(office, "mayu", number).title == "Trade fair stand × 1"
    assert files.check(office, "mayu", number) == []  # what `show` and the document view also read
    verdicts = queries.verdicts(office, "mayu", number)  # what the document view offers: reading only
    assert not any(v.allowed for v in verdicts) and request in verdicts[0].reason
    with pytest.raises(PermissionDenied, match=f"You may only read {number}: your access request {request}"):
        act(office, "mayu", "comment", number, comment="Thanks")
    office.clock = FixedClock(datetime(2026, 11, 27, 17, 45))
    assert printout.gather(office, "mayu", number).number == number  # the last day: still in force
    office.clock = FixedClock(datetime(2026, 11, 28, 0, 0))
    with pytest.raises(PermissionDenied):
        queries.show(office, "mayu", number)  # the period ended by itself
    with pytest.raises(PermissionDenied):
        queries.show(office, "david", number)  # somebody else's grant lets nobody else in
    log = archive.openings(office, "zhangli")
    mine = [(o.at, o.login, o.number, o.grant) for o in log if o.login == "mayu"]
    assert mine == [(datetime(2026, 11, 27, 17, 45), "mayu", number, request),
                    (datetime(2026, 11, 24, 8, 30), "mayu", number, request)]
    assert log[-1].login == "zhangli" and log[-1].grant == ""  # the keeper's own look at it, by role
    assert [o.to_json()["grant"] for o in log if o.login == "mayu"] == [request, request]


def test_the_keeper_grants_within_the_days_asked_and_only_for_archived_documents(office):
    number = archived_request(office)
    request = ask(office, number)
    with pytest.raises(ValidationFailed, match="granted_until"):
        act(office, "zhangli", "approve", request, fields={"granted_until": "2026-12-31"})
    with pytest.raises(ValidationFailed, match="granted_until"):
        act(office, "zhangli", "approve", request)  # the period must be given
    open_one = workflow.submit(office, "emily", "general_request", {"subject": "Visitor passes", "details": "3"})
    with pytest.raises(ValidationFailed, match="access_not_archived"):
        ask(office, open_one)
    with pytest.raises(ValidationFailed, match="wanted_until"):
        ask(office, number, wanted_from="2026-11-30", wanted_until="2026-11-24")


def test_a_rejected_request_grants_nothing(office):
    number = archived_request(office)
    request = ask(office, number)
    act(office, "zhangli", "reject", request, comment="Not needed for your work.")
    office.clock = FixedClock(datetime(2026, 11, 25, 9, 0))
    with pytest.raises(PermissionDenied):
        queries.show(office, "mayu", number)


def test_the_grant_is_decided_by_the_days_of_the_request():
    from tui_office.domain.access_grants import AccessGrant, in_force

    grant = AccessGrant(document="document", until="until", start="start")
    values = {"document": "PR-2026-0001", "start": date(2026, 11, 24), "until": date(2026, 11, 27)}
    days = [date(2026, 11, d) for d in (23, 24, 27, 28)]
    assert [in_force(grant, values, ["PR-2026-0001"], d) for d in days] == [False, True, True, False]
    assert not in_force(grant, values, ["PR-2026-0002"], date(2026, 11, 25))
    assert not in_force(grant, {**values, "until": None}, ["PR-2026-0001"], date(2026, 11, 25))


def test_search_lists_the_granted_document_only_while_the_grant_is_in_force(office):
    number = archived_request(office)

    def found(who: str) -> list[str]:
        return [hit.number for hit in search.find(office, who, "Trade fair stand").hits]

    assert found("mayu") == []  # outside it
    request = ask(office, number)
    act(office, "zhangli", "approve", request, fields={"granted_until": "2026-11-27"}, comment="查阅，不得复印。")
    assert found("mayu") == []  # granted from the 24th: not yet on the 23rd
    office.clock = FixedClock(datetime(2026, 11, 24, 8, 30))
    assert found("mayu") == [number]
    assert [h.number for h in search.find(office, "mayu", f"{number} form:purchase_request").hits] == [number]
    assert found("david") == []  # somebody else's grant finds nothing for anybody else
    office.clock = FixedClock(datetime(2026, 11, 27, 23, 59))
    assert found("mayu") == [number]  # the last day
    office.clock = FixedClock(datetime(2026, 11, 28, 0, 0))
    assert found("mayu") == []  # the period ended by itself
    assert found("zhangli") == [number]  # the keeper, by role
