"""Provides `check`: the form's named rules (leave balance, advance notice, overlap …) for values as
typed so far, without storing anything.

The form screen calls it while a person types, so the rules that only the services can judge (they
look at other documents and the office's settings) show under their fields before submit. Submit
runs exactly the same rules (`workflow.run_rules`) and stays the judge.
"""

from __future__ import annotations

from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.i18n import t
from tui_office.services import access_grants, links, registry
from tui_office.services.office import Office
from tui_office.services.workflow import document_by_number, run_rules, user_by_login


def check(office: Office, me: str, form_id: str, values: dict, *, number: str | None = None) -> list[ValidationError]:
    """The problems the form's named rules find in `values` (typed, computed fields included).

    `number`: the draft or returned document being edited (its own leave does not overlap itself).
    Only its initiator may ask about a document. Read-only.
    """
    user = user_by_login(me)
    doc = None
    if number:
        doc = document_by_number(number)
        if doc.initiator_id != user.id:
            raise PermissionDenied("not_initiator", name=doc.initiator.name, action=t("action.submit"))
    if doc is not None and doc.status != "draft":
        form = registry.form_by_definition_id(office, doc.definition_id)
    else:
        form = registry.latest(office, doc.form_id if doc is not None else form_id)[1]
    problems, _flags = run_rules(office, form, doc, user, dict(values))
    return problems + links.check(office, form, values) + access_grants.check(office, form, values)
