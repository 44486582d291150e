"""Provides `ForWhom`, the form screen's part in submitting on someone's behalf (代提交).

Someone with a role in the form's `submit_for` sees, above the fields, whom the document is for
(themselves until they choose), and `F2` (`form.submit_for`) picks a colleague among the active
users the form may have as its initiator. The draft stays theirs and keeps whom it is for; the
services hand it over when it is submitted. Once a colleague is chosen, the form's formulas and
named rules work with that colleague's own figures (a leave balance).
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.message import Message
from textual.widgets import Static

from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.ui import keymap


def read(office: Any, me: str, form_id: str, number: str | None) -> tuple[list | None, str | None]:
    """(whom `me` may submit `form_id` for, or None; the colleague draft `number` is for, or None).
    Runs in the screen's loading worker."""
    from tui_office.services import submit_for_choices

    choices = submit_for_choices.choices(office, me, form_id)
    return choices, (submit_for_choices.recorded(office, me, number) if choices is not None and number else None)


class PersonContext(Message):
    """The form's context for the colleague just chosen (their own figures, e.g. leave balance)."""

    def __init__(self, for_login: str | None, ctx: Any) -> None:
        self.for_login, self.ctx = for_login, ctx
        super().__init__()


class ForWhom:
    """Mixed into the form screen: whom the document is for, and `F2` to choose them."""

    choices: list | None = None
    """Whom the person may submit this form for (`UserInfo`, themselves among them), or None."""
    for_login: str | None = None
    """The colleague it is being filled in for; None: the person themselves."""
    _saved_for: str | None = None
    """Whom the stored draft is for, as last saved."""
    _saving_for: str | None = None
    """Whom the draft save under way stores it for."""
    _opened_for: str | None = None
    """Whom the draft was for when it was opened ("leave without saving" puts that back too)."""

    def _person_name(self, login: str | None) -> str:
        found = next((u for u in self.choices or [] if u.login == login), None)
        return found.name if found is not None else (login or self.app.me.name)

    def _show_for(self) -> None:
        """Whose document it is, all the time, for someone who may submit it for others."""
        box = self.query_one("#form-for", Static)
        box.display = self.choices is not None
        if self.choices is None:
            return
        key = keymap.key_of(self, "choose_person")
        key = key.upper() if key[:1] == "f" and key[1:].isdigit() else key  # as the footer shows it
        me = printable(self.app.me.name)
        if self.for_login:
            box.update(t("form.for_other", name=printable(self._person_name(self.for_login)), me=me, key=key))
        else:
            box.update(t("form.for_self", name=me, key=key))

    def action_choose_person(self) -> None:
        """F2: pick the colleague this document is for (themselves included)."""
        from tui_office.ui.dialogs.user_picker import UserPicker

        if self.choices is None or self.state is None:
            return
        self.app.push_screen(UserPicker(self.choices, t("form.for_whom_title"), t("form.for_whom_subject")),
                             self._person_chosen)

    def _person_chosen(self, login: str | None) -> None:
        if login is None or self.state is None:
            return
        chosen = None if login == self.app.me.login else login
        if chosen == self.for_login:
            return
        self.for_login = chosen
        self._show_for()
        self._show_status()
        self._person_worker(chosen)

    @work(thread=True, exit_on_error=False, group="form-person")
    def _person_worker(self, for_login: str | None) -> None:
        from tui_office.services import workflow

        ctx = self._call("form.load_failed", workflow.eval_context, self.app.office, self.form,
                         for_login or self.app.me.login)
        if ctx is not None:
            self.post_message(PersonContext(for_login, ctx))

    def on_person_context(self, message: PersonContext) -> None:
        if self.state is None or message.for_login != self.for_login:
            return  # another colleague was chosen since
        self.state.ctx = message.ctx
        ev = self._refresh_derived()
        if ev is not None:
            self._refresh_banner(ev)
        self._schedule_rules()

    @property
    def _person_unsaved(self) -> bool:
        """The colleague chosen differs from the one the stored draft is for."""
        return self.for_login != self._saved_for and self.can_save_draft

    @property
    def _for_argument(self) -> str | None:
        return self._argument_for(self.for_login)

    def _argument_for(self, for_login: str | None) -> str | None:
        """What the services are told about whom it is for: the colleague's login, the person's own
        login for themselves, nothing when they may not choose."""
        if self.choices is None:
            return None
        return for_login or self.app.me.login
