"""Provides the printable approval history (审批记录) of one document: `gather` collects what the
viewer may see of it as plain data (`Printout`), and `write` renders it as a self-contained HTML page
(`printout_html`) or plain text (`printout_text`) into a file.

The printout holds the header (number, form, title, initiator, department, dates, status), every
field as the document view shows it, line items as tables with their totals, checklists, and every
recorded step: its name, the role it asks for, when, who, on whose behalf, the decision, the
opinion and whether the decision carries its signer's electronic signature. It is in the viewer's
language, and only someone who may see the document gets one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tui_office.domain.definitions import FormDef, StepDef
from tui_office.domain.errors import OfficeError
from tui_office.domain.field_coercion import plain_line
from tui_office.domain.totals import NUMERIC, column_totals
from tui_office.i18n import current_language, pick, t
from tui_office.services import queries
from tui_office.services.files import write_out
from tui_office.services.office import Office
from tui_office.services.views import DocumentView
from tui_office.services.workflow import document_by_number, user_by_login
from tui_office.store.models import Department, Role, User

FORMATS = ("html", "text")
SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".text": "text"}
"""The file name suffixes whose format `write` knows without being told."""
MAX_NUMBER = 100
"""The longest document number `write` looks up."""
NOT_PRINTED = ("archive_view", "draft_save")
"""History rows that are not part of the approval history (reads, saves of a draft)."""


@dataclass(frozen=True)
class PrintedTable:
    """A line-item table: column headings, the rows as text, the totals row (empty: none)."""

    label: str
    columns: list[str]
    numeric: list[bool]
    rows: list[list[str]]
    totals: list[str] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    """Which columns hold dates (kept on one line)."""


@dataclass(frozen=True)
class PrintedStep:
    """One recorded action on the document, as the approval history prints it."""

    at: datetime
    step: str
    """The step's title ("" for an action outside the steps, such as submitting)."""
    role: str
    """Who the step asks for, in words (a role, the department manager …); the initiator for theirs."""
    person: str
    on_behalf_of: str
    decision: str
    target: str
    opinion: str
    signed: bool


@dataclass(frozen=True)
class Printout:
    """Everything a printed approval history shows, in the viewer's language (`lang`)."""

    lang: str
    number: str
    form_title: str
    title: str
    initiator: str
    department: str
    status: str
    archived: bool
    created_at: datetime | None
    submitted_at: datetime | None
    finished_at: datetime | None
    fields: list[tuple[str, str]]
    """(label, text) of each plain field, in the form's order."""
    tables: list[PrintedTable]
    checklists: list[tuple[str, list[tuple[bool, str]]]]
    steps: list[PrintedStep]
    waiting: list[tuple[str, str]]
    """(step title, people) of the step the document waits at now."""
    ahead: list[str]
    """Titles of the steps still ahead."""
    printed_at: datetime
    printed_by: str
    earlier_numbers: list[str] = field(default_factory=list)


def gather(office: Office, me: str, number: str, *, opening: bool = True) -> Printout:
    """What `me` may see of document `number`, ready to print (refused like `show` otherwise).

    `opening`: someone opens the document to print it (an outsider's opening of an archived
    document is logged, as for `show`); False when the document view already did."""
    view = queries.show(office, me, number, opening=opening)
    form = queries.document_form(office, number)
    doc = document_by_number(number)
    later = form.step_fields()
    plain, tables, checklists = [], [], []
    for fv in view.display:
        if fv.id in later and not fv.text:
            continue  # a step has not filled it yet
        if fv.type == "table":
            tables.append(_table(form, fv.id, fv.label, fv.rows or []))
        elif fv.type == "checklist":
            checklists.append((fv.label, [(bool(item.get("checked")), str(item.get("label") or item.get("id")))
                                          for item in fv.rows or []]))
        else:
            plain.append((fv.label, fv.text))
    roles = _role_names()
    steps = [_step(form, view, entry, roles) for entry in view.history if entry.action not in NOT_PRINTED]
    waiting = [(s.title, "、".join(a.name for a in s.assignees if a.status == "open") if current_language() == "zh-CN"
                else ", ".join(a.name for a in s.assignees if a.status == "open")) for s in view.current_steps]
    viewer = user_by_login(me)
    return Printout(
        lang=current_language(), number=view.number, form_title=view.form_title, title=view.title,
        initiator=f"{view.initiator_name} ({view.initiator})", department=view.department,
        status=t(f"status.{view.status}"), archived=view.archived, created_at=view.created_at,
        submitted_at=view.submitted_at, finished_at=_when(doc.finished_at), fields=plain, tables=tables,
        checklists=checklists, steps=steps, waiting=waiting, ahead=[title for _, title in view.ahead],
        printed_at=office.clock.now(), printed_by=f"{viewer.name} ({viewer.login})",
        earlier_numbers=list(view.earlier_numbers))


def render(printout: Printout, fmt: str) -> str:
    """The printout as an HTML page (`html`) or plain text (`text`)."""
    from tui_office.services import printout_html, printout_text

    return printout_html.as_html(printout) if fmt == "html" else printout_text.as_text(printout)


def format_of(path: Path, fmt: str | None = None) -> str:
    """`fmt` when given, else the format the file name's suffix says (`.html`, `.txt`)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise OfficeError("print_bad_format", format=str(fmt)[:20], formats=", ".join(FORMATS))
        return fmt
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise OfficeError("print_format_unknown", path=str(path))
    return found


def write(office: Office, me: str, number: str, out: Path, *, fmt: str | None = None, force: bool = False,
          opening: bool = True) -> Path:
    """Write the printable history of `number` to `out` (never over a file without `force`)."""
    plain_line(str(number), "NUMBER")
    if len(str(number)) > MAX_NUMBER:
        raise OfficeError("print_number_too_long", max=MAX_NUMBER)
    plain_line(str(out), "--out")
    kind = format_of(out, fmt)
    text = render(gather(office, me, number, opening=opening), kind)
    return write_out(out, text.encode("utf-8"), force)


def write_into(office: Office, me: str, number: str, folder: Path, *, opening: bool = False) -> Path:
    """Write the HTML printout of `number` into `folder` as `NUMBER.html` (`NUMBER-2.html` … when
    that exists; nothing is replaced), making the folder when it is missing."""
    text = render(gather(office, me, number, opening=opening), "html")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OfficeError("file_out_failed", path=str(folder), reason=exc.strerror or str(exc)) from None
    for index in itertools.count(1):
        path = folder / (f"{number}.html" if index == 1 else f"{number}-{index}.html")
        if not path.exists():
            return write_out(path, text.encode("utf-8"), False)
    raise AssertionError("unreachable")


def _when(value: object) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _table(form: FormDef, field_id: str, label: str, rows: list[dict]) -> PrintedTable:
    f = form.field(field_id)
    columns = list(f.columns)
    totals = column_totals(f, rows, form)
    body = []
    for row in rows:
        cells = []
        for col in columns:
            value = row.get(col.id)
            try:
                cells.append(col.display(value) if value is not None else "")
            except Exception:  # noqa: BLE001 - a cell prints as stored rather than not at all
                cells.append(str(value))
        body.append(cells)
    total_row: list[str] = []
    if totals:
        first_plain = next((c.id for c in columns if c.id not in totals), None)
        total_row = [totals.get(c.id, t("form.total") if c.id == first_plain else "") for c in columns]
    return PrintedTable(label=label, columns=[c.label for c in columns], numeric=[c.type in NUMERIC for c in columns],
                        rows=body, totals=total_row, dates=[c.type in ("date", "datetime") for c in columns])


def _role_names() -> dict[str, str]:
    return {r.code: pick(r.name_en, r.name_zh) or r.code for r in Role.select(Role.code, Role.name_en, Role.name_zh)}


def _step(form: FormDef, view: DocumentView, entry, roles: dict[str, str]) -> PrintedStep:
    step = next((s for s in form.steps if s.id == entry.step), None) if entry.step else None
    if step is not None:
        role = _role_of(form, step, roles)
    elif entry.actor == view.initiator:
        role = t("printout.initiator_role")
    else:
        role = ""
    decision = t(f"timeline.action.{entry.action}")
    return PrintedStep(
        at=entry.at, step=entry.step_title, role=role, person=entry.actor_name,
        on_behalf_of=entry.on_behalf_of_name or "",
        decision=entry.detail or (entry.action if decision.startswith("timeline.action.") else decision),
        target="" if entry.detail else entry.target, opinion=entry.opinion or "", signed=entry.signed)


def _role_of(form: FormDef, step: StepDef, roles: dict[str, str]) -> str:
    """Who a step asks for, in words: its roles, the department manager, a named person …"""
    rule = step.assignee
    joiner = "、" if current_language() == "zh-CN" else ", "
    if rule.kind == "role":
        return joiner.join(roles.get(code, code) for code in (rule.values or (rule.value,)) if code)
    if rule.kind in ("dept_manager", "initiator"):
        return t(f"printout.rule.{rule.kind}")
    if rule.kind == "manager_of":
        dept = Department.get_or_none(Department.code == rule.value)
        return t("printout.rule.manager_of", department=pick(dept.name_en, dept.name_zh) if dept else rule.value)
    if rule.kind == "user":
        named = {u.login: u.name for u in User.select(User.login, User.name).where(User.login.in_(list(rule.values or (rule.value,))))}
        return joiner.join(named.get(login, login) for login in (rule.values or (rule.value,)) if login)
    if rule.kind in ("field", "manager_of_field"):
        root = str(rule.value or "").split(".")[0]
        label = form.field(root).label if form.has_field(root) else root
        return t(f"printout.rule.{rule.kind}", field=label)
    return ""
