"""Provides `DocumentScreen`: one document read-only, its timeline, and the actions open to me now.

Left: every field as the form shows it (line items as a table with totals, the checklist with its
ticks, attachments by path); right: the timeline (steps done — who, on behalf of whom, when, what,
the opinion —, the current step with its assignees and due time, the steps ahead). The footer
offers only the actions this user may take now (the engine's verdicts): `a` approve, `r` reject,
`b` return, `d` delegate, `w` withdraw, `c` comment, `u` urge, and `e` to edit a draft or a
returned document of one's own. Database work runs in worker threads.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.ui.inert import inert
from tui_office.ui.localise import localise_bindings
from tui_office.ui.widgets.document_fields import fields_renderable, plain_timeline

ACTION_KEYS = {
    "approve": "a", "reject": "r", "return": "b", "delegate": "d",
    "withdraw": "w", "comment": "c", "urge": "u",
}
"""The engine actions this screen offers, with their default keys."""

NEEDS_OPINION = {"reject", "return", "comment"}
"""Actions whose dialog refuses an empty opinion."""


class DocumentScreen(Screen[None]):
    """A document read-only with the timeline; keys for what this user may do now."""

    CSS_PATH = bundled("themes", "forms.tcss")

    BINDINGS = [
        Binding("a", "act('approve')", "docview.approve", id="document.approve"),
        Binding("r", "act('reject')", "docview.reject", id="document.reject"),
        Binding("b", "act('return')", "docview.return", id="document.return"),
        Binding("d", "act('delegate')", "docview.delegate", id="document.delegate"),
        Binding("w", "act('withdraw')", "docview.withdraw", id="document.withdraw"),
        Binding("c", "act('comment')", "docview.comment", id="document.comment"),
        Binding("u", "act('urge')", "docview.urge", id="document.urge"),
        Binding("e", "edit", "docview.edit", id="document.edit"),
        Binding("R", "reload", "docview.refresh", id="document.refresh", show=False),
        Binding("escape,q", "back", "docview.back", id="document.back"),
    ]

    class Loaded(Message):
        """The worker read the document, its form and the verdicts."""

        def __init__(self, view: Any, form: Any, verdicts: list, error: str = "") -> None:
            self.view, self.form, self.verdicts, self.error = view, form, verdicts, error
            super().__init__()

    class Acted(Message):
        """An action finished: the engine's message, or the reason it was refused."""

        def __init__(self, text: str, error: bool = False) -> None:
            self.text, self.error = text, error
            super().__init__()

    def __init__(self, number: str) -> None:
        super().__init__(classes="document-screen")
        localise_bindings(self)
        self.number = number
        """The document shown."""
        self.view: Any = None
        """The `DocumentView` last loaded (None until then)."""
        self.form: Any = None
        self.allowed: set[str] = set()
        """Engine actions this user may take now."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("docview.loading", number=self.number), id="doc-title")
        with Horizontal(id="doc-main"):
            with VerticalScroll(id="doc-fields") as fields:
                fields.border_title = t("docview.fields")
                yield Static("", id="doc-fields-body")
            with VerticalScroll(id="doc-timeline") as timeline:
                timeline.border_title = t("docview.timeline")
                yield self._timeline_widget()
        yield Footer()

    def _timeline_widget(self) -> Static:
        try:
            from tui_office.ui.widgets.timeline import Timeline
        except ImportError:  # the shared timeline is not there: a plain one below
            return Static("", id="doc-timeline-body")
        return Timeline("", id="doc-timeline-body")

    def on_mount(self) -> None:
        self.sub_title = self.number
        self._load()

    # ----------------------------------------------------------------- loading
    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="document", exclusive=True)
    def _load(self) -> None:
        from tui_office.services import queries

        office, login = self.app.office, self.app.me.login
        try:
            view = queries.show(office, login, self.number)
            form = queries.document_form(office, self.number)
            verdicts = queries.verdicts(office, login, self.number)
        except OfficeError as exc:
            self.post_message(self.Loaded(None, None, [], str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            self.post_message(self.Loaded(None, None, [], t("docview.load_failed", detail=str(exc) or type(exc).__name__)))
            return
        self.post_message(self.Loaded(inert(view), form, verdicts))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            if self.view is None:
                self.dismiss(None)
            return
        self.view, self.form = message.view, message.form
        self.allowed = {v.action for v in message.verdicts if v.allowed}
        self._show_view()
        self.refresh_bindings()

    # ------------------------------------------------------------------ render
    def _show_view(self) -> None:
        view = self.view
        title = Text.assemble((view.number, "bold"), "  ", (view.form_title, "bold"), "  ", view.title or "")
        title.append("\n")
        title.append(f"[{t('status.' + view.status)}]", style="bold reverse")
        if view.archived:
            title.append(" " + t("docview.archived"), style="dim")
        title.append("  " + t("docview.initiator", name=view.initiator_name, department=view.department or "—"))
        when = view.submitted_at or view.created_at
        if when:
            key = "docview.submitted_at" if view.submitted_at else "docview.created_at"
            title.append("  " + t(key, at=when.strftime("%Y-%m-%d %H:%M")), style="dim")
        self.query_one("#doc-title", Static).update(title)
        self.query_one("#doc-fields-body", Static).update(fields_renderable(view, self.form))
        timeline = self.query_one("#doc-timeline-body", Static)
        if hasattr(timeline, "show"):
            timeline.show(view)
        else:
            timeline.update(plain_timeline(view))

    # ----------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act":
            return bool(parameters) and parameters[0] in self.allowed
        if action == "edit":
            return self._editable
        return True

    @property
    def _editable(self) -> bool:
        view = self.view
        return bool(view is not None and view.status in ("draft", "returned") and view.initiator == self.app.me.login)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        if not self._editable:
            return
        from tui_office.ui.screens.form import FormScreen

        self.app.push_screen(FormScreen(self.view.form_id, self.number), lambda _result: self._load())

    def action_act(self, action: str) -> None:
        if action not in self.allowed or self.view is None:
            return
        number, title = self.number, self.view.title
        if action in ("approve", "reject", "return", "comment"):
            self._ask_opinion(action, number, title)
        elif action == "delegate":
            self._pick_user(number, title)
        elif action == "withdraw":
            self._confirm_withdraw(number, title)
        else:
            self._act(action)

    def _ask_opinion(self, action: str, number: str, title: str) -> None:
        def answered(text: str | None) -> None:
            if text is not None:
                self._act(action, comment=text)

        from tui_office.ui.dialogs.opinion import OpinionDialog

        self.app.push_screen(OpinionDialog(action, number, title, required=action in NEEDS_OPINION), answered)

    def _confirm_withdraw(self, number: str, title: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self._act("withdraw")

        from tui_office.ui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(ConfirmDialog(t("docview.withdraw_title", number=number),
                                           t("docview.withdraw_question", title=title)), answered)

    @work(thread=True, exit_on_error=False, group="people")
    def _pick_user(self, number: str, title: str) -> None:
        from tui_office.services.directory import list_users

        users = [u for u in list_users(self.app.office) if u.login != self.app.me.login]
        self.app.call_from_thread(self._open_picker, number, title, users)

    def _open_picker(self, number: str, title: str, users: list) -> None:
        def answered(login: str | None) -> None:
            if login:
                self._act("delegate", to=login)

        from tui_office.ui.dialogs.user_picker import UserPicker

        self.app.push_screen(UserPicker(users, t("docview.delegate_title", number=number), title), answered)

    @work(thread=True, exit_on_error=False, group="act")
    def _act(self, action: str, **options: object) -> None:
        from tui_office.services import decisions, workflow

        act = getattr(workflow, "act", None) or decisions.act
        try:
            text = act(self.app.office, self.app.me.login, action, self.number, **options)
        except OfficeError as exc:
            self.post_message(self.Acted(str(exc), error=True))
            return
        except Exception as exc:  # noqa: BLE001
            self.post_message(self.Acted(t("docview.act_failed", detail=str(exc) or type(exc).__name__), error=True))
            return
        self.post_message(self.Acted(text or t("docview.done", number=self.number)))

    @on(Acted)
    def _acted(self, message: Acted) -> None:
        self.notify(message.text, severity="error" if message.error else "information", timeout=6)
        self._load()
