"""Provides `FieldRow`: one form field — its label, an editor fitting its type, and its problem.

Editors by type: `Input` for text, numbers, money, dates and times; `TextArea` for multiline;
`Select` for a choice, a user or a department; `SelectionList` for a multi-choice; `Checkbox` for
a yes/no; `LineItemGrid` for a table of line items; `ChecklistField` for a checklist; a read-only
`Static` for a computed field. The row reports what happened as messages (`FieldRow.Changed`
when the value changes, `FieldRow.Left` when focus leaves the field); the screen answers by
setting attributes (`show_problem`, `show_value`, `display`).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantBlur
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from tui_office.i18n import t
from tui_office.ui.widgets.checklist import ChecklistField, Tick
from tui_office.ui.widgets.line_items import LineItemGrid
from tui_office.ui.widgets.people_select import PeopleSelect

PLACEHOLDERS = {
    "date": "form.placeholder_date",
    "datetime": "form.placeholder_datetime",
    "money": "form.placeholder_money",
    "decimal": "form.placeholder_decimal",
    "integer": "form.placeholder_integer",
    "file": "files.placeholder",
}
"""Catalogue keys of the hint shown in an empty box, by field type."""


class FieldRow(Widget):
    """One field of a form: label, editor, and the problem with its value (if any)."""

    class Changed(Message):
        """The person changed the value of a field."""

        def __init__(self, row: FieldRow, raw: Any) -> None:
            self.row = row
            """The row whose value changed."""
            self.raw = raw
            """The new raw value (see `FormState`)."""
            super().__init__()

        @property
        def control(self) -> FieldRow:
            """The FieldRow this is about (what `@on(..., "#id")` selects on)."""
            return self.row

        @property
        def field_id(self) -> str:
            return self.row.field.id

    class Left(Message):
        """Focus left the field (time to check it)."""

        def __init__(self, row: FieldRow) -> None:
            self.row = row
            """The row that lost focus."""
            super().__init__()

        @property
        def control(self) -> FieldRow:
            """The FieldRow this is about (what `@on(..., "#id")` selects on)."""
            return self.row

        @property
        def field_id(self) -> str:
            return self.row.field.id

    def __init__(self, field: Any, raw: Any = None, *, users: list[tuple[str, str]] | None = None,
                 departments: list[tuple[str, str]] | None = None, people: list[Any] | None = None) -> None:
        wide = field.type in ("table", "checklist", "multiline")
        classes = f"field-row -type-{field.type}" + (" -wide" if wide else "") + (" -computed" if field.computed else "")
        super().__init__(id=f"field-{field.id}", classes=classes)
        self.field = field
        """The field definition."""
        self._raw = raw
        self._users = users or []
        self._departments = departments or []
        self._people = people
        """The people behind `users` (`UserInfo`): a user field then finds them by pinyin too."""
        self._quiet = 0

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        f = self.field
        marker = " *" if f.required and not f.computed else ""
        if self.has_class("-wide"):
            with Horizontal(classes="field-head"):
                yield Label(f.label + marker, classes="field-label")
                yield Static("", classes="field-problem")
            yield self._editor()
            if f.help:
                yield Static(f.help, classes="field-help")
            return
        with Horizontal(classes="field-line"):
            yield Label(f.label + marker, classes="field-label")
            with Vertical(classes="field-body"):
                yield self._editor()
                if f.help:
                    yield Static(f.help, classes="field-help")
            yield Static("", classes="field-problem")

    def _editor(self) -> Widget:
        f, raw = self.field, self._raw
        editor_id = "editor"
        if f.computed:
            return Static("", id=editor_id, classes="field-computed")
        kind = f.type
        if kind == "multiline":
            area = TextArea(raw or "", id=editor_id, classes="field-editor", soft_wrap=True, tab_behavior="focus",
                            show_line_numbers=False, compact=True)
            return area
        if kind == "choice":
            options = [(c.label, c.value) for c in f.choices]
            return self._select(options, raw)
        if kind == "user":
            if self._people is not None:
                return self._select(self._users, raw, people=self._people)
            return self._select(self._users, raw)
        if kind == "department":
            return self._select(self._departments, raw)
        if kind == "users":
            chosen = list(raw or [])
            known = {login for _, login in self._users}
            people = [*self._users, *((login, login) for login in chosen if login not in known)]
            return SelectionList[str](*[(name, login, login in chosen) for name, login in people],
                                      id=editor_id, classes="field-editor", compact=True)
        if kind == "multichoice":
            chosen = set(raw or [])
            return SelectionList[str](*[(c.label, c.value, c.value in chosen) for c in f.choices],
                                      id=editor_id, classes="field-editor", compact=True)
        if kind == "boolean":
            return Tick(t("form.yes"), bool(raw), id=editor_id, classes="field-editor", button_first=True)
        if kind == "table":
            return LineItemGrid(f, raw or [], id=editor_id, classes="field-editor")
        if kind == "checklist":
            return ChecklistField(f, raw or [], id=editor_id, classes="field-editor")
        placeholder = t(PLACEHOLDERS[kind]) if kind in PLACEHOLDERS else ""
        return Input(raw or "", placeholder=placeholder, id=editor_id, classes="field-editor",
                     select_on_focus=False, compact=True)

    def _select(self, options: list[tuple[str, str]], raw: Any, people: list[Any] | None = None) -> Select:
        values = {value for _, value in options}
        if raw and raw not in values:
            options = [*options, (str(raw), str(raw))]
        settings = dict(prompt=t("form.choose"), allow_blank=True, value=raw if raw else Select.NULL,
                        id="editor", classes="field-editor", compact=True)
        if people is not None:
            return PeopleSelect(options, people, self.field.label, **settings)
        return Select(options, **settings)

    # --------------------------------------------------------------- attributes
    @property
    def editor(self) -> Widget:
        return self.query_one("#editor")

    @property
    def raw(self) -> Any:
        """The editor's current raw value."""
        editor, kind = self.editor, self.field.type
        if isinstance(editor, TextArea):
            return editor.text
        if isinstance(editor, Select):
            value = editor.value
            return None if value is Select.NULL or value is None else str(value)
        if isinstance(editor, SelectionList):
            return list(editor.selected)
        if isinstance(editor, Checkbox):
            return bool(editor.value)
        if isinstance(editor, (LineItemGrid, ChecklistField)):
            return editor.raw
        if isinstance(editor, Input):
            return editor.value
        return self._raw if kind else None

    def show_problem(self, text: str) -> None:
        """Show (or clear, with "") the problem beside the field."""
        problem = self.query_one(".field-problem", Static)
        problem.update(text)
        self.set_class(bool(text), "-invalid")
        self.remove_class("-warned")

    def show_warning(self, text: str) -> None:
        """Show (or clear, with "") a warning beside the field: worth a second look, not a problem."""
        if self.has_class("-invalid"):
            return  # a problem says more
        self.query_one(".field-problem", Static).update(text)
        self.set_class(bool(text), "-warned")

    def show_value(self, text: str) -> None:
        """Show the value of a computed field."""
        if self.field.computed:
            self.query_one("#editor", Static).update(text or "—")

    def focus_editor(self) -> None:
        editor = self.editor
        if isinstance(editor, (LineItemGrid, ChecklistField)):
            editor.focus_first()
        elif editor.focusable:
            editor.focus()
        self.scroll_visible()

    @property
    def focusable_editor(self) -> bool:
        return not self.field.computed

    # ------------------------------------------------------------------- events
    def _changed(self) -> None:
        self.post_message(self.Changed(self, self.raw))

    @on(Input.Changed, "#editor")
    @on(TextArea.Changed, "#editor")
    @on(Select.Changed, "#editor")
    @on(Checkbox.Changed, "#editor")
    @on(SelectionList.SelectedChanged, "#editor")
    def _editor_changed(self, event: Message) -> None:
        event.stop()
        self._changed()

    @on(LineItemGrid.Changed)
    @on(ChecklistField.Changed)
    def _composite_changed(self, event: Message) -> None:
        event.stop()
        self._changed()

    @on(Input.Submitted, "#editor")
    def _input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.call_after_refresh(self._maybe_left)

    def _maybe_left(self) -> None:
        focused = self.app.focused
        if focused is not None and (focused is self or self in focused.ancestors):
            return
        if self.is_attached:
            self.post_message(self.Left(self))
