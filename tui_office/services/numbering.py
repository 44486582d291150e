"""Provides document numbers: the default `PREFIX-YYYY-NNNN`, and a form's numbering scheme
(`number = "{project}-CS-{seq:03}"`, see `domain/numbering.py`) given at submit, at a step or at
the archive.

Every number is taken inside the writing transaction (BEGIN IMMEDIATE on SQLite), so writers in
other processes queue and no number is given twice or skipped. Until the scheme gives a document
its number, the document has a provisional `PREFIX-YYYY-NNNN`; it stays found by that number
afterwards (an earlier number, `store/sequences.py`), and the change is one audit row (`numbered`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from tui_office.domain.definitions import FormDef
from tui_office.domain.errors import OfficeError
from tui_office.domain.numbering import AT_ARCHIVE, AT_SUBMIT, NumberScheme, parse_pattern  # noqa: F401  (callers name the events through here)
from tui_office.services import audit, registry
from tui_office.services.office import Office
from tui_office.store import sequences
from tui_office.store.models import Document

NUMBERED = "numbered"
"""The audit action of a document getting its number from its form's scheme."""
STATE_KEY = "numbered"
"""`Document.state` key holding the number the scheme gave (set once: never renumbered)."""


def provisional(prefix: str, year: int) -> str:
    """The next `PREFIX-YYYY-NNNN` (per prefix per year, never reused)."""
    return sequences.next_free(f"{prefix}-{year}", lambda value: f"{prefix}-{year}-{value:04d}")


def _scheme_number(form: FormDef, stored: dict, now: datetime) -> str:
    scheme = form.numbering
    scope = scheme.scope(stored, form.prefix, now.date())
    return sequences.next_free(f"{form.id}:{scope}", lambda value: scheme.render(scope, value))


def scheme_number(sequence: str, pattern: str, values: Mapping[str, object], now: datetime) -> str:
    """The next number of a numbering `pattern` (as a form's `number = …`, its `{name}` parts taken
    from `values`) for something other than a document's own number — a table a step issues, say.
    `sequence` keeps its counters apart from every other: `{project}-CS-{seq:03}` counts per project
    within it. Part of the caller's transaction; never given twice, even across processes."""
    parts, problems = parse_pattern(pattern)
    if problems:
        raise OfficeError(message=f"{sequence}: {problems[0]}")
    scheme = NumberScheme(pattern, parts)
    scope = scheme.scope(values, "", now.date())
    return sequences.next_free(f"{sequence}:{scope}", lambda value: scheme.render(scope, value))


def first_number(form: FormDef, stored: dict, now: datetime, *, draft: bool) -> tuple[str, bool]:
    """The number a new document gets, and whether it is the scheme's (else provisional)."""
    scheme = form.numbering
    if scheme is not None and scheme.at == AT_SUBMIT and not draft:
        return _scheme_number(form, stored, now), True
    return provisional(form.prefix, now.year), False


def mark_numbered(doc: Document) -> None:
    """Note in the document's state that its number is the scheme's."""
    doc.state = {**(doc.state or {}), STATE_KEY: doc.number}


def give(office: Office, doc: Document, form: FormDef, event: str, now: datetime, actor_id: int | None = None) -> None:
    """At `event` (`submit`, `archive` or a step id): give the document its scheme number if the
    form's scheme says so and it has none yet. A document approved without reaching its numbering
    step (a step that found nobody) is numbered at the archive. Part of the caller's transaction;
    the caller saves."""
    scheme = form.numbering
    if scheme is None or (doc.state or {}).get(STATE_KEY) or event not in (scheme.at, AT_ARCHIVE):
        return
    old = doc.number
    doc.number = _scheme_number(form, dict(doc.fields or {}), now)
    sequences.add_alias(doc.id, old, now)
    mark_numbered(doc)
    audit.record(document_id=doc.id, actor_id=actor_id, action=NUMBERED, at=now, comment=f"{old} → {doc.number}",
                 definition_version=registry.definition_row(office, doc.definition_id).version,
                 changes={"number": [old, doc.number]})


def renumber(office: Office, doc: Document, number: str, now: datetime, actor_id: int | None = None) -> None:
    """Give the document `number` chosen by hand (the number a paper original already carries),
    refused with `number_taken` when any document holds it now or held it before. The number it had
    stays an earlier number (found by it, never given again); one audit row (`numbered`). Part of
    the caller's transaction; the caller saves."""
    if sequences.taken(number):
        raise OfficeError("number_taken", number=number)
    old = doc.number
    doc.number = number
    sequences.add_alias(doc.id, old, now)
    mark_numbered(doc)
    audit.record(document_id=doc.id, actor_id=actor_id, action=NUMBERED, at=now, comment=f"{old} → {number}",
                 definition_version=registry.definition_row(office, doc.definition_id).version,
                 changes={"number": [old, number]})


def earlier_numbers(doc: Document) -> list[str]:
    """The numbers the document had before its current one, oldest first."""
    return sequences.earlier_numbers(doc.id)
