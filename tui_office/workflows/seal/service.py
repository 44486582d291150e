"""Provides the seal register (用印登记簿): every use of a seal, from the `seal` steps acted on.

A use is a seal step approved by its keeper: the document, who applied, which seal, how many
copies and on which day the keeper recorded. The register is for the seal keepers, the archive
and administrators. The seal application's demo documents are here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tui_office.domain.clock import FixedClock
from tui_office.domain.definitions import STEP_KIND_ROLES
from tui_office.domain.errors import PermissionDenied
from tui_office.i18n import pick
from tui_office.services import registry, workflow
from tui_office.services.decisions import act
from tui_office.services.office import Office
from tui_office.services.permissions import has_role
from tui_office.store.models import Document, Task, User

FORM_ID = "seal_application"
SEAL_KEEPER = STEP_KIND_ROLES["seal"]
READERS = (SEAL_KEEPER, "archive", "admin")
"""Roles that may read the register."""


@dataclass(frozen=True)
class SealUse:
    """One use of a seal, as the register lists it."""

    number: str
    sealed_on: date
    seal: str
    """The seal's name in the current language (the form's `seal_type` choice)."""
    seal_type: str
    copies: int | None
    documents: str
    applicant: str
    department: str
    keeper: str
    purpose: str

    def to_json(self) -> dict:
        return {"number": self.number, "sealed_on": self.sealed_on.isoformat(), "seal_type": self.seal_type,
                "seal": self.seal, "copies": self.copies, "documents": self.documents, "applicant": self.applicant,
                "department": self.department, "keeper": self.keeper, "purpose": self.purpose}


def may_read(login: str) -> bool:
    return any(has_role(login, role) for role in READERS)


def register(office: Office, login: str, *, seal_type: str | None = None) -> list[SealUse]:
    """Every recorded use of a seal, newest first (only `seal_type` with one)."""
    if not may_read(login):
        raise PermissionDenied("seal_register_refused", login=login, roles=", ".join(READERS))
    uses: list[SealUse] = []
    tasks = (Task.select(Task, Document).join(Document)
             .where((Task.status == "done") & (Task.decision == "approve") & (Task.kind != "cc"))
             .order_by(Task.acted_at.desc(), Task.id.desc()))
    for task in tasks:
        doc = task.document
        form = registry.form_by_definition_id(office, doc.definition_id)
        step = next((s for s in form.steps if s.id == task.step), None)
        if step is None or step.kind != "seal":
            continue
        values = doc.fields or {}
        kind = str(values.get("seal_type", ""))
        if seal_type and kind != seal_type:
            continue
        uses.append(_use(form, doc, task, values, kind))
    return uses


def _use(form, doc: Document, task: Task, values: dict, kind: str) -> SealUse:
    choice = form.field("seal_type").choice(kind) if any(f.id == "seal_type" for f in form.fields) else None
    sealed_on = values.get("sealed_on") or (task.acted_at.date().isoformat() if task.acted_at else "")
    copies = values.get("copies_sealed", values.get("copies"))
    keeper = User.get_by_id(task.acted_by_id) if task.acted_by_id else task.assignee
    department = pick(doc.department.name_en, doc.department.name_zh) if doc.department_id else ""
    return SealUse(
        number=doc.number, sealed_on=date.fromisoformat(str(sealed_on)[:10]), seal=choice.label if choice else kind,
        seal_type=kind, copies=int(copies) if copies not in (None, "") else None,
        documents=str(values.get("documents", doc.title)), applicant=doc.initiator.name, department=department,
        keeper=keeper.name, purpose=str(values.get("purpose", "")),
    )


def load_demo_documents(office: Office) -> None:
    """Seal applications of the demo office over the last two weeks: sealed, waiting for the
    keeper, waiting for a manager, refused. Idempotent: nothing when there are some already."""
    if Document.select().where(Document.form_id == FORM_ID).exists():
        return
    real = office.clock
    try:
        _demo(office, real.now().replace(second=0, microsecond=0) - timedelta(days=14))
    finally:
        office.clock = real


def _demo(office: Office, start: datetime) -> None:
    def at(days: float, hour: int = 10) -> None:
        office.clock = FixedClock((start + timedelta(days=days)).replace(hour=hour, minute=0))

    def apply(who: str, documents: str, seal: str, copies: int, purpose: str) -> str:
        return workflow.submit(office, who, FORM_ID, {"documents": documents, "seal_type": seal,
                                                      "copies": str(copies), "purpose": purpose})

    at(1)
    first = apply("luoping", "HT-2026-031 施工合同（二期）", "contract", 4, "与中建三局签订二期施工合同，双方各执两份。")
    at(1, 15)
    act(office, "xuhao", "approve", first, comment="同意用印")
    at(2)
    act(office, "huangmin", "approve", first, comment="已盖章", fields={"sealed_on": (start + timedelta(days=2)).date().isoformat(),
                                                                       "copies_sealed": "4"})
    at(4)
    second = apply("emily", "Quotation for Shenzhen Optics", "company", 2, "Signed quotation requested by the customer.")
    at(4, 14)
    act(office, "zhaolei", "approve", second, comment="Agreed")
    at(5)
    act(office, "huangmin", "approve", second, comment="Sealed both copies",
        fields={"sealed_on": (start + timedelta(days=5)).date().isoformat(), "copies_sealed": "2"})
    at(7)
    third = apply("zhengxin", "2026年11月银行对账单确认函", "finance", 1, "银行年审需要加盖财务专用章。")
    at(7, 11)
    act(office, "wuhong", "approve", third, comment="同意")
    at(9)
    refused = apply("zhouqiang", "Product brochure", "company", 50, "Brochures for the December fair.")
    at(9, 16)
    act(office, "zhaolei", "reject", refused, comment="Brochures are not sealed; print them without.")
    at(12)
    apply("david", "Test report for the new product line", "company", 3, "For the certification body.")
