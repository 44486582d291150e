"""Provides the monthly numbering and filing of sales contracts (合同按月编号归档): by the 5th of
each month (the next working day when the office is closed then) sales administration numbers
every sales contract signed in the previous month — orders entered under a signed contract and
approved — in one sequence per month (`XS-202611-001` …, in the order they were signed) and files
them. `remind` nags sales administration from the 1st while any is unfiled, and flags the month
late once the day has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tui_office.domain import engine
from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.services import audit, workflow
from tui_office.services.office import Office
from tui_office.store import users as user_store
from tui_office.store.db import database
from tui_office.store.models import Document
from tui_office.workflows.sales import master, rules
from tui_office.workflows.sales.models import ContractFiling, FilingMonth

ORDER_FORM = "sales_order"
TOLD = ("sales_admin",)
"""Who is nagged and told the month is late."""


@dataclass(frozen=True)
class FilingStatus:
    month: str
    deadline: date
    late: bool
    filed: list[dict] = field(default_factory=list)
    unfiled: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"month": self.month, "deadline": self.deadline.isoformat(), "late": self.late,
                "filed": self.filed, "unfiled": self.unfiled}


def _key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _contracts(year: int, month: int) -> list[Document]:
    """Approved orders under a contract signed in the month, in the order they were signed."""
    found = [d for d in Document.select().where((Document.form_id == ORDER_FORM) & (Document.status == engine.APPROVED))
             if (d.fields or {}).get("basis") == "contract"
             and str((d.fields or {}).get("signed_on") or "").startswith(_key(year, month) + "-")]
    return sorted(found, key=lambda d: (str(d.fields.get("signed_on")), d.id))


def _filed(month: str) -> dict[str, ContractFiling]:
    return {f.order_number: f for f in ContractFiling.select().where(ContractFiling.month == month)}


def status(office: Office, year: int, month: int) -> FilingStatus:
    key = _key(year, month)
    filed = _filed(key)
    row = FilingMonth.get_or_none(FilingMonth.month == key)
    return FilingStatus(
        month=key, deadline=rules.filing_deadline(year, month, office.calendar), late=bool(row and row.late),
        filed=[{"number": f.order_number, "filing_no": f.filing_no, "filed_at": f.filed_at.isoformat(),
                "filed_by": f.filed_by.login if f.filed_by_id else ""}
               for f in sorted(filed.values(), key=lambda f: f.seq)],
        unfiled=[d.number for d in _contracts(year, month) if d.number not in filed])


def file_month(office: Office, me: str, year: int, month: int) -> FilingStatus:
    """Number and file every unfiled contract of a month that has ended; one transaction."""
    now = office.clock.now()
    if (year, month) >= (now.year, now.month):
        raise OfficeError("sales_month_not_over", month=_key(year, month))
    key = _key(year, month)
    with database.atomic():
        user = master.require_master_role(me)
        filed = _filed(key)
        seq = max((f.seq for f in filed.values()), default=0)
        for doc in _contracts(year, month):
            if doc.number in filed:
                continue
            seq += 1
            number = rules.filing_number(year, month, seq)
            ContractFiling.create(order_number=doc.number, month=key, seq=seq, filing_no=number, filed_at=now,
                                  filed_by=user)
            audit.record(document_id=doc.id, actor_id=user.id, action="sales_filed", at=now,
                         changes={"filing_no": number, "month": key})
    return status(office, year, month)


def sweep(office: Office) -> list[str]:
    """`remind`: from the 1st, nag sales administration (once a day) while last month's contracts
    are unfiled; after the deadline, flag the month late (once) and tell them."""
    today = office.clock.today()
    year, month = rules.previous_month(today)
    key = _key(year, month)
    unfiled = [d.number for d in _contracts(year, month) if d.number not in _filed(key)]
    if not unfiled:
        return []
    deadline = rules.filing_deadline(year, month, office.calendar)
    now = office.clock.now()
    with database.atomic():
        row, _ = FilingMonth.get_or_create(month=key)
        if today > deadline:
            if row.late:
                return []
            row.late = True
            row.save()
            audit.record(document_id=None, actor_id=None, action="sales_filing_late", at=now,
                         changes={"month": key, "unfiled": unfiled})
            kind, line = "sales_filing_late", t("sales.filing.late_line", month=key, deadline=deadline.isoformat(),
                                                  count=len(unfiled))
        else:
            if row.nagged_on == today:
                return []
            row.nagged_on = today
            row.save()
            kind, line = "sales_filing_due", t("sales.filing.due_line", month=key, deadline=deadline.isoformat(),
                                                 count=len(unfiled))
        for role in TOLD:
            for person in user_store.active_with_role(role):
                workflow.notify(person.id, None, kind, now, month=key, deadline=deadline.isoformat(), count=len(unfiled))
    return [line]
