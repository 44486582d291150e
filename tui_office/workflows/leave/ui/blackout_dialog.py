"""Provides `BlackoutDialog`: declaring a blackout period of leave (关键时期) — the event, its first
and last day, what happens to leave then (refused, or the general manager approves) and the
departments it concerns, or everyone.

The period is declared through a service call off the event loop; every problem it reports shows
under its own field and keeps what was typed, and nothing is stored until all are gone. `Tab`
moves between the fields (`enter` too, from a text box), `space` ticks a department, `ctrl+s`
declares and `escape` cancels; success closes the dialog with the service's message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, SelectionList, Static

from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.ui.dialogs.fields import FieldInput
from tui_office.workflows.leave.blackouts import NAME_MAX
from tui_office.workflows.leave.rules import BLACKOUT_MODES

EVERYONE = ""
"""The pick that stands for every department (a period naming no department concerns everyone)."""
FIELDS = ("name", "start", "end", "mode", "departments")
"""The fields, in order, as the service names them in its problems."""
DATE_MOST = 10
"""A day typed as `YYYY-MM-DD`."""


class BlackoutDialog(ModalScreen[str | None]):
    """Ask for a new period; `save(values)` (in a worker) declares it and answers with a message."""

    DEFAULT_CSS = """
    BlackoutDialog { align: center middle; }
    BlackoutDialog .blackout-label { color: $text-muted; }
    BlackoutDialog FieldInput { background: $boost; }
    BlackoutDialog #blackout-dates { height: auto; }
    BlackoutDialog #blackout-dates > Vertical { width: 1fr; height: auto; }
    BlackoutDialog #blackout-dates > Vertical:first-child { margin-right: 2; }
    BlackoutDialog RadioSet { layout: horizontal; border: none; padding: 0; height: auto; width: 100%; }
    BlackoutDialog RadioButton { margin-right: 2; }
    BlackoutDialog SelectionList { height: auto; max-height: 7; border: none; padding: 0; }
    BlackoutDialog .blackout-problem { color: $error; height: auto; display: none; }
    BlackoutDialog .blackout-problem.-shown { display: block; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", show=False, priority=True),
        Binding("escape", "cancel", show=False),
    ]

    def __init__(self, departments: list[tuple[str, str]], save: Callable[[dict[str, Any]], str]) -> None:
        super().__init__()
        self.departments = list(departments)
        """(code, name) of the departments to pick from."""
        self.save = save
        """Declares the period from the values (`name`, `start`, `end`, `mode`, `departments`)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = t("leave.blackouts.declare_title")
            yield Label(t("leave.blackouts.name"), classes="blackout-label")
            yield FieldInput(id="blackout-name", max_length=NAME_MAX, compact=True)
            yield self._problem("name")
            with Horizontal(id="blackout-dates"):
                for field in ("start", "end"):
                    with Vertical():
                        yield Label(t(f"leave.blackouts.{field}"), classes="blackout-label")
                        yield FieldInput(id=f"blackout-{field}", max_length=DATE_MOST, placeholder="YYYY-MM-DD",
                                         compact=True)
                        yield self._problem(field)
            yield Label(t("leave.blackouts.mode"), classes="blackout-label")
            with RadioSet(id="blackout-mode", compact=True):
                for n, mode in enumerate(BLACKOUT_MODES):
                    yield RadioButton(t(f"leave.blackout.choice.{mode}"), value=n == 0, id=f"blackout-mode-{mode}",
                                      compact=True)
            yield self._problem("mode")
            yield Label(t("leave.blackouts.departments"), classes="blackout-label")
            yield SelectionList[str]((t("leave.blackouts.everyone"), EVERYONE, True),
                                     *[(Content(printable(name)), code, False) for code, name in self.departments],
                                     id="blackout-departments", compact=True)
            yield self._problem("departments")
            yield Static("", id="blackout-error", classes="dialog-error", markup=False)
            yield Label(t("leave.blackouts.hint"), classes="dialog-hint")

    @staticmethod
    def _problem(field: str) -> Static:
        return Static("", id=f"blackout-{field}-problem", classes="blackout-problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#blackout-name", Input).focus()

    @on(SelectionList.SelectionToggled, "#blackout-departments")
    def _everyone_or_some(self, event: SelectionList.SelectionToggled) -> None:
        """Ticking everyone clears the departments; ticking a department clears everyone; nothing
        ticked is everyone again."""
        picks = event.selection_list
        if event.selection.value == EVERYONE and EVERYONE in picks.selected:
            for code in [c for c in picks.selected if c != EVERYONE]:
                picks.deselect(code)
        elif event.selection.value != EVERYONE and event.selection.value in picks.selected:
            picks.deselect(EVERYONE)
        if not picks.selected:
            picks.select(EVERYONE)

    def values(self) -> dict[str, Any]:
        """What is typed and picked now, as the service takes it."""
        pressed = self.query_one("#blackout-mode", RadioSet).pressed_index
        ticked = self.query_one("#blackout-departments", SelectionList).selected
        return {
            "name": self.query_one("#blackout-name", Input).value,
            "start": self.query_one("#blackout-start", Input).value,
            "end": self.query_one("#blackout-end", Input).value,
            "mode": BLACKOUT_MODES[pressed] if pressed >= 0 else "",
            "departments": [code for code in ticked if code != EVERYONE],
        }

    def next_after(self, widget: Input) -> None:
        """`enter` in a text box: on to the next field."""
        self.focus_next()

    def action_save(self) -> None:
        self._declare(self.values())

    @work(thread=True, exit_on_error=False, group="blackout-declare", exclusive=True)
    def _declare(self, values: dict[str, Any]) -> None:
        try:
            text = self.save(values)
        except ValidationFailed as failed:
            problems: dict[str, str] = {}
            for problem in failed.problems:
                problems.setdefault(problem.field, str(problem))
            self.app.call_from_thread(self.show_problems, problems, "")
            return
        except OfficeError as error:
            self.app.call_from_thread(self.show_problems, {}, str(error))
            return
        self.app.call_from_thread(self.dismiss, text)

    def show_problems(self, problems: dict[str, str], error: str) -> None:
        """Each field's problem under it (the first one per field), anything else at the bottom."""
        for field in FIELDS:
            line = self.query_one(f"#blackout-{field}-problem", Static)
            line.update(problems.get(field, ""))
            line.set_class(field in problems, "-shown")
        others = [text for field, text in problems.items() if field not in FIELDS]
        self.query_one("#blackout-error", Static).update("\n".join([*others, error]).strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
