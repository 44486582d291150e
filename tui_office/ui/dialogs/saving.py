"""Provides `SavingDialog`: a dialog whose answer is saved through a service call off the event
loop; a refusal shows in the dialog (in its `#saving-error` line) and keeps what was entered,
success closes it with the service's message. `escape` cancels."""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_office.domain.errors import OfficeError


class SavingDialog(ModalScreen[str | None]):
    """Base of the dialogs that save through a service (`FieldsDialog`, `PickManyDialog`)."""

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def error_line(self) -> Static:
        """The line a refusal is shown in (compose it where it belongs)."""
        return Static("", id="saving-error", classes="dialog-error", markup=False)

    @work(thread=True, exit_on_error=False, group="saving-dialog", exclusive=True)
    def save_with(self, call: Callable[[], str]) -> None:
        """Run `call` (the service change); close with its message, or show why it was refused."""
        try:
            text = call()
        except OfficeError as error:
            self.app.call_from_thread(self.query_one("#saving-error", Static).update, str(error))
            return
        self.app.call_from_thread(self.dismiss, text)

    def action_cancel(self) -> None:
        self.dismiss(None)
