"""Provides the administrators' view of out-of-office arrangements (工作代理): everyone's current
and coming ones, set and cleared for any user through the same rules as `away` (admin only,
audited)."""

from __future__ import annotations

from datetime import date

from tui_office.domain.errors import ValidationError
from tui_office.services import away
from tui_office.services.away import AwayInfo
from tui_office.services.office import Office
from tui_office.services.permissions import require_admin
from tui_office.store.db import database


def list_deputies(office: Office, by: str | None) -> list[AwayInfo]:
    """Every arrangement that has not ended or been cancelled, earliest first (admins)."""
    require_admin(by)
    return away.current_records(office, None)


def set_deputy(office: Office, by: str | None, principal: str, deputy: str, start: object, end: object,
               forms: list[str] | None = None) -> str:
    """`deputy` acts for `principal` from `start` to `end` (dates), as `away` would set it for them."""
    for name, value in (("from", start), ("until", end)):
        if not isinstance(value, date):
            raise ValidationError(name, "invalid_date", value=str(value)[:40])
    with database.atomic():
        require_admin(by)
        return away.set_away(office, by, deputy, start, end, forms, principal=principal, source="admin")


def clear_deputy(office: Office, by: str | None, away_id: object) -> str:
    """Cancel any user's arrangement `away_id` (from now on their new tasks come to them again)."""
    if not isinstance(away_id, int) or isinstance(away_id, bool):
        raise ValidationError("id", "invalid_id")
    with database.atomic():
        require_admin(by)
        return away.cancel_away(office, by, away_id, anyone=True)
