"""Provides `DocumentScreen`: one document read-only, its timeline, and the actions open to me now.

Left: every field as the form shows it (line items as a table with totals, the checklist with its
ticks, attachments by path); right: the timeline (steps done — who, on behalf of whom, when, what,
the opinion —, the current step with its assignees and due time, the steps ahead). The footer
offers only the actions this user may take now (the engine's verdicts): `a` approve, `r` reject,
`b` return, `d` delegate, `w` withdraw, `c` comment, `u` urge, `f` to mark a follow-up task of mine
done, `s` to start a document from this one, `p` to write its printable approval history (审批记录)
into the export folder, and `e` to edit a draft or a returned document of one's own. Database work runs in worker threads.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.actions import parse as parse_action
from textual.containers import Horizontal, VerticalScroll
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.ui.actions import FOLLOWUP, DocumentActions, records_here
from tui_office.ui.document_area_actions import AreaDocumentActions
from tui_office.ui import keymap
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.messages import DataChanged
from tui_office.ui.widgets.document_fields import fields_renderable
from tui_office.ui.widgets.timeline import Timeline
from tui_office.ui.inert import inert
from tui_office.ui.widgets.footer import KeyFooter

class DocumentScreen(AreaDocumentActions, LocalisedBindings, Screen[None]):
    """A document read-only with the timeline; keys for what this user may do now."""

    CSS_PATH = bundled("themes", "forms.tcss")

    BINDINGS = keymap.bindings("document.")

    view: reactive[Any] = reactive(None, repaint=False, bindings=True)
    """The `DocumentView` last loaded (None until then); decides whether `e` edits."""
    allowed: reactive[frozenset[str]] = reactive(frozenset(), repaint=False, bindings=True)
    """Engine actions this user may take now; decides which keys are live."""
    followups: reactive[list[tuple[str, str]]] = reactive(list, repaint=False, bindings=True)
    """(id, title) of the follow-up tasks I may complete here (`f`)."""
    """Ids of the follow-up tasks this user holds open on the document (`f` completes the first)."""
    starts: reactive[tuple[Any, ...]] = reactive((), repaint=False, bindings=True)
    """The forms this user may start from the document (`s`)."""

    class Loaded(Message):
        """The worker read the document, its form and the verdicts."""

        def __init__(self, view: Any, form: Any, verdicts: list, error: str = "",
                     followups: list[tuple[str, str]] | None = None, starts: tuple = ()) -> None:
            self.view, self.form, self.verdicts, self.error = view, form, verdicts, error
            self.followups, self.starts = followups or [], starts
            super().__init__()

    class FilesChecked(Message):
        """The worker read the document's attached files: a line for each one changed or gone."""

        def __init__(self, lines: list[str]) -> None:
            self.lines = lines
            super().__init__()

    def __init__(self, number: str) -> None:
        super().__init__(classes="document-screen")
        self.number = number
        """The document shown."""
        self._shown_once = False
        """Loaded before: later loads show it again rather than open it (an archive opening is logged once)."""
        self.form: Any = None
        self.verdicts: dict[str, Any] = {}
        """The engine's verdict on each action for this user, by action (from the last load)."""
        self._then_next = False
        """The approval under way was `A`: open my next task once it is done."""
        self.add_area_actions()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("docview.loading", number=self.number), id="doc-title")
        yield Static("", id="doc-file-warnings")
        with Horizontal(id="doc-main"):
            with VerticalScroll(id="doc-fields") as fields:
                fields.border_title = t("docview.fields")
                yield Static("", id="doc-fields-body")
            with VerticalScroll(id="doc-timeline") as timeline:
                timeline.border_title = t("docview.timeline")
                yield Timeline("", id="doc-timeline-body")
        yield DocumentActions(id="actions")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.number
        self._load()

    # ----------------------------------------------------------------- loading
    def action_reload(self) -> None:
        self._load()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Someone (here or in another window) changed the database: show the document as it is now."""
        self._load()

    @work(thread=True, exit_on_error=False, group="document", exclusive=True)
    def _load(self) -> None:
        from tui_office.services import queries, start_from
        from tui_office.services.followups import open_for

        office, login = self.app.office, self.app.me.login
        try:
            view = queries.show(office, login, self.number, opening=not self._shown_once)
            self._shown_once = True
            form = queries.document_form(office, self.number)
            verdicts = queries.verdicts(office, login, self.number)
            followups = open_for(office, login, self.number)
            starts = tuple(start_from.startable(office, login, self.number))
        except OfficeError as exc:
            self.post_message(self.Loaded(None, None, [], str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            self.post_message(self.Loaded(None, None, [], t("docview.load_failed", detail=str(exc) or type(exc).__name__)))
            return
        self.post_message(self.Loaded(inert(view), form, verdicts, followups=followups, starts=starts))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        if message.error:
            self.notify(message.error, severity="error", timeout=8)
            if self.view is None:
                self.dismiss(None)
            return
        self.form = message.form
        self.view = message.view
        self.verdicts = {v.action: v for v in message.verdicts}
        self.followups = message.followups
        self.starts = message.starts
        self.allowed = frozenset(v.action for v in message.verdicts if v.allowed) | ({"followup"} if self.followups else set())
        self._show_view()
        if any(f.type == "file" for f in getattr(self.form, "fields", ())):
            self._check_files()

    @work(thread=True, exit_on_error=False, group="document-files", exclusive=True)
    def _check_files(self) -> None:
        """Read the attached files (hashing may take a while: never on the event loop)."""
        from tui_office.services import files

        try:
            lines = files.warnings(files.check(self.app.office, self.app.me.login, self.number))
        except OfficeError:
            return  # the document view already says what is wrong with the document
        self.post_message(self.FilesChecked(lines))

    @on(FilesChecked)
    def _files_checked(self, message: FilesChecked) -> None:
        box = self.query_one("#doc-file-warnings", Static)
        box.update(Text("\n".join(f"⚠ {line}" for line in message.lines)))
        box.set_class(bool(message.lines), "-shown")

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
        self.query_one("#doc-timeline-body", Timeline).show(view)

    # ----------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "act":
            return bool(parameters) and parameters[0] in self.allowed
        if action == "approve_next":
            return "approve" in self.allowed
        if action == "record" or (action == "act" and parameters == ("approve",)):
            # `a` is one of the two, named for the step
            if (action == "record") != records_here(self.view, self.app.me.login):
                return False
            return "approve" in self.allowed
        if action == "followup":
            return "followup" in self.allowed
        if action == "edit":
            return self._editable
        if action == "open_link":
            return bool(self._linked)
        if action == "start_from":
            return bool(self.starts)
        return True

    def refusal(self, action: str) -> str | None:
        """Why the key bound to `action` (a binding's action string) does nothing now (None: it acts)."""
        _, name, parameters = parse_action(action)
        if name not in ("act", "edit", "open_link", "approve_next", "followup", "record"):
            return None
        if self.view is None:
            return t("docview.loading", number=self.number)
        if name == "followup":
            return None if self.followups else t("actions.no_followup", number=self.number)
        if name in ("approve_next", "record"):
            name, parameters = "act", ("approve",)
        if name == "act" and parameters and parameters[0] == "approve" and self.followups:
            return t("actions.use_followup", number=self.number, title=self.followups[0][1],
                     key=keymap.key_of(self, "followup"))
        if name == "act":
            verdict = self.verdicts.get(str(parameters[0])) if parameters else None
            if verdict is None:
                return t("inbox.not_offered")
            return None if verdict.allowed else verdict.reason or t("inbox.not_offered")
        if name == "edit" and not self._editable:
            if self.view.initiator != self.app.me.login:
                return t("docview.edit_not_yours", name=self.view.initiator_name)
            return t("docview.edit_not_now", status=t("status." + self.view.status))
        if name == "open_link" and not self._linked:
            return t("docview.no_links")
        return None

    def on_key(self, event: Key) -> None:
        """A key that would do nothing now says why instead (like the inbox's dimmed keys)."""
        keymap.explain_refusal(self, event, self.refusal)

    @property
    def _linked(self) -> list[str]:
        """Numbers of the linked documents, the ones this names first, then those naming it."""
        links = getattr(self.view, "links", None) or {}
        return [link["number"] for way in ("to", "from") for link in links.get(way, [])]

    def action_open_link(self) -> None:
        """`l`: open a linked document; pressed again in this view, the next one."""
        numbers = self._linked
        if numbers:
            self._link_index = getattr(self, "_link_index", -1) + 1
            self.app.push_screen(DocumentScreen(numbers[self._link_index % len(numbers)]))

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

    def action_start_from(self) -> None:
        """`s`: start a document from this one — of the form it offers, or the one picked when
        several can — saved as a prefilled draft and opened for editing."""
        from tui_office.ui.dialogs.form_picker import FormPicker

        forms = list(self.starts)
        if not forms:
            return
        if len(forms) == 1:
            self._start_draft(forms[0].id)
        else:
            self.app.push_screen(FormPicker(forms), lambda form_id: form_id and self._start_draft(form_id))

    @work(thread=True, exit_on_error=False, group="start-from")
    def _start_draft(self, form_id: str) -> None:
        from tui_office.services import start_from

        try:
            number = start_from.submit(self.app.office, self.app.me.login, form_id, self.number, {}, draft=True)
        except OfficeError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=8, markup=False)
            return
        self.app.call_from_thread(self._open_draft, form_id, number)

    def _open_draft(self, form_id: str, number: str) -> None:
        from tui_office.ui.screens.form import FormScreen

        self.app.push_screen(FormScreen(form_id, number), lambda _result: self._load())

    def action_print(self) -> None:
        """`p`: write the printable approval history into the export folder and say where."""
        if self.view is not None:
            self._print()

    @work(thread=True, exit_on_error=False, group="print")
    def _print(self) -> None:
        from tui_office import locations
        from tui_office.services import printout

        office = self.app.office
        try:
            path = printout.write_into(office, self.app.me.login, self.number,
                                       locations.export_dir(office.settings.export_dir))
        except OfficeError as exc:
            self.app.call_from_thread(self.notify, t("printout.failed", reason=str(exc)), severity="error",
                                      timeout=8, markup=False)
            return
        self.app.call_from_thread(self.notify, t("printout.written", path=str(path)), timeout=8, markup=False)

    def action_act(self, action: str) -> None:
        if action in self.allowed and self.view is not None:
            self._then_next = False
            self.query_one(DocumentActions).start(action, self.number, self.view.title)

    def action_record(self) -> None:
        """`a` at a record step: the same approval, called "Record"."""
        if "approve" in self.allowed and self.view is not None:
            self._then_next = False
            self.query_one(DocumentActions).start("record", self.number, self.view.title)

    def action_followup(self) -> None:
        """`f`: complete what is left of an approved document (report back…)."""
        if self.followups and self.view is not None:
            self.query_one(DocumentActions).start(FOLLOWUP, self.number, self.view.title)

    def action_approve_next(self) -> None:
        """`A`: approve, then open the next task waiting in my inbox (back to the inbox if none)."""
        if "approve" in self.allowed and self.view is not None:
            self._then_next = True
            self.query_one(DocumentActions).start("approve", self.number, self.view.title)

    @on(DocumentActions.Done, "#actions")
    def _acted(self, message: DocumentActions.Done) -> None:
        """The flow told the result; show the document as it is now (and the keys open now), or
        after `A` my next task."""
        if self._then_next and message.action == "approve" and not message.error:
            self._then_next = False
            self._open_next()
            return
        self._load()

    @work(thread=True, exit_on_error=False, group="document")
    def _open_next(self) -> None:
        from tui_office.services import queries

        try:
            rows = queries.inbox(self.app.office, self.app.me.login, "todo", limit=2).rows
        except OfficeError:
            rows = []
        following = next((row.number for row in rows if row.number != self.number), None)
        self.app.call_from_thread(self._show_next, following)

    def _show_next(self, number: str | None) -> None:
        if number is None:
            self.notify(t("docview.no_next"), timeout=4, markup=False)
            self.dismiss(None)
            return
        self.app.switch_screen(DocumentScreen(number))
