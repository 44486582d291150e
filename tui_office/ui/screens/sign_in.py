"""Provides `SignInScreen`: the PIN asked at start in an office that requires one (masked).

A user without a PIN (new, or reset by an administrator) chooses one here, typed twice. Nothing
of the office shows until the PIN is right; `escape` leaves the app. A wrong PIN says how many
tries are left, and a locked account until when (the service counts and records them).
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.services.identity import Who


class SignInScreen(Screen[None]):
    """Ask for the signer's PIN (or a new one); dismissed once signed in."""

    BINDINGS = [Binding("escape", "leave", show=False)]

    def __init__(self, who: Who, *, has_pin: bool, least: int) -> None:
        super().__init__()
        self.who = who
        """Who is signing in (`who.signer`'s PIN opens the app for `who.user`)."""
        self.choosing = not has_pin
        """True when the signer has no PIN yet and chooses one now."""
        self.least = least
        """The fewest characters a new PIN may have."""

    def compose(self) -> ComposeResult:
        name = self.who.user.name if self.who.own else self.who.signer
        with Vertical(id="sign-in", classes="dialog") as box:
            box.border_title = t("signin.new_title" if self.choosing else "signin.title")
            if self.choosing:
                yield Static(t("signin.new_prompt", name=name, login=self.who.signer, least=self.least),
                             classes="dialog-body", markup=False)
            else:
                yield Label(t("signin.prompt", name=name, login=self.who.signer), classes="dialog-prompt", markup=False)
            yield Input(password=True, id="pin", max_length=128)
            if self.choosing:
                yield Label(t("signin.again"), classes="dialog-prompt")
                yield Input(password=True, id="pin-again", max_length=128)
            yield Static("", id="sign-in-error", classes="dialog-error", markup=False)
            yield Label(t("signin.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def _pin_entered(self) -> None:
        if self.choosing:
            self.query_one("#pin-again", Input).focus()
            return
        self._submit()

    @on(Input.Submitted, "#pin-again")
    def _submit(self) -> None:
        pin = self.query_one("#pin", Input).value
        if self.choosing and self.query_one("#pin-again", Input).value != pin:
            self._refused(t("signin.mismatch"))
            return
        self._sign_in(pin)

    @work(thread=True, exclusive=True, group="sign-in", exit_on_error=False)
    def _sign_in(self, pin: str) -> None:
        from tui_office.services import inactivity, pins

        office, who = self.app.office, self.who
        try:
            if self.choosing:
                pins.set_pin(office, who.signer, pin)
            else:
                pins.sign_in(office, who.signer, pin, unlock=who.own)
                inactivity.mark_seen(office, who.signer)
        except OfficeError as error:
            self.app.call_from_thread(self._refused, str(error))
            return
        self.app.call_from_thread(self._signed_in)

    def _refused(self, message: str) -> None:
        self.query_one("#sign-in-error", Static).update(message)
        for box in self.query(Input):
            box.value = ""
        self.query_one("#pin", Input).focus()

    def _signed_in(self) -> None:
        self.app.signed_in()

    def action_leave(self) -> None:
        self.app.exit()
