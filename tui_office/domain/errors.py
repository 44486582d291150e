"""Provides the typed errors a user can cause, each rendered as one clear line."""

from __future__ import annotations

from tui_office.i18n import t


class OfficeError(Exception):
    """Base of every error a user can cause; `str()` is the localised one-line message."""

    code: str = "error"

    def __init__(self, code: str | None = None, message: str | None = None, **params: object) -> None:
        if code is not None:
            self.code = code
        self.params = params
        self._message = message
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message in the current language (catalogue key `error.<code>`)."""
        if self._message is not None:
            return self._message
        return t(f"error.{self.code}", **self.params)

    def __str__(self) -> str:
        return self.message


class ValidationError(OfficeError):
    """One problem with one field value: printed as `field: code: message`."""

    def __init__(self, field: str, code: str, message: str | None = None, **params: object) -> None:
        self.field = field
        super().__init__(code, message, field=field, **params)

    def line(self) -> str:
        """The CLI form of the problem: one line, whatever the field name or value quoted in it holds."""
        from tui_office.domain.text import printable

        return f"{printable(self.field)}: {self.code}: {printable(self.message)}"


class ValidationFailed(OfficeError):
    """A set of field problems found together (submit, save)."""

    code = "validation_failed"

    def __init__(self, problems: list[ValidationError]) -> None:
        self.problems = problems
        super().__init__(None, "; ".join(p.line() for p in problems))


class PermissionDenied(OfficeError):
    """The user may not do this."""

    code = "permission_denied"


class Conflict(OfficeError):
    """Someone else changed the thing first (e.g. `already_handled`)."""

    code = "conflict"


class NotFound(OfficeError):
    """A document, user, form or task that does not exist."""

    code = "not_found"


class TransitionNotAllowed(OfficeError):
    """The workflow does not allow this action in the document's current state."""

    code = "transition_not_allowed"


class DefinitionError(OfficeError):
    """A form/process definition problem, located as `file:line: message`."""

    code = "definition"

    def __init__(self, message: str, file: str = "", line: int = 0) -> None:
        self.file = file
        self.line = line
        super().__init__(None, message)

    def located(self) -> str:
        return f"{self.file}:{self.line}: {self._message}"
