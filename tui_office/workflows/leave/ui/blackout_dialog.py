"""Provides `BlackoutDialog`: declaring a blackout period of leave (请假管控期) — the event, its first
and last day, what happens to leave then (refused, or the general manager approves) and the
departments it concerns, or everyone — or correcting one, the dialog then filled with the period
and titled for it.

The period is declared (or corrected) through a service call off the event loop; every problem it reports shows
under its own field and keeps what was typed, and nothing is stored until all are gone. `Tab`
moves between the fields (`enter` too, from a text box), `enter` opens the choice of what
happens to leave, `space` ticks a department (none ticked: everyone; the line under the list
names those ticked, or everyone, so it reads without colour), `ctrl+s` declares (or saves the
correction) and `escape` cancels; success closes the dialog with the service's message.
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
from textual.widgets import Input, Label, Select, SelectionList, Static

from tui_office.domain.errors import OfficeError, ValidationFailed
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.ui.dialogs.fields import FieldInput
from tui_office.ui.widgets.tick_list import TickList
from tui_office.workflows.leave.blackouts import NAME_MAX
from tui_office.workflows.leave.rules import BLACKOUT_MODES, Blackout

FIELDS = ("name", "start", "end", "mode", "departments")
"""The fields, in order, as the service names them in its problems."""
DATE_MOST = 10
"""A day typed as `YYYY-MM-DD`."""
LIST_LINES = 6
"""Lines of the department list (it scrolls), so the dialog fits 24 lines with a problem or two."""


class BlackoutDialog(ModalScreen[str | None]):
    """Ask for a new period, or a correction of `period`; `save(values)` (in a worker) declares or
    corrects it and answers with a message."""

    DEFAULT_CSS = """
    BlackoutDialog { align: center middle; }
    BlackoutDialog .blackout-label { color: $text-muted; }
    BlackoutDialog FieldInput { background: $boost; }
    BlackoutDialog #blackout-dates { height: auto; }
    BlackoutDialog #blackout-dates > Vertical { width: 1fr; height: auto; }
    BlackoutDialog #blackout-dates > Vertical:first-child { margin-right: 2; }
    BlackoutDialog Select { margin: 0; }
    BlackoutDialog #blackout-concerns { color: $text-muted; height: auto; }
    BlackoutDialog .blackout-problem { color: $error; height: auto; display: none; }
    BlackoutDialog .blackout-problem.-shown { display: block; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", show=False),  # not a priority key: it comes after the keys typed before it
        Binding("escape", "cancel", show=False),
    ]

    def __init__(self, departments: list[tuple[str, str]], save: Callable[[dict[str, Any]], str],
                 period: Blackout | None = None) -> None:
        super().__init__()
        self.departments = list(departments)
        """(code, name) of the departments to pick from."""
        self.save = save
        """Declares (or corrects) the period from the values (`name`, `start`, `end`, `mode`, `departments`)."""
        self.period = period
        """The period corrected, whose values the fields start with (None: a new one, fields empty)."""

    def compose(self) -> ComposeResult:
        period = self.period
        typed = {"name": period.name, "start": period.start.isoformat(), "end": period.end.isoformat()} if period else {}
        with Vertical(classes="dialog") as box:
            box.border_title = t("leave.blackouts.edit_title", id=period.id) if period else t("leave.blackouts.declare_title")
            yield Label(t("leave.blackouts.name"), classes="blackout-label")
            yield FieldInput(typed.get("name", ""), id="blackout-name", max_length=NAME_MAX, compact=True)
            yield self._problem("name")
            with Horizontal(id="blackout-dates"):
                for field in ("start", "end"):
                    with Vertical():
                        yield Label(t(f"leave.blackouts.{field}"), classes="blackout-label")
                        yield FieldInput(typed.get(field, ""), id=f"blackout-{field}", max_length=DATE_MOST,
                                         placeholder="YYYY-MM-DD", compact=True)
                        yield self._problem(field)
            yield Label(t("leave.blackouts.mode"), classes="blackout-label")
            yield Select([(t(f"leave.blackout.choice.{mode}"), mode) for mode in BLACKOUT_MODES],
                         value=period.mode if period else BLACKOUT_MODES[0], allow_blank=False, id="blackout-mode",
                         compact=True)
            yield self._problem("mode")
            yield Label(t("leave.blackouts.departments"), classes="blackout-label")
            ticked = set(period.departments) if period else set()
            yield TickList(*[(Content(printable(name)), code, code in ticked) for code, name in self.departments],
                           id="blackout-departments", compact=True)
            yield Static(self._concerns(), id="blackout-concerns", markup=False)
            yield self._problem("departments")
            yield Static("", id="blackout-error", classes="blackout-problem", markup=False)
            yield Label(t("leave.blackouts.edit_hint" if period else "leave.blackouts.hint"), classes="dialog-hint")

    @staticmethod
    def _problem(field: str) -> Static:
        return Static("", id=f"blackout-{field}-problem", classes="blackout-problem", markup=False)

    def on_mount(self) -> None:
        # inline: the app's dialog style sheet gives every option list in a dialog 12 lines, too
        # many for this one on 24 lines; the dialog scrolls rather than cut off what does not fit
        self.query_one("#blackout-departments").styles.max_height = LIST_LINES
        self.query_one(".dialog").styles.overflow_y = "auto"
        self.query_one("#blackout-name", Input).focus()

    def _concerns(self, codes: list[str] | None = None) -> str:
        """The line under the list: the departments of `codes` (None: the period's, if any) by name, or everyone."""
        names = dict(self.departments)
        if codes is None:
            codes = list(self.period.departments) if self.period else []
        ticked = [printable(names.get(code, code)) for code in codes]
        return t("leave.blackouts.concerns",
                 departments=t("leave.list_separator").join(ticked) or t("leave.blackouts.everyone"))

    @on(SelectionList.SelectedChanged, "#blackout-departments")
    def _name_the_ticked(self) -> None:
        """The line under the list names the departments ticked, or everyone when none is."""
        ticked = list(self.query_one("#blackout-departments", SelectionList).selected)
        self.query_one("#blackout-concerns", Static).update(self._concerns(ticked))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _edited(self, event: Any) -> None:
        """A field changed: its problem is out of date until the next save says otherwise."""
        field = (event.control.id or "").removeprefix("blackout-")
        if field in FIELDS:
            self.query_one(f"#blackout-{field}-problem", Static).set_class(False, "-shown")

    def values(self) -> dict[str, Any]:
        """What is typed and picked now, as the service takes it."""
        mode = self.query_one("#blackout-mode", Select).value
        ticked = self.query_one("#blackout-departments", SelectionList).selected
        return {
            "name": self.query_one("#blackout-name", Input).value,
            "start": self.query_one("#blackout-start", Input).value,
            "end": self.query_one("#blackout-end", Input).value,
            "mode": str(mode) if mode in BLACKOUT_MODES else "",
            "departments": list(ticked),
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
        """Each field's problem under it (the first one per field), anything else at the bottom; the
        first field with a problem takes the focus."""
        for field in FIELDS:
            line = self.query_one(f"#blackout-{field}-problem", Static)
            line.update(problems.get(field, ""))
            line.set_class(field in problems, "-shown")
        others = [text for field, text in problems.items() if field not in FIELDS]
        first = next((field for field in FIELDS if field in problems), None)
        if first is not None:  # the first field to put right has the focus, what it holds selected
            widget = self.query_one(f"#blackout-{first}")
            widget.focus()
            if isinstance(widget, Input):
                widget.select_all()
        rest = "\n".join([*others, error]).strip()
        self.query_one("#blackout-error", Static).update(rest)
        self.query_one("#blackout-error", Static).set_class(bool(rest), "-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
