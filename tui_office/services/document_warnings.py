"""Provides `document_warnings`: what deserves a second look about a document but stops nothing.

Working days counted in a year without an official holiday schedule (one line naming the calendar
file to add), a stated total that differs from its line items (`total_of`), and an encrypted
value that cannot be decrypted (the key file missing, another office's, or the value changed). `submit` and `show`
print them on stderr after their answer.
"""

from __future__ import annotations

from tui_office.domain.calendar_use import unscheduled_notice
from tui_office.domain.totals import total_warnings
from tui_office.services import field_secrets
from tui_office.services.office import Office
from tui_office.services.workflow import document_by_number, eval_context, values_of


def document_warnings(office: Office, number: str) -> list[str]:
    """The warning lines of a document (none when all is well)."""
    doc = document_by_number(number)
    form, values = values_of(office, doc)
    try:
        lines = [w.line() for w in total_warnings(form, form.compute(values, eval_context(office, form)))]
    except Exception:  # noqa: BLE001 - a draft whose text does not compute yet has nothing to compare
        lines = []
    calendar = unscheduled_notice(office.calendar, form, values, office.clock.today())
    lines += field_secrets.for_viewer(office, doc, form, doc.initiator_id).problems
    return [*lines, calendar] if calendar else lines
