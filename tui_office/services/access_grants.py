"""Provides access granted by an approved document (档案查阅登记): whether someone outside an archived
document may open it now because a document of a form that `grants_access` — theirs, approved —
names it and its period includes today (the office's clock: access ends by itself), and which
archived documents those are for a person (so search lists them while, and only while, in force).
"""

from __future__ import annotations

from collections.abc import Iterator

from tui_office.domain import access_grants
from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import ValidationError
from tui_office.services import numbering, registry
from tui_office.services.office import Office
from tui_office.store import documents as document_rows
from tui_office.store.models import Document, User


def granting_forms(office: Office) -> list[str]:
    """Ids of the forms whose current definition grants access to another document."""
    return sorted(form.id for form in registry.latest_as_written(office) if form.grants_access is not None)


def _in_force(office: Office, user: User) -> Iterator[tuple[str, list[str]]]:
    """(number, the documents it names) of each approved document of `user`'s granting access today."""
    forms = granting_forms(office)
    if not forms:
        return
    today = office.clock.today()
    for grant_doc in document_rows.approved_by(user.id, forms):
        form = registry.form_by_definition_id(office, grant_doc.definition_id)
        if form.grants_access is None:
            continue
        values = form.read_stored(grant_doc.fields)
        if access_grants.current(form.grants_access, values, today):
            yield grant_doc.number, access_grants.named(form.grants_access, values)


def in_force(office: Office, user: User, doc: Document) -> str | None:
    """The number of `user`'s approved document that lets them open archived `doc` today, or None."""
    if not doc.archived:
        return None
    known = {doc.number, *numbering.earlier_numbers(doc)}
    return next((number for number, names in _in_force(office, user) if known & set(names)), None)


def granted_documents(office: Office, user: User) -> list[int]:
    """Ids of the archived documents `user` may read today through approved documents of theirs that
    grant access (what search adds to what they see): one look at their own approved requests."""
    numbers = sorted({name for _, names in _in_force(office, user) for name in names})
    found = (document_rows.by_number(number) for number in numbers)
    return sorted({doc.id for doc in found if doc is not None and doc.archived})


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
