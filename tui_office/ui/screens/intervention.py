"""Provides `InterventionScreen`: an administrator finds a document in progress, sees its route
(every step, which it passed, where it is now, who it waits for) and its history, and steps in:
end it, send it to a step, pull it back, or give a pending task to someone else — each asking which
and the reason first, then calling `services.intervention` in a worker.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.dialogs.choice import ChoiceDialog
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.dialogs.user_picker import UserPicker
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.footer import KeyFooter
from tui_office.ui.widgets.timeline import Timeline

MARKS = {"done": "✓", "now": ">", "": "-"}


class InterventionScreen(LocalisedBindings, Screen[None]):
    """Find a document by number, see its route, intervene (administrators)."""

    DEFAULT_CSS = """
    InterventionScreen #intervene-prompt, InterventionScreen #intervene-hint { padding: 0 1; color: $text-muted; }
    InterventionScreen #intervene-body { height: 1fr; padding: 0 1; }
    InterventionScreen #intervene-route { height: auto; }
    InterventionScreen #intervene-timeline { height: auto; margin-top: 1; }
    """

    BINDINGS = [
        Binding("e", "intervene('end')", "keys.intervene_end", id="intervention.end"),
        Binding("j", "intervene('jump')", "keys.intervene_jump", id="intervention.jump"),
        Binding("b", "intervene('pull-back')", "keys.intervene_pull_back", id="intervention.pull_back"),
        Binding("t", "intervene('reassign')", "keys.intervene_reassign", id="intervention.reassign"),
        Binding("slash", "find", "keys.intervene_lookup", id="intervention.find", key_display="/"),
        Binding("escape", "back", "docview.back", id="intervention.back"),
    ]

    class Loaded(Message):
        """The worker read a document's route (or the reason it could not)."""

        def __init__(self, route: object, error: str = "") -> None:
            super().__init__()
            self.route, self.error = route, error

    class Acted(Message):
        """An intervention finished: the engine's message, or why it was refused."""

        def __init__(self, number: str, text: str, error: bool) -> None:
            super().__init__()
            self.number, self.text, self.error = number, text, error

    def __init__(self, number: str = "") -> None:
        super().__init__()
        self.number = number
        """The document looked up (empty: none yet)."""
        self.route = None
        """Its `intervention.Route`, once read."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("intervention.number_prompt"), id="intervene-prompt", markup=False)
        yield Input(value=self.number, placeholder=t("intervention.number_placeholder"), id="intervene-number")
        with VerticalScroll(id="intervene-body", can_focus=True):
            yield Static("", id="intervene-route", markup=False)
            yield Timeline(id="intervene-timeline")
        yield Static(t("intervention.hint"), id="intervene-hint", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("intervention.title")
        if self.number:
            self._load(self.number)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "intervene":
            return None if self.route is None else True
        return True

    @on(Input.Submitted, "#intervene-number")
    def _lookup(self, event: Input.Submitted) -> None:
        number = event.value.strip().lstrip("/").strip()  # "/" typed again while the box has focus
        if number:
            self._load(number)

    @work(thread=True, exclusive=True, group="route", exit_on_error=False)
    def _load(self, number: str) -> None:
        from tui_office.services.intervention import route

        try:
            found = route(self.app.office, self.app.me.login, number)
        except OfficeError as error:
            self.post_message(self.Loaded(None, str(error)))
            return
        self.post_message(self.Loaded(found))

    @on(Loaded)
    def _show(self, message: Loaded) -> None:
        self.route = message.route
        if message.error:
            self.notify(message.error, severity="error", markup=False)
            self.query_one("#intervene-route", Static).update("")
            self.query_one(Timeline).show(None)
            box = self.query_one("#intervene-number", Input)
            box.focus()
            box.select_all()  # the next number typed replaces the one not found
        else:
            route = message.route
            self.number = route.view.number
            self.query_one("#intervene-route", Static).update(self._route_text(route))
            self.query_one(Timeline).show(route.view)
            self.query_one("#intervene-body").focus()
        self.refresh_bindings()

    def _route_text(self, route) -> Text:  # noqa: ANN001
        view = route.view
        text = Text.assemble((f"{view.number}  {view.title}", "bold"), f"  {t(f'inbox.status.{view.status}')}\n")
        text.append(t("intervention.route") + "\n", style="bold")
        for _step, title, mark in route.steps:
            label = {"done": t("intervention.step_done"), "now": t("intervention.step_now")}.get(mark, "")
            text.append(f"  {MARKS[mark]} {title}" + (f"  ({label})" if label else "") + "\n",
                        style="bold" if mark == "now" else "")
        names = ", ".join(name for _, name in route.pending) or t("intervention.nobody")
        text.append(f"{t('intervention.pending')}: {names}")
        return text

    def action_find(self) -> None:
        self.query_one("#intervene-number", Input).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    # ---- the interventions: ask which, then why, then act ------------------------------------

    def action_intervene(self, kind: str) -> None:
        route = self.route
        if route is None:
            return
        number = route.view.number
        if kind == "end":
            choices = [(status, t(f"status.{status}")) for status in ("approved", "rejected")]
            self._choose(t("intervention.choose_outcome", number=number), choices,
                         lambda outcome: self._ask_reason(kind, outcome=outcome))
        elif kind == "jump":
            choices = [(step, title) for step, title, _ in route.steps]
            self._choose(t("intervention.choose_step", number=number), choices,
                         lambda step: self._ask_reason(kind, step=step))
        elif kind == "pull-back":
            titles = {step: title for step, title, _ in route.steps}
            self._choose(t("intervention.choose_back", number=number), [(s, titles[s]) for s in route.passed],
                         lambda step: self._ask_reason(kind, step=step))
        elif kind == "reassign":
            self._choose(t("intervention.choose_person", number=number), list(route.pending), self._pick_taker)

    def _choose(self, heading: str, choices: list[tuple[str, str]], then) -> None:  # noqa: ANN001
        if not choices:
            self.app.bell()
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                then(value)

        self.app.push_screen(ChoiceDialog(heading, self.route.view.title, choices), chosen)

    @work(thread=True, group="people", exit_on_error=False)
    def _pick_taker(self, person: str) -> None:
        from tui_office.services.directory import list_users

        pending = {login for login, _ in self.route.pending}
        users = [u for u in list_users(self.app.office)
                 if u.login not in pending and u.login != self.route.view.initiator]
        self.app.call_from_thread(self._open_picker, person, users)

    def _open_picker(self, person: str, users: list) -> None:
        def picked(login: str | None) -> None:
            if login:
                self._ask_reason("reassign", person=person, to=login)

        self.app.push_screen(UserPicker(users, t("intervention.choose_person", number=self.number),
                                        self.route.view.title), picked)

    def _ask_reason(self, kind: str, **options: str) -> None:
        def answered(reason: str | None) -> None:
            if reason is not None:
                self._act(kind, self.number, reason, options)

        self.app.push_screen(OpinionDialog("comment", self.number, self.route.view.title, required=True,
                                           heading=t("intervention.reason_title", number=self.number)), answered)

    @work(thread=True, group="act", exit_on_error=False)
    def _act(self, kind: str, number: str, reason: str, options: dict[str, str]) -> None:
        from tui_office.services.intervention import intervene

        try:
            text = intervene(self.app.office, self.app.me.login, kind, number, reason=reason, **options)
        except OfficeError as error:
            self.post_message(self.Acted(number, str(error), True))
            return
        self.post_message(self.Acted(number, text, False))

    @on(Acted)
    def _acted(self, message: Acted) -> None:
        if message.error:
            self.notify(message.text, title=t("ui.action_failed"), severity="error", timeout=8, markup=False)
        else:
            self.notify(message.text, timeout=4, markup=False)
        self._load(message.number)
