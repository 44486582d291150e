"""Provides the demo office's live documents: one or more in every state, with realistic history.

Created through the same use cases a clerk uses (so the audit trail is real), with the clock set
back to spread them over the last two weeks. Runs only on a database without documents.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui_office.domain.clock import Clock, FixedClock
from tui_office.services import queries, workflow
from tui_office.services.decisions import act
from tui_office.services.office import Office
from tui_office.store.models import Document


def _at(office: Office, when: datetime) -> None:
    office.clock = FixedClock(when)


def _gr(office: Office, who: str, subject: str, details: str) -> str:
    return workflow.submit(office, who, "general_request", {"subject": subject, "details": details})


def _pr(office: Office, who: str, item: str, quantity: int, amount: str, reason: str) -> str:
    return workflow.submit(office, who, "purchase_request",
                           {"item": item, "quantity": str(quantity), "amount": amount, "reason": reason})


def load_documents(office: Office, demo_user: str = "wangfang") -> int:
    """Create the demo documents unless the database already has documents; returns how many."""
    if Document.select().exists():
        return 0
    real: Clock = office.clock
    now = real.now().replace(second=0, microsecond=0)
    start = now - timedelta(days=14)
    try:
        def day(n: float, hour: int = 9) -> datetime:
            return (start + timedelta(days=n)).replace(hour=hour, minute=15 * (int(n) % 4))

        _at(office, day(0))
        done = _gr(office, "emily", "Business cards for the trade fair", "200 cards, bilingual.")
        _at(office, day(1))
        act(office, "zhaolei", "approve", done, comment="同意")

        _at(office, day(2))
        rejected = _gr(office, "zhouqiang", "Second monitor", "For the sales dashboards.")
        _at(office, day(3))
        act(office, "zhaolei", "reject", rejected, comment="Probation staff share the pool monitors.")

        _at(office, day(3, 14))
        returned = _gr(office, "sunyan", "Archive boxes", "Boxes for last year's contracts.")
        _at(office, day(4))
        act(office, "zhaolei", "return", returned, to="initiator", comment="请补充数量")

        _at(office, day(4, 11))
        withdrawn = _gr(office, "emily", "Taxi to the airport", "Customer visit.")
        act(office, "emily", "withdraw", withdrawn, comment="Customer cancelled")

        _at(office, day(5))
        big = _pr(office, "david", "Oscilloscope", 1, "128000", "Lab equipment for the new product line.")
        _at(office, day(6))
        act(office, "mayu", "approve", big, comment="Needed for Q1.")
        _at(office, day(7))
        act(office, "chenjing", "approve", big, comment="同意")
        act(office, "chenjing", "cc", big, to=demo_user, comment="For the asset register.")

        _at(office, day(8))
        small_order = _pr(office, "linna", "Printer toner", 12, "3600", "Quarterly stock.")
        _at(office, day(9))
        act(office, "hejun", "approve", small_order, comment="同意")

        _at(office, day(6, 10))
        overdue = _gr(office, "david", "Training room booking", "Room B, Dec 3, 14:00–17:00, 20 people.")
        _at(office, day(6, 11))
        act(office, "mayu", "delegate", overdue, to=demo_user, comment="Admin handles the rooms.")

        _at(office, day(12))
        todo = _gr(office, "emily", "Visitor passes", "Three visitors from Shenzhen Optics, Friday.")
        act(office, "zhaolei", "delegate", todo, to=demo_user, comment="Reception is yours.")
        _at(office, day(13, 15))
        fresh = _gr(office, "luoping", "Copy of the 2025 site visas", "For the settlement review.")
        act(office, "xuhao", "add-approver", fresh, to=demo_user, position="before", comment="Please confirm the archive copy.")

        _at(office, day(10))
        _gr(office, demo_user, "New staff ID photos", "Photographer on Dec 1 for four new hires.")
        _at(office, day(11))
        workflow.save_draft(office, demo_user, "general_request", {"subject": "Year-end dinner venue"})

        _at(office, day(13, 16))
        sealed = _gr(office, "sunyan", "采购合同盖章", "与深圳光学的采购合同需加盖公章，一式两份。")
        _at(office, day(13, 17))
        act(office, "zhaolei", "approve", sealed, comment="同意，盖章后交档案室存档")
        _at(office, day(13, 18))
        queries.show(office, "zhangli", done)  # the archive keeper looks up an archived request: logged
        return Document.select().count()
    finally:
        office.clock = real
