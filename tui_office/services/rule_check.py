"""Provides `check` and `judge`: the form's named rules (leave balance, advance notice, overlap …)
and flaggers for values as typed so far, without storing anything.

The form screen calls it while a person types, so the rules that only the services can judge (they
look at other documents and the office's settings) show under their fields before submit, and a
flag that names a `field` (a leave in a blackout period that needs the general manager) shows as a
warning under it. Submit runs exactly the same rules (`workflow.run_rules`) and stays the judge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui_office.domain.errors import PermissionDenied, ValidationError
from tui_office.i18n import t
from tui_office.services import access_grants, links, registry, submit_for
from tui_office.services.office import Office
from tui_office.services.workflow import document_by_number, run_rules, user_by_login


@dataclass(frozen=True)
class Judgement:
    """What the named rules say about values typed so far."""

    problems: list[ValidationError] = field(default_factory=list)
    """What stops submitting."""
    warnings: list[dict] = field(default_factory=list)
    """Flags the document would get that name the `field` to show them under (they stop nothing)."""


def check(office: Office, me: str, form_id: str, values: dict, *, number: str | None = None,
          for_login: str | None = None) -> list[ValidationError]:
    """The problems the form's named rules find in `values` (see `judge`)."""
    return judge(office, me, form_id, values, number=number, for_login=for_login).problems


def judge(office: Office, me: str, form_id: str, values: dict, *, number: str | None = None,
          for_login: str | None = None) -> Judgement:
    """The problems the form's named rules find in `values` (typed, computed fields included), and
    the flags its flaggers would raise that name a field.

    `number`: the draft or returned document being edited (its own leave does not overlap itself).
    Only its initiator may ask about a document. `for_login`: the colleague it is being filled in
    for (代提交), whose balance and other documents the rules then look at, when `me` may submit
    the form for them. Read-only.
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
    if for_login and for_login != me:
        user = submit_for.person_for(user, form, for_login)
    problems, flags = run_rules(office, form, doc, user, dict(values))
    shown = [f for f in flags if isinstance(f.get("field"), str) and form.has_field(f["field"])]
    return Judgement(problems + links.check(office, form, values) + access_grants.check(office, form, values), shown)
