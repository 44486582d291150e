"""Provides access granted by an approved document (档案查阅登记): whether someone outside an archived
document may open it now because a document of a form that `grants_access` — theirs, approved —
names it and its period includes today (the office's clock: access ends by itself).
"""

from __future__ import annotations

from tui_office.domain import access_grants
from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import ValidationError
from tui_office.services import numbering, registry
from tui_office.services.office import Office
from tui_office.store import documents as document_rows
from tui_office.store.models import Document, User


def granting_forms(office: Office) -> list[str]:
    """Ids of the forms whose current definition grants access to another document."""
    return sorted(form.id for _, form in registry.all_latest(office) if form.grants_access is not None)


def in_force(office: Office, user: User, doc: Document) -> str | None:
    """The number of `user`'s approved document that lets them open archived `doc` today, or None."""
    if not doc.archived:
        return None
    forms = granting_forms(office)
    if not forms:
        return None
    known = {doc.number, *numbering.earlier_numbers(doc)}
    today = office.clock.today()
    for grant_doc in document_rows.approved_by(user.id, forms):
        form = registry.form_by_definition_id(office, grant_doc.definition_id)
        if form.grants_access is None:
            continue
        if access_grants.in_force(form.grants_access, form.read_stored(grant_doc.fields), known, today):
            return grant_doc.number
    return None


def check(office: Office, form: FormDef, values: dict) -> list[ValidationError]:
    """For a form that grants access: a problem for each document it names that is not archived
    (there is nothing for the archive keeper to grant; its own people see it already)."""
    grant = form.grants_access
    if grant is None:
        return []
    problems = []
    for number in access_grants.named(grant, values):
        target = document_rows.by_number(number)
        if target is not None and target.status != "discarded" and not target.archived:
            problems.append(ValidationError(grant.document, "access_not_archived", number=number))
    return problems
