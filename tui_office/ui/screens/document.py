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
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.ui.actions import DocumentActions
from tui_office.ui import keymap
from tui_office.ui.keymap import LocalisedBindings
from tui_office.ui.widgets.document_fields import fields_renderable
from tui_office.ui.widgets.timeline import Timeline
from tui_office.ui.inert import inert
from tui_office.ui.widgets.footer import KeyFooter

class DocumentScreen(LocalisedBindings, Screen[None]):
    """A document read-only with the timeline; keys for what this user may do now."""

    CSS_PATH = bundled("themes", "forms.tcss")

    BINDINGS = keymap.bindings("document.")

    view: reactive[Any] = reactive(None, repaint=False, bindings=True)
    """The `DocumentView` last loaded (None until then); decides whether `e` edits."""
    allowed: reactive[frozenset[str]] = reactive(frozenset(), repaint=False, bindings=True)
    """Engine actions this user may take now; decides which keys are live."""

    class Loaded(Message):
        """The worker read the document, its form and the verdicts."""

        def __init__(self, view: Any, form: Any, verdicts: list, error: str = "") -> None:
            self.view, self.form, self.verdicts, self.error = view, form, verdicts, error
            super().__init__()

    def __init__(self, number: str) -> None:
        super().__init__(classes="document-screen")
        self.number = number
        """The document shown."""
        self.form: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("docview.loading", number=self.number), id="doc-title")
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
        self.form = message.form
        self.view = message.view
        self.allowed = frozenset(v.action for v in message.verdicts if v.allowed)
        self._show_view()

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
        if action == "edit":
            return self._editable
        if action == "open_link":
            return bool(self._linked)
        return True

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

    def action_act(self, action: str) -> None:
        if action in self.allowed and self.view is not None:
            self.query_one(DocumentActions).start(action, self.number, self.view.title)

    @on(DocumentActions.Done, "#actions")
    def _acted(self) -> None:
        """The flow told the result; show the document as it is now (and the keys open now)."""
        self._load()
