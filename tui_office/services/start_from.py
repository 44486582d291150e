"""Provides starting a document from another one (`start_from` and `[prefill]` in a definition).

A form lists the forms its documents may be started from; `[prefill]` fills its fields with
expressions over the source document's fields, and the first `document` field that may name the
source gets the source's number, so the new document is linked back to where it came from.
What the person gives themselves wins over what is prefilled.
"""

from __future__ import annotations

from tui_office.domain import engine
from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import OfficeError, PermissionDenied, ValidationError
from tui_office.domain.expressions import ExpressionError
from tui_office.services import links, queries, registry, workflow
from tui_office.services.decisions import can_view
from tui_office.services.office import Office
from tui_office.services.views import FormInfo
from tui_office.services.workflow import document_by_number, user_by_login, values_of
from tui_office.store.db import database
from tui_office.store.models import Document


def startable(office: Office, me: str, number: str) -> list[FormInfo]:
    """The forms `me` may start from document `number` (their `start_from` names its form), by id."""
    user = user_by_login(me)
    source = document_by_number(number)
    if not can_view(user, source) or source.status in (engine.DRAFT, engine.DISCARDED):
        return []
    return [info for info in queries.forms_for(office, me) if source.form_id in registry.latest(office, info.id)[1].start_from]


def prefilled(office: Office, form: FormDef, source: Document) -> dict:
    """The values a document of `form` starts with when started from `source` (typed values;
    an expression that cannot be evaluated, or whose value the field refuses, leaves it empty)."""
    source_form, values = values_of(office, source)
    ctx = workflow.eval_context(office, source_form)
    env = source_form.env(source_form.compute(values, ctx), ctx)
    out: dict = {}
    for prefill in form.prefill:
        try:
            value = prefill.expression.evaluate(env, source_form.functions(ctx))
            out[prefill.field] = form.field(prefill.field).coerce(value)
        except (ExpressionError, ValidationError, ArithmeticError, TypeError, ValueError):
            continue
    for f in form.fields:
        if f.type == links.LINK_TYPE and f.id not in out and links.allows(f, source.form_id):
            out[f.id] = [source.number] if f.multiple else source.number
            break
    return {k: v for k, v in out.items() if v is not None}


def source_for(office: Office, me: str, form: FormDef, number: str) -> Document:
    """The document `number` that `me` starts a document of `form` from, or the reason not."""
    user = user_by_login(me)
    source = document_by_number(number)
    if not can_view(user, source):
        raise PermissionDenied("cannot_view", number=number)
    if source.status in (engine.DRAFT, engine.DISCARDED):
        raise OfficeError("start_from_draft", number=number)
    if not form.start_from:
        raise OfficeError("start_from_none", form=form.title)
    if source.form_id not in form.start_from:
        raise OfficeError("start_from_form", form=form.title, number=number, forms=", ".join(form.start_from))
    return source


def submit(office: Office, me: str, form_id: str, number: str, values: dict, *, draft: bool = False) -> str:
    """Start a document of `form_id` from document `number` (prefilled; `values` win) and submit it,
    or with `draft` only save it; the audit row of the new document names its source."""
    registry.sync(office)
    with database.atomic():
        _, form = registry.latest(office, form_id)
        source = source_for(office, me, form, number)
        merged = {**prefilled(office, form, source), **values}
        return workflow.submit(office, me, form_id, merged, draft=draft, started_from=source.number)

