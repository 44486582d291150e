"""Provides `DocumentActions`, the one way a screen acts on a document.

Every screen that offers approve, reject, return, delegate, add approver, cc, retract, withdraw,
comment, urge, a follow-up (report back…) or deleting a draft mounts one `DocumentActions` (it
draws nothing) and calls `start(action, number, title)`. The flow asks what the action needs — an
opinion (`OpinionDialog`), a yes (`ConfirmDialog`), a person (`UserPicker`, offering only who may
be chosen) or one of a few answers (`ChoiceDialog`: the step to return to, before or after me,
which follow-up) —, runs the service call in a worker thread, tells the result in one notice (the
engine's message, or why it refused or failed), and posts `DocumentActions.Done` so the screen can
reload: `@on(DocumentActions.Done, "#actions")`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on, work
from textual.message import Message
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from tui_office.domain import engine
from tui_office.domain.errors import OfficeError
from tui_office.i18n import t

OPINION = {a.name: a.opinion == "required" for a in engine.ACTION_TABLE if a.opinion}
"""Actions that ask for an opinion first, and whether an empty one is refused (the engine's table)."""
CONFIRM = frozenset(a.name for a in engine.ACTION_TABLE if a.takes == "confirm") | {"delete_draft", "retract"}
"""Actions that ask for a yes first (`actions.<action>_title` and `_question` in the catalogue);
deleting a draft is not an engine action but asks the same way."""
PICK_USER = frozenset(a.name for a in engine.ACTION_TABLE if a.takes in ("user", "users"))
"""Actions that ask for a person first (the `to` of the service call): delegate, add-approver, cc."""
DECLARE_CONFLICT = "declare-conflict"
"""Not an engine action: standing aside (回避) from the opinion dialog's F4, the opinion its reason."""
FOLLOWUP = "followup"
"""`start(FOLLOWUP, …)`: complete a follow-up of the document (report back…), asking which if several."""


def records_here(view: object, login: str) -> bool:
    """Whether `login`'s open task on document `view` is at a record step (its `a` says "Record")."""
    return any(step.kind in engine.RECORDING_KINDS and any(a.login == login and a.status == "open" for a in step.assignees)
               for step in getattr(view, "current_steps", None) or ())


class DocumentActions(Widget):
    """Asks, acts in a worker, tells the result; one per screen, not drawn."""

    class Done(Message):
        """An action on `number` finished; `error` when the engine refused it or it failed."""

        def __init__(self, actions: DocumentActions, number: str, action: str, text: str, error: bool = False,
                     after: object = None) -> None:
            super().__init__()
            self.actions = actions
            self.number, self.action, self.text, self.error = number, action, text, error
            self.after = after
            """What the screen's `read_after` read in the same worker once the action was done (None: nothing)."""

        @property
        def control(self) -> DocumentActions:
            """The flow that ran the action (what `@on(DocumentActions.Done, "#id")` selects on)."""
            return self.actions

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.display = False
        self.read_after: Callable[[str], Callable[[], object]] | None = None
        """Set by a screen that shows the result of an action: called with the number when an action
        starts (on the app's thread); what it returns runs in the action's worker right after the
        action, and its answer comes back in `Done.after`, so the screen repaints once, without a
        worker of its own."""

    def start(self, action: str, number: str, title: str) -> None:
        """Ask what `action` needs on document `number` (titled `title`), then do it."""
        from tui_office.ui.dialogs.confirm import ConfirmDialog

        if action in ("approve", "record"):  # a record step's approval is called "Record"
            self._ask_step_fields(number, title, heading=t(f"opinion.title.{action}", number=number))
        elif action == "return":
            self._ask_return_target(number, title)
        elif action == FOLLOWUP:
            self._ask_followup(number, title)
        elif action in OPINION:
            self._ask_opinion(action, number, title)
        elif action in CONFIRM:
            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.act(action, number)

            self.app.push_screen(ConfirmDialog(t(f"actions.{action}_title", number=number),
                                               t(f"actions.{action}_question", title=title)), confirmed)
        elif action in PICK_USER:
            self._pick_user(action, number, title)
        else:
            self.act(action, number)

    def _ask_opinion(self, action: str, number: str, title: str, *, heading: str = "", required: bool = False,
                     **options: object) -> None:
        """Ask for the opinion `action` takes (optional for actions the engine does not require one
        for: a note to a delegate, a follow-up), then act with it and `options`."""
        from tui_office.ui.dialogs.conflict_key import ConflictDeclared
        from tui_office.ui.dialogs.opinion import OpinionDialog

        def with_opinion(text: str | ConflictDeclared | None) -> None:
            if isinstance(text, ConflictDeclared):
                self.act(DECLARE_CONFLICT, number, comment=text.reason)
            elif text is not None:
                self.act(action, number, comment=text, **options)

        self.app.push_screen(OpinionDialog(action, number, title, required=required or OPINION.get(action, False),
                                           heading=heading),
                             with_opinion)

    def _choose(self, heading: str, title: str, choices: list[tuple[str, str]], then) -> None:  # noqa: ANN001
        """Ask which of `choices`; `then(value)` once answered (nothing on escape)."""
        from tui_office.ui.dialogs.choice import ChoiceDialog

        def chosen(value: str | None) -> None:
            if value is not None:
                then(value)

        self.app.push_screen(ChoiceDialog(heading, title, choices), chosen)

    @work(thread=True, group="people", exit_on_error=False)
    def _ask_return_target(self, number: str, title: str) -> None:
        """`return`: to the step before (the default) or, when it passed several, to a chosen one."""
        from tui_office.services.decisions import return_targets

        try:
            targets = return_targets(self.app.office, self.app.me.login, number)
        except OfficeError:
            targets = []  # the return itself will say why
        self.app.call_from_thread(self._open_return_targets, number, title, targets)

    def _open_return_targets(self, number: str, title: str, targets: list[tuple[str, str]]) -> None:
        if len(targets) < 2:
            self._ask_opinion("return", number, title)
            return
        self._choose(t("actions.return_to_title", number=number), title, targets,
                     lambda target: self._ask_opinion("return", number, title, to=target))

    @work(thread=True, group="people", exit_on_error=False)
    def _ask_followup(self, number: str, title: str) -> None:
        """A follow-up of an approved document (report back…): the one open to me, or a choice."""
        from tui_office.services.followups import open_for

        try:
            open_now = open_for(self.app.office, self.app.me.login, number)
        except OfficeError as error:
            self.post_message(self.Done(self, number, FOLLOWUP, str(error), error=True))
            return
        self.app.call_from_thread(self._open_followup, number, title, open_now)

    def _open_followup(self, number: str, title: str, open_now: list[tuple[str, str]]) -> None:
        if not open_now:
            self.app.bell()
            self.notify(t("actions.no_followup", number=number), severity="warning", markup=False)
            return
        titles = dict(open_now)

        def do(followup: str) -> None:
            self._ask_opinion(followup, number, title, heading=t("actions.followup_title", title=titles[followup], number=number))

        if len(open_now) == 1:
            do(open_now[0][0])
        else:
            self._choose(t("actions.followup_choose", number=number), title, open_now, do)

    @work(thread=True, group="people", exit_on_error=False)
    def _ask_step_fields(self, number: str, title: str, heading: str = "") -> None:
        """Approving a task whose step asks for fields opens the step form (the fields and the
        opinion together); any other approval asks for the opinion alone."""
        from tui_office.services.decisions import step_form
        from tui_office.services.directory import list_users

        try:
            asked = step_form(self.app.office, self.app.me.login, number)
        except OfficeError:
            asked = None  # the approval itself will say why
        if asked is None or not asked.fields:
            self.app.call_from_thread(partial(self._ask_opinion, "approve", number, title, heading=heading,
                                              required=asked is not None and asked.opinion_required))
            return
        users = []
        if any(f.type == "user" for f in asked.fields):
            users = [(f"{u.name} ({u.login}) · {u.department}", u.login) for u in list_users(self.app.office)]
        self.app.call_from_thread(self._open_step_form, number, title, asked, users)

    def _open_step_form(self, number: str, title: str, asked, users: list) -> None:
        from tui_office.ui.dialogs.conflict_key import ConflictDeclared

        def filled(answer: tuple[dict, str] | ConflictDeclared | None) -> None:
            if isinstance(answer, ConflictDeclared):
                self.act(DECLARE_CONFLICT, number, comment=answer.reason)
            elif answer is not None:
                values, opinion = answer
                self.act("approve", number, comment=opinion, fields=values)

        from tui_office.ui.dialogs.step_fields import StepFieldsDialog  # the form widgets: only for a step that asks

        self.app.push_screen(StepFieldsDialog(number, title, asked.form, asked.step, asked.fields, asked.values,
                                              users=users), filled)

    @work(thread=True, group="people", exit_on_error=False)
    def _pick_user(self, action: str, number: str, title: str) -> None:
        """Offer only the people who may take the task (not oneself, not the initiator, nobody
        inactive or already on the step): a choice is never refused after the picker closes."""
        from tui_office.services.decisions import candidates
        from tui_office.services.directory import list_users

        try:
            allowed = set(candidates(self.app.office, self.app.me.login, action, number))
        except OfficeError as error:
            self.post_message(self.Done(self, number, action, str(error), error=True))
            return
        users = [u for u in list_users(self.app.office) if u.login in allowed]
        self.app.call_from_thread(self._open_picker, action, number, title, users)

    def _open_picker(self, action: str, number: str, title: str, users: list) -> None:
        from tui_office.ui.dialogs.user_picker import UserPicker

        if not users:
            self.app.bell()
            self.notify(t("actions.nobody_to_copy" if action == "cc" else "actions.nobody_to_pick", number=number), severity="warning", markup=False)
            return
        def picked(login: str | None) -> None:
            if not login:
                return
            if action == "add-approver":  # 加签: before me (they decide first) or after me
                self._choose(t("actions.add_approver_when", number=number), title,
                             [("after", t("actions.add_after")), ("before", t("actions.add_before"))],
                             lambda position: self.act(action, number, to=login, position=position))
            elif action in ("delegate", "entrust", "remove-approver"):  # with a note, or the reason
                self._ask_opinion(action, number, title, heading=t(f"actions.{action}_note", number=number), to=login)
            else:
                self.act(action, number, to=login)

        self.app.push_screen(UserPicker(users, t(f"actions.{action}_title", number=number), title), picked)

    def act(self, action: str, number: str, **options: object) -> None:
        """Do `action` on `number` now, in a worker (no questions asked); the answer comes back as `Done`.

        The worker carries the action as its name and the number as its description, so whatever
        becomes of it, `_worker_changed` can say which document it was about."""
        read = self.read_after(number) if self.read_after is not None else None
        self.run_worker(partial(self._act, action, number, options, read), name=action, group="act",
                        description=number, thread=True, exit_on_error=False)

    def _act(self, action: str, number: str, options: dict[str, object],
             read: Callable[[], object] | None) -> tuple[str, bool, object]:
        """(the engine's message, False) or (why it refused, True), then what `read` answered."""
        text, error = self._decide(action, number, options)
        if read is None:
            return text, error, None
        try:
            return text, error, read()
        except Exception:  # the action's answer stands; the screen reads again itself and says what failed
            return text, error, None

    def _decide(self, action: str, number: str, options: dict[str, object]) -> tuple[str, bool]:
        from tui_office.services.decisions import act
        from tui_office.services.workflow import delete_draft

        try:
            if action == "delete_draft":
                text = delete_draft(self.app.office, self.app.me.login, number)
            elif action == DECLARE_CONFLICT:
                from tui_office.services.conflicts import declare

                text = declare(self.app.office, self.app.me.login, number, str(options.get("comment", "")))
            else:
                text = act(self.app.office, self.app.me.login, action, number, **options)
        except OfficeError as error:
            return str(error), True
        return text or t("actions.done", number=number), False

    @on(Done)
    def _tell(self, message: Done) -> None:
        """The one notice of a finished action (the message then goes on up to the screen)."""
        if message.error:
            self.notify(message.text, title=t("ui.action_failed"), severity="error", timeout=8, markup=False)
        else:
            self.notify(message.text, timeout=4, markup=False)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        """Every worker of the flow ends here: an action's answer becomes `Done`, and a worker that
        broke (a bug, a lost database — not a refusal) one notice, never a traceback. A broken
        action still ends in `Done`, so the screen shows the document as it now is."""
        event.stop()
        worker = event.worker
        if event.state == WorkerState.SUCCESS and worker.group == "act":
            text, error, after = worker.result
            self.post_message(self.Done(self, worker.description, worker.name, text, error, after))
        elif event.state == WorkerState.ERROR:
            text = t("actions.failed", detail=str(worker.error) or type(worker.error).__name__)
            if worker.group == "act":
                self.post_message(self.Done(self, worker.description, worker.name, text, error=True))
            else:
                self.notify(text, title=t("ui.action_failed"), severity="error", timeout=8, markup=False)
