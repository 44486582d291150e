"""Provides `FieldsDialog`: a few labelled values to type or choose (a new user, a department's
names, a role), saved through a service call that runs off the event loop. A refusal shows under
the fields and keeps what was typed; success closes the dialog with the service's message.

`enter` goes to the next field and saves on the last, `ctrl+s` saves from anywhere, `escape` cancels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from tui_office.domain.admin_names import NAME_MOST
from tui_office.i18n import t
from tui_office.ui.dialogs.saving import SavingDialog


@dataclass(frozen=True)
class Ask:
    """One value the dialog asks for."""

    id: str
    label: str
    value: str = ""
    choices: tuple[tuple[str, str], ...] | None = None
    """(value, label) pairs: a drop-down instead of typing; "" stands for none."""
    placeholder: str = ""


class FieldInput(Input):
    """A text box of the dialog: `enter` moves on (or saves) at once, so keys typed in the same
    burst land in the next box (see `ui.focus_keys`)."""

    BINDINGS = [Binding("enter", "next_field", show=False)]
    STEADY_ACTIONS = ("next_field",)
    PLAIN_EDITING = True

    def action_next_field(self) -> None:
        self.screen.next_after(self)  # type: ignore[attr-defined]


class FieldsDialog(SavingDialog):
    """Ask for `asks`; `save({id: value})` (in a worker) answers with a message or refuses."""

    DEFAULT_CSS = """
    FieldsDialog { align: center middle; }
    FieldsDialog Select { margin: 0; }
    FieldsDialog .fields-label { color: $text-muted; }
    FieldsDialog FieldInput { background: $boost; }
    """

    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, title: str, asks: list[Ask], save: Callable[[dict[str, str]], str]) -> None:
        super().__init__()
        self.heading = title
        self.asks = list(asks)
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.heading
            for ask in self.asks:
                yield Label(ask.label, classes="fields-label")
                if ask.choices is not None:
                    yield Select([(label, value) for value, label in ask.choices], value=ask.value or Select.NULL,
                                 allow_blank=True, id=f"ask-{ask.id}", compact=True,
                                 prompt=t("admin.nothing"))
                else:
                    yield FieldInput(ask.value, placeholder=ask.placeholder, id=f"ask-{ask.id}",
                                     max_length=NAME_MOST * 2, compact=True)
            yield self.error_line()
            yield Label(t("admin.fields_hint"), classes="dialog-hint")

    def values(self) -> dict[str, str]:
        """What is typed or chosen now, by field id ("" for a drop-down left blank)."""
        out = {}
        for ask in self.asks:
            widget = self.query_one(f"#ask-{ask.id}")
            value = widget.value
            out[ask.id] = "" if value is Select.NULL or value is None else str(value)
        return out

    def next_after(self, widget: Input) -> None:
        """Focus the field after `widget`, or save after the last one."""
        ids = [f"ask-{ask.id}" for ask in self.asks]
        here = ids.index(widget.id or "")
        if here == len(ids) - 1:
            widget.call_later(self.action_save)  # after the keys typed before enter reach the box
        else:
            self.set_focus(self.query_one(f"#{ids[here + 1]}"))  # at once, not after the keys already queued

    def action_save(self) -> None:
        values = self.values()
        self.save_with(lambda: self.save(values))
