"""Provides linked documents: a field of type `document` names another document by its number,
optionally only of some forms (`forms = ["general_request"]`).

`check` refuses a link to a document that does not exist or is of a form the field does not allow;
`links_of` lists a document's links both ways: the documents it names and those that name it.
"""

from __future__ import annotations

import operator
from functools import reduce

from peewee import Value

from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import ValidationError
from tui_office.services import numbering, registry
from tui_office.services.office import Office
from tui_office.store import documents as document_rows
from tui_office.store.models import Definition, Document

LINK_TYPE = "document"
"""The field type whose value is another document's number."""


def _link_fields(form: FormDef) -> list:
    return [f for f in form.fields if f.type == LINK_TYPE]


def _allowed(f) -> list[str]:
    """The forms a link field may name (the field's `forms`; empty: any)."""
    return [str(x) for x in f.extra.get("forms") or []]


def allows(f, form_id: str) -> bool:
    """Whether link field `f` may name a document of form `form_id`."""
    return not _allowed(f) or form_id in _allowed(f)


def numbers(f, value) -> list[str]:
    """The document numbers a link field's value names (one, or a list with `multiple = true`)."""
    if not value:
        return []
    return [str(x) for x in value] if isinstance(value, (list, tuple)) else [str(value)]


def check(office: Office, form: FormDef, values: dict) -> list[ValidationError]:
    """A problem for each link to a missing document or to a form the field does not allow."""
    problems = []
    for f in _link_fields(form):
        for number in numbers(f, values.get(f.id)):
            target = document_rows.by_number(number)  # an earlier (provisional) number finds it too
            if target is None or target.status == "discarded":
                problems.append(ValidationError(f.id, "link_unknown", number=number))
            elif not allows(f, target.form_id):
                problems.append(ValidationError(f.id, "link_form", number=number, forms=", ".join(_allowed(f))))
    return problems


def _entry(field_id: str, doc: Document) -> dict:
    return {"field": field_id, "number": doc.number, "form": doc.form_id, "title": doc.title}


def _linking_definitions(office: Office) -> list[int]:
    """The stored definitions with a link field: only their documents can name another one (the
    others are never read, which on a large office is most of the documents table)."""
    ids = [row.id for row in Definition.select(Definition.id)]
    return [i for i in ids if _link_fields(registry.form_by_definition_id(office, i))]


def links_of(office: Office, doc: Document, form: FormDef) -> dict:
    """`{"to": [...], "from": [...]}`: each `{"field", "number", "form", "title"}`; `field` is the
    linking document's field."""
    out: dict[str, list[dict]] = {"to": [], "from": []}
    stored = doc.fields or {}
    for f in _link_fields(form):
        for number in numbers(f, stored.get(f.id)):
            target = document_rows.by_number(number)
            if target is not None:
                out["to"].append(_entry(f.id, target))
    linking = _linking_definitions(office)
    if not linking:  # no form can name another document: nothing to read
        return out
    known = {doc.number, *numbering.earlier_numbers(doc)}
    naming = reduce(operator.or_, (Document.fields ** Value(f'%"{n}"%', converter=False)  # a number of it in their JSON
                                   for n in sorted(known)))
    candidates = (Document.select().where(naming & Document.definition.in_(linking) & (Document.id != doc.id)
                                          & (Document.status != "discarded")).order_by(Document.id))
    for other in candidates:
        other_form = registry.form_by_definition_id(office, other.definition_id)
        for f in _link_fields(other_form):
            if known & set(numbers(f, (other.fields or {}).get(f.id))):
                out["from"].append(_entry(f.id, other))
    return out
