"""Provides the document-view keys business areas add for documents of their forms
(`Workflow.document_actions`): their bindings (ids `document.<id>`, listed in `?`, moved with
`[keymap]`), asking the choice and the written text each one takes, and running it in a worker,
its message or refusal shown as a notification before the document is read again."""

from __future__ import annotations

from textual import work
from textual.binding import BindingsMap

from tui_office import extensions
from tui_office.domain.errors import OfficeError
from tui_office.i18n import t
from tui_office.ui.dialogs.choice import ChoiceDialog
from tui_office.ui.dialogs.opinion import OpinionDialog
from tui_office.ui.row_actions import area_bindings


def bindings() -> BindingsMap:
    """The installed areas' document keys, descriptions in the current language (shown in `?`)."""
    return area_bindings(extensions.document_actions().values(), "area_action", "document")


class AreaDocumentActions:
    """Mixin for the document view (`view` with `number`, `form_id` and `title`; `action_reload()`)."""

    def add_area_actions(self) -> None:
        """Call from `__init__`: add the areas' keys to the screen's own."""
        self._bindings = BindingsMap.merge([self._bindings, bindings()])  # type: ignore[has-type]

    def action_area_action(self, ident: str) -> None:
        action = extensions.document_actions().get(ident)
        view = self.view  # type: ignore[attr-defined]
        if action is None or view is None:
            return
        if view.form_id not in action.forms:
            self.notify(t("docview.area_action_not_here", action=t(action.label_key)),  # type: ignore[attr-defined]
                        severity="warning", markup=False)
            return
        self._check_area_action(action)

    @work(thread=True, exit_on_error=False, group="area-action")
    def _check_area_action(self, action: extensions.DocumentAction) -> None:
        """Ask the area first whether the action is open now: a refusal comes before any question."""
        app = self.app  # type: ignore[attr-defined]
        if action.check:
            try:
                extensions.load(action.check)(app.office, app.me.login, self.view.number)  # type: ignore[attr-defined]
            except OfficeError as exc:
                app.call_from_thread(self.notify, str(exc), title=t(action.label_key), severity="warning",  # type: ignore[attr-defined]
                                     markup=False, timeout=8)
                return
        app.call_from_thread(self._ask_choice, action)

    def _ask_choice(self, action: extensions.DocumentAction) -> None:
        view = self.view  # type: ignore[attr-defined]
        if not action.choices:
            self._ask_text(action, "")
            return

        def chosen(value: str | None) -> None:
            if value is not None:
                self._ask_text(action, value)

        choices = [(value, t(key)) for value, key in action.choices]
        self.app.push_screen(ChoiceDialog(t(action.heading_key, number=view.number) if action.heading_key else  # type: ignore[attr-defined]
                                          t(action.label_key), view.title or "", choices), chosen)

    def _ask_text(self, action: extensions.DocumentAction, choice: str) -> None:
        view = self.view  # type: ignore[attr-defined]
        if not action.prompt_key:
            self._run_area_action(action.run, view.number, choice, "")
            return

        def written(text: str | None) -> None:
            if isinstance(text, str):
                self._run_area_action(action.run, view.number, choice, text)

        heading = dict((value, t(key)) for value, key in action.choices).get(choice) or t(action.label_key)
        self.app.push_screen(OpinionDialog(action.id, view.number, view.title or "", heading=heading,  # type: ignore[attr-defined]
                                           required=choice in action.text_required, prompt=t(action.prompt_key)),
                             written)

    @work(thread=True, exit_on_error=False, group="area-action")
    def _run_area_action(self, path: str, number: str, choice: str, text: str) -> None:
        app = self.app  # type: ignore[attr-defined]
        try:
            message = extensions.load(path)(app.office, app.me.login, number, choice, text)
        except OfficeError as exc:
            app.call_from_thread(self.notify, str(exc), severity="error", markup=False, timeout=8)  # type: ignore[attr-defined]
            return
        app.call_from_thread(self.notify, message, markup=False)  # type: ignore[attr-defined]
        app.call_from_thread(self.action_reload)  # type: ignore[attr-defined]
