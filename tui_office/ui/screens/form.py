"""Provides `FormScreen`: fill in any form (表单填写), save it as a draft, submit it.

The screen renders the form's definition field by field (`FieldRow`), keeps what is typed in a
`FormState`, and after every change updates computed fields, shows or hides fields (`visible_if`)
and marks the checklist items required now. A field is checked when focus leaves it and the whole
form on submit, where focus jumps to the first problem. `ctrl+s` saves a draft, and a changed
form saves itself every few seconds, so a killed terminal loses at most those seconds. The form's
named rules (leave balance, advance notice, overlap …), which only the services can judge, are
asked a moment after typing stops, in a worker, and shown under their fields too. Leaving a
new form without saving takes its automatic draft away with it, and a form with nothing filled in
is never kept as a draft.
`ctrl+enter` or `F10` shows a one-screen summary and submits once confirmed. A returned document
(or a draft) opens here with its values for editing and resubmission. Every database call runs in
a worker thread.
Someone with a role in the form's `submit_for` sees, above the fields, whom the document is for
(themselves until they choose) and `F2` picks a colleague (代提交): the draft stays theirs, keeps
whom it is for, and is handed over to that colleague when it is submitted; the colleague's own
figures (a leave balance) are what the form and its rules show.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from tui_office.domain.calendar_use import unscheduled_notice
from tui_office.domain.errors import OfficeError, ValidationError, ValidationFailed
from tui_office.domain.text import printable
from tui_office.i18n import t
from tui_office.resources import bundled
from tui_office.ui import for_whom, keymap
from tui_office.ui.editor import EditsInEditor
from tui_office.ui.for_whom import ForWhom
from tui_office.ui.keymap import LocalisedBindings
from tui_office.domain.evaluation import Evaluation
from tui_office.ui.form_state import FormState, column_totals, root_of, row_blank, row_of
from tui_office.ui.widgets.checklist import ChecklistField
from tui_office.ui.widgets.fields import FieldRow
from tui_office.ui.widgets.line_items import LineItemGrid
from tui_office.ui.widgets.footer import KeyFooter

AUTOSAVE_SECONDS = 4.0
"""How often a changed form saves itself as a draft."""
RULES_DELAY = 0.4
"""Seconds after the last change before the form's named rules are asked again."""


class FormScreen(ForWhom, EditsInEditor, LocalisedBindings, Screen[str | None]):
    """A form to fill in: new (`form_id`), or a draft / returned document (`number`).

    Dismisses with the document number once submitted (None when left without submitting).
    """

    CSS_PATH = bundled("themes", "forms.tcss")
    AUTOSAVE_SECONDS = AUTOSAVE_SECONDS
    """Seconds between automatic draft saves (when something changed)."""
    RULES_DELAY = RULES_DELAY
    """Seconds of quiet after a change before the named rules are checked."""

    BINDINGS = keymap.bindings("form.save_draft", "form.submit", "form.submit_for", "form.close", "form.quit",
                               "form.editor")

    state: reactive[FormState | None] = reactive(None, repaint=False, bindings=True)
    """What is typed and what the form makes of it; None until the form has loaded (no keys yet)."""
    status: reactive[str | None] = reactive(None, repaint=False, bindings=True)
    """None for a new form, else the document's status when opened (draft / returned)."""

    class Loaded(Message):
        """The worker read the definition, the document (if any) and the people to choose from."""

        def __init__(self, form: Any, ctx: Any, values: dict, status: str | None, users: list, departments: list,
                     returned_by: Any = None, people: list | None = None, choices: list | None = None,
                     for_login: str | None = None) -> None:
            self.form, self.ctx, self.values, self.status = form, ctx, values, status
            self.users, self.departments = users, departments
            self.people = people or []
            """Everyone a user field may name (`UserInfo`), found by name, login or pinyin."""
            self.returned_by = returned_by
            """The history entry of the return that sent this document back (its reviewer's opinion)."""
            self.choices = choices
            """Whom the person may submit it for (`UserInfo`), or None when only for themselves."""
            self.for_login = for_login
            """The colleague a draft was being filled in for (None: the person themselves)."""
            super().__init__()

    class Saved(Message):
        """A draft was stored (`raw`: the editor values that were saved)."""

        def __init__(self, number: str, raw: dict, quiet: bool) -> None:
            self.number, self.raw, self.quiet = number, raw, quiet
            super().__init__()

    class Sent(Message):
        """The document was submitted."""

        def __init__(self, number: str) -> None:
            self.number = number
            super().__init__()

    class Deleted(Message):
        """The draft this form had saved by itself was deleted (the person left without saving)."""

        def __init__(self, number: str) -> None:
            self.number = number
            super().__init__()

    class RulesChecked(Message):
        """The form's named rules judged the values of change number `generation`."""

        def __init__(self, generation: int, problems: list[ValidationError], for_submit: bool,
                     warnings: dict[str, str] | None = None) -> None:
            self.generation, self.problems, self.for_submit = generation, problems, for_submit
            self.warnings = warnings or {}
            """Words to show under a field (by id): what the document will be flagged for."""
            super().__init__()

    class Failed(Message):
        """A service refused: `problems` for field problems, else `text` to show."""

        def __init__(self, text: str, problems: list[ValidationError] | None = None, fatal: bool = False) -> None:
            self.text, self.problems, self.fatal = text, problems or [], fatal
            super().__init__()

    def __init__(self, form_id: str | None, number: str | None = None) -> None:
        super().__init__(classes="form-screen")
        self.form_id = form_id
        """The form to fill in (may be None when `number` names an existing document)."""
        self.number = number
        """The document number once it exists (a draft saved, or a returned document)."""
        self.form: Any = None
        self.rows: dict[str, FieldRow] = {}
        self._saving = False
        self._submitting = False
        self._close_after_save = False
        self._evaluation: Evaluation | None = None
        self._touched: set[str] = set()
        self._kept = False
        """The person asked to keep this form as a draft (ctrl+s, or "save" when leaving)."""
        self._opened_existing = False
        """Opened on a draft or a returned document (not a new form)."""
        self._discard_after_save = False
        self._opened: tuple[dict, dict] | None = None
        """A draft's values and editor text as opened: "leave without saving" puts them back."""
        self._autosaved = False
        """Autosave wrote this form since it was opened."""
        self._restore = ""
        """"pending" (put the opened draft back once the running save ends) or "running"."""
        self._rule_problems: list[ValidationError] = []
        """What the form's named rules said about the values last checked."""
        self._rule_warnings: dict[str, str] = {}
        """What the values last checked would be flagged for, by the field it is shown under."""
        self._rules_generation = 0
        """Counts changes, so the answer about older values is not shown over newer ones."""
        self._rules_timer: Any = None

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("form.loading"), id="form-title")
        yield Static("", id="form-for", markup=False)
        yield Static("", id="form-returned", markup=False)
        yield Static("", id="form-problems")
        yield Static("", id="form-calendar", markup=False)
        yield VerticalScroll(id="form-body")
        yield Static("", id="form-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#form-problems").display = False
        self.query_one("#form-calendar").display = False
        self.query_one("#form-returned").display = False
        self.query_one("#form-for").display = False
        self._load()
        self.set_interval(self.AUTOSAVE_SECONDS, self._autosave)

    # ----------------------------------------------------------------- loading
    @work(thread=True, exit_on_error=False, group="form-load")
    def _load(self) -> None:
        from tui_office.services import directory, queries, workflow

        office, me = self.app.office, self.app.me
        try:
            values: dict = {}
            status = None
            returned_by = None
            choices = for_login = None
            if self.number:
                view = queries.show(office, me.login, self.number)
                if view.initiator != me.login or view.status not in ("draft", "returned"):
                    raise OfficeError("form_not_editable", number=self.number, status=t(f"status.{view.status}"))
                form = queries.document_form(office, self.number) if view.status == "returned" \
                    else queries.form_definition(office, view.form_id)
                values = form.read_stored(view.fields)
                status = view.status
                if status == "returned":
                    returned_by = next((h for h in reversed(view.history) if h.action == "return"), None)
            else:
                form = queries.form_definition(office, self.form_id or "")
            if status != "returned":  # a returned document is its initiator's: nobody else to choose
                choices, for_login = for_whom.read(office, me.login, form.id, self.number)
            ctx = workflow.eval_context(office, form, for_login or me.login)
            people = directory.list_users(office)
            users = [(f"{u.name} ({u.login}) · {u.department}", u.login) for u in people]
            departments = _departments(people)
        except OfficeError as exc:
            self.post_message(self.Failed(str(exc), fatal=True))
            return
        except Exception as exc:  # noqa: BLE001 - show a line, never a traceback
            self.post_message(self.Failed(t("form.load_failed", detail=str(exc) or type(exc).__name__), fatal=True))
            return
        self.post_message(self.Loaded(form, ctx, values, status, users, departments, returned_by, people,
                                      choices, for_login))

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        self.form, self.status = message.form, message.status
        self.choices, self.for_login = message.choices, message.for_login
        self._saved_for = self._opened_for = message.for_login
        self._opened_existing = message.status is not None
        self.form_id = message.form.id
        self.state = FormState(message.form, message.ctx, message.values)
        later = message.form.step_fields()
        body = self.query_one("#form-body", VerticalScroll)
        rows = []
        for f in message.form.fields:
            if f.id in later:
                continue
            row = FieldRow(f, self.state.raw.get(f.id), users=message.users, departments=message.departments,
                           people=message.people)
            self.rows[f.id] = row
            rows.append(row)
        await body.mount_all(rows)
        self._show_title()
        self._show_for()
        self._show_returned(message.returned_by)
        if self._opened_existing:
            self._opened = (self._all_values(self.state.draft_values()), dict(self.state.raw))
        self._refresh_derived()
        first = next((r for r in rows if r.focusable_editor and r.display), None)
        if first is not None:
            first.focus_editor()
        self._show_status()

    def _show_title(self) -> None:
        form = self.form
        if self.number and self.status == "returned":
            text = t("form.title_returned", form=form.title, number=self.number)
        elif self.number:
            text = t("form.title_draft", form=form.title, number=self.number)
        else:
            text = t("form.title_new", form=form.title)
        title = Text(text, style="bold")
        if form.description:
            title.append(" — " + form.description, style="dim")
        self.query_one("#form-title", Static).update(title)
        self.sub_title = text

    def _show_returned(self, entry: Any) -> None:
        """Who sent the document back, from which step, when, and their opinion: what to change."""
        box = self.query_one("#form-returned", Static)
        if entry is None:
            box.display = False
            return
        who = f"{entry.actor_name} ({entry.step_title})" if entry.step_title else entry.actor_name
        box.update(t("form.returned_by", name=printable(who), at=entry.at.strftime("%m-%d %H:%M"),
                     opinion=printable(entry.comment) if entry.comment else t("form.no_opinion")))
        box.display = True

    # ----------------------------------------------------------- derived state
    def _refresh_derived(self) -> Evaluation | None:
        if self.state is None:
            return None
        ev = self.state.evaluate()
        self._evaluation = ev
        for fid, row in self.rows.items():
            f = row.field
            row.display = fid in ev.visible
            if f.computed:
                value = ev.values.get(fid)
                row.show_value(f.display(value) if value is not None else "")
            elif f.type == "table":
                self._refresh_grid(row, ev)
            elif f.type == "checklist":
                checklist = row.query_one(ChecklistField)
                checklist.hidden = ev.hidden_items.get(fid, set())
                checklist.required = ev.required_items.get(fid, set())
        self._show_calendar_notice(ev)
        for fid, row in self.rows.items():
            warning = self._warning(fid, ev)
            if warning or row.has_class("-warned"):
                row.show_warning(warning)
        return ev

    def _warning(self, field_id: str, ev: Evaluation | None) -> str:
        """What deserves a second look under a field: the form's own warning (a total that differs),
        else what the document would be flagged for (a leave in a blackout period)."""
        own = next((w.message for w in ev.warnings if w.field == field_id), "") if ev is not None else ""
        return own or self._rule_warnings.get(field_id, "")

    def _show_calendar_notice(self, ev: Evaluation) -> None:
        """One line when the dates fall in a year whose public holidays are not known yet."""
        ctx = self.state.ctx
        notice = unscheduled_notice(ctx.calendar, self.form, ev.values, ctx.today) if ctx is not None else ""
        box = self.query_one("#form-calendar", Static)
        box.update(notice)
        box.display = bool(notice)

    def _refresh_grid(self, row: FieldRow, ev: Evaluation, problems: list[ValidationError] | None = None) -> None:
        f = row.field
        grid = row.query_one(LineItemGrid)
        raw_rows = self.state.raw.get(f.id) or []
        typed = ev.values.get(f.id) or []
        aligned: list[dict] = []
        index_of: dict[int, int] = {}
        j = 0
        for i, raw in enumerate(raw_rows):
            if row_blank(raw):
                aligned.append({})
            else:
                aligned.append(typed[j] if j < len(typed) else {})
                index_of[j] = i
                j += 1
        bad: set[tuple[int, str]] = set()
        for p in (problems if problems is not None else ev.reading):
            if root_of(p.field) == f.id and row_of(p.field):
                r, c = row_of(p.field)
                if r in index_of:
                    bad.add((index_of[r], c))
        grid.show_computed(aligned, bad, column_totals(f, aligned, self.form))

    # ----------------------------------------------------------------- editing
    @on(FieldRow.Changed)
    def _field_changed(self, event: FieldRow.Changed) -> None:
        event.stop()
        if self.state is None or not self.state.set(event.field_id, event.raw):
            return
        self._touched.add(event.field_id)
        ev = self._refresh_derived()
        if event.row.has_class("-invalid") and ev is not None:
            self._check_field(event.row, ev)
        if ev is not None:
            self._refresh_banner(ev)
        self._schedule_rules()
        self._show_status()

    @on(FieldRow.Left)
    def _field_left(self, event: FieldRow.Left) -> None:
        event.stop()
        if self.state is None:
            return
        if event.row.field.id in self.rows:
            self._check_field(event.row, self._evaluation or self.state.evaluate(),
                              quiet_if_untouched=event.row.field.id not in self._touched)

    def _check_field(self, row: FieldRow, ev: Evaluation, quiet_if_untouched: bool = False) -> list[ValidationError]:
        """Show the field's problem; a field merely passed through is not yet told it is required."""
        problems = self.state.field_problems(row.field.id, ev)
        if quiet_if_untouched:
            problems = [p for p in problems if p.code not in ("required", "checklist_missing", "too_few_rows")]
        problems = self._with_rules(row.field.id, problems)
        self._show_field_problems(row, problems)
        return problems

    # ------------------------------------------------------------ named rules
    def _with_rules(self, field_id: str, problems: list[ValidationError]) -> list[ValidationError]:
        """A field's own problems, then what the named rules say about it (once: a rule that says
        the same of the field as the form's check, e.g. "required", is not repeated)."""
        said = {p.field for p in problems}
        return problems + [p for p in self._rule_problems if root_of(p.field) == field_id and p.field not in said]

    def _current_problems(self, ev: Evaluation) -> list[ValidationError]:
        """Every problem now: the form's own and its named rules', in field order."""
        said = {p.field for p in ev.problems}
        return self.state.ordered([*ev.problems, *(p for p in self._rule_problems if p.field not in said)])

    def _schedule_rules(self) -> None:
        """Ask the named rules again once typing has paused for `RULES_DELAY` seconds."""
        self._rules_generation += 1
        if not self.form or not _has_rules(self.form):
            return
        if self._rules_timer is not None:
            self._rules_timer.stop()
        if self.RULES_DELAY <= 0:
            self.call_later(self._check_rules)  # no pause wanted: at once, after this change
        else:
            self._rules_timer = self.set_timer(self.RULES_DELAY, self._check_rules)

    def _check_rules(self, for_submit: bool = False) -> None:
        self._rules_timer = None
        if self.state is None:
            return
        ev = self._evaluation or self.state.evaluate()
        values = {k: v for k, v in ev.values.items() if k in ev.visible}
        self._rules_worker(self._rules_generation, values, for_submit)

    @work(thread=True, exit_on_error=False, group="form-rules")
    def _rules_worker(self, generation: int, values: dict, for_submit: bool) -> None:
        from tui_office.services import rule_check

        from tui_office.ui.widgets.document_fields import flag_text

        try:
            found = rule_check.judge(self.app.office, self.app.me.login, self.form_id or "", values,
                                     number=self.number, for_login=self._for_argument)
        except Exception:  # noqa: BLE001 - the rules are asked again at submit, which says why
            found = rule_check.Judgement()
        warnings: dict[str, str] = {}
        for flag in found.warnings:
            warnings.setdefault(flag["field"], flag_text(flag))
        self.post_message(self.RulesChecked(generation, found.problems, for_submit, warnings))

    @on(RulesChecked)
    def _rules_checked(self, message: RulesChecked) -> None:
        if self.state is None or message.generation != self._rules_generation:
            return  # values changed since: a newer answer is on its way
        self._rule_problems = message.problems
        self._rule_warnings = message.warnings
        ev = self._evaluation or self.state.evaluate()
        banner_shown = self.query_one("#form-problems").display
        for fid, row in self.rows.items():
            if fid in self._touched or banner_shown or message.for_submit:
                own = self.state.field_problems(fid, ev) if row.has_class("-invalid") else []
                self._show_field_problems(row, self._with_rules(fid, own))
        self._refresh_banner(ev)
        if message.for_submit:
            self._confirm_submit(ev)

    def _refresh_banner(self, ev: Evaluation) -> None:
        """Keep the "N problem(s)" banner true while fixing: recount, and hide it once none are left."""
        banner = self.query_one("#form-problems", Static)
        if banner.display:
            self._show_banner(self._current_problems(ev))

    def _show_field_problems(self, row: FieldRow, problems: list[ValidationError]) -> None:
        row.show_problem(self._describe(problems[0]) if problems else "")
        if not problems:
            row.show_warning(self._warning(row.field.id, self._evaluation))
        if row.field.type == "table" and self._evaluation is not None:
            self._refresh_grid(row, self._evaluation, problems)

    def _describe(self, problem: ValidationError) -> str:
        """A problem as one line in the user's language; a cell names its row and column."""
        text = str(problem)
        cell = row_of(problem.field)
        f = self.form.field(root_of(problem.field)) if self.form.has_field(root_of(problem.field)) else None
        if cell and f is not None and f.type == "table":
            col = f.column(cell[1])
            return t("form.cell_problem", row=cell[0] + 1, column=col.label if col else cell[1], problem=text)
        return text

    def _show_all_problems(self, problems: list[ValidationError]) -> None:
        by_field: dict[str, list[ValidationError]] = {}
        loose: list[ValidationError] = []
        for p in problems:
            fid = root_of(p.field)
            if fid in self.rows:
                by_field.setdefault(fid, []).append(p)
            else:
                loose.append(p)
        for fid, row in self.rows.items():
            self._show_field_problems(row, by_field.get(fid, []))
        self._show_banner(problems)
        if problems:
            first = problems[0]
            fid = root_of(first.field)
            row = self.rows.get(fid)
            if row is not None:
                cell = row_of(first.field)
                if cell and row.field.type == "table":
                    row.query_one(LineItemGrid).focus_first(self._raw_row_index(fid, cell[0]), cell[1])
                    row.scroll_visible()
                else:
                    row.focus_editor()

    def _show_banner(self, problems: list[ValidationError]) -> None:
        """The count of problems above the form, with those that belong to no shown field."""
        banner = self.query_one("#form-problems", Static)
        if problems:
            lines = [t("form.problems_found", count=len(problems))]
            lines += [f"• {p.message}" for p in problems if root_of(p.field) not in self.rows]
            banner.update("\n".join(lines))
            banner.display = True
        else:
            banner.display = False

    def _raw_row_index(self, fid: str, typed_index: int) -> int:
        j = -1
        for i, raw in enumerate(self.state.raw.get(fid) or []):
            if not row_blank(raw):
                j += 1
                if j == typed_index:
                    return i
        return typed_index

    # ------------------------------------------------------------------ status
    def _show_status(self, note: str | None = None) -> None:
        status = self.query_one("#form-status", Static)
        if note:
            status.update(note)
        elif self.state is not None and (self.state.dirty or self._person_unsaved):
            status.update(t("form.status_unsaved"))
        elif self.number:
            status.update(t("form.status_saved", number=self.number))
        else:
            status.update(t("form.status_new"))

    # ------------------------------------------------------------------ drafts
    @property
    def is_new(self) -> bool:
        """Opened as a new form (any draft it has, it saved itself), not a draft or returned document."""
        return self.form is not None and not self._opened_existing

    @property
    def can_save_draft(self) -> bool:
        """Drafts are for new forms and drafts; a returned document is resubmitted instead."""
        return self.status in (None, "draft")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_draft":
            return self.can_save_draft and self.state is not None
        if action == "submit":
            return self.state is not None
        if action == "choose_person":
            return self.choices is not None and self.state is not None
        return True

    def action_save_draft(self) -> None:
        self._kept = True
        self._save(quiet=False)

    def _autosave(self) -> None:
        if self.state is not None and (self.state.dirty or self._person_unsaved) and self.can_save_draft \
                and not self._submitting:
            self._save(quiet=True)

    def _save(self, quiet: bool) -> None:
        if self.state is None or self._saving or not self.can_save_draft:
            return
        raw = dict(self.state.raw)
        values = self._all_values(self.state.draft_values())
        if _empty(values):
            self._nothing_to_keep(quiet)
            return
        self._saving = True
        self._saving_for = self.for_login
        self._save_worker(values, raw, quiet, self._argument_for(self.for_login))

    def _nothing_to_keep(self, quiet: bool) -> None:
        """Nothing is filled in: no draft is written, and one left from earlier typing goes."""
        if quiet:
            return
        if self.number and self.status == "draft":
            self._delete_worker(self.number)
            return
        self.state.mark_saved()
        self._show_status()
        if self._close_after_save:
            self.dismiss(None)

    def _all_values(self, values: dict) -> dict:
        """Every field the person fills in, None when empty (so clearing a field clears the draft too)."""
        out = {}
        for fid in self.rows:
            f = self.rows[fid].field
            if f.computed:
                continue
            out[fid] = values.get(fid, [] if f.type == "table" else None)
        return out

    @work(thread=True, exit_on_error=False, group="form-save")
    def _save_worker(self, values: dict, raw: dict, quiet: bool, for_login: str | None) -> None:
        from tui_office.services import workflow

        number = self._call("form.save_failed", workflow.save_draft, self.app.office, self.app.me.login,
                            self.form_id, values, number=self.number, for_login=for_login)
        if number is not None:
            self.post_message(self.Saved(number, raw, quiet))

    def _call(self, failed_key: str, service, *args, **kwargs):
        """Run a service call from a worker: its result, or None once `Failed` says why in one line
        (field problems listed with it)."""
        try:
            return service(*args, **kwargs)
        except ValidationFailed as exc:
            self.post_message(self.Failed(t("form.problems_found", count=len(exc.problems)), exc.problems))
        except OfficeError as exc:
            self.post_message(self.Failed(str(exc)))
        except Exception as exc:  # noqa: BLE001 - one line, never a traceback
            self.post_message(self.Failed(t(failed_key, detail=str(exc) or type(exc).__name__)))
        return None

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        self._saving = False
        if self._restore == "running":
            self.dismiss(None)
            return
        if self._restore == "pending":
            self._put_back()
            return
        self._autosaved = self._autosaved or message.quiet
        first = self.number is None
        self.number = message.number
        if self.status is None:
            self.status = "draft"
        self.state.mark_saved(message.raw)
        self._saved_for = self._saving_for
        now = self.app.office.clock.now().strftime("%H:%M:%S")
        self._show_status(t("form.status_saved_at", number=message.number, time=now) if not self.state.dirty else None)
        if first:
            self._show_title()
        if self._discard_after_save:
            self._delete_worker(message.number)
            return
        if self._submitting:
            self._start_submit()  # confirmed while this save was running: same document
            return
        if not message.quiet:
            self.notify(t("form.draft_saved", number=message.number))
        if self._close_after_save:
            if self.state.dirty or self._person_unsaved:
                self._save(quiet=False)  # edits made while an autosave ran: keep them too
            else:
                self.dismiss(None)

    @work(thread=True, exit_on_error=False, group="form-save")
    def _delete_worker(self, number: str) -> None:
        from tui_office.services import workflow

        deleted = self._call("form.save_failed", lambda: workflow.delete_draft(self.app.office, self.app.me.login, number) or True)
        if deleted is not None:
            self.post_message(self.Deleted(number))

    @on(Deleted)
    def _deleted(self, message: Deleted) -> None:
        self.notify(t("form.draft_deleted", number=message.number))
        self.dismiss(None)

    # ------------------------------------------------------------------ submit
    def action_submit(self) -> None:
        if self.state is None or self._submitting:
            return
        ev = self._refresh_derived()
        problems = self.state.problems(ev)
        self._show_all_problems(problems)
        if problems:
            self.notify(t("form.problems_found", count=len(problems)), severity="error")
            return
        if _has_rules(self.form):
            if self._rules_timer is not None:
                self._rules_timer.stop()
            self._rules_generation += 1
            self._check_rules(for_submit=True)  # the summary comes with the rules' verdict
            return
        self._confirm_submit(ev)

    def _confirm_submit(self, ev: Evaluation) -> None:
        """The one-screen summary, listing what the named rules still object to."""
        from tui_office.services import queries
        from tui_office.ui.dialogs.form_summary import FormSummary

        lines = []
        for fid, row in self.rows.items():
            f = row.field
            if fid not in ev.visible:
                continue
            value = ev.values.get(fid)
            lines.append((f.label, queries.describe_value(f, value)))
        heading = f"{self.form.title} {self.number}" if self.number else self.form.title
        if self.for_login:  # whose it becomes, before anything is sent
            lines.insert(0, (t("form.for_whom"), self._person_name(self.for_login)))
        remaining = [self._describe(p) for p in self.state.ordered(self._rule_problems)]
        self.app.push_screen(FormSummary(heading, lines, remaining), self._confirmed)

    def _confirmed(self, confirmed: bool | None) -> None:
        if not confirmed or self.state is None:
            return
        self._submitting = True
        if self._saving:
            return  # a draft save is on its way: submit once it has its number (see `_saved`)
        self._start_submit()

    def _start_submit(self) -> None:
        ev = self.state.evaluate()
        values = self.state.submit_values(ev)
        self._submit_worker(self._all_values(values))

    @work(thread=True, exit_on_error=False, group="form-submit")
    def _submit_worker(self, values: dict) -> None:
        from tui_office.services import workflow

        number = self._call("form.submit_failed", workflow.submit, self.app.office, self.app.me.login, self.form_id,
                            values, number=self.number, for_login=self._for_argument)
        if number is not None:
            self.post_message(self.Sent(number))

    @on(Sent)
    def _sent(self, message: Sent) -> None:
        self._submitting = False
        self.number = message.number
        self.state.mark_saved()
        if self.for_login:
            self.notify(t("form.submitted_for", number=message.number, name=self._person_name(self.for_login)))
        else:
            self.notify(t("form.submitted", number=message.number))
        self.dismiss(message.number)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self._saving = self._submitting = False
        self._close_after_save = False
        text = message.text
        if message.problems:
            ordered = self.state.ordered(message.problems) if self.state else message.problems
            self._show_all_problems(ordered)
            text += "\n" + self._describe(ordered[0])  # the first one in words, whatever the width
        self.notify(text, severity="error", timeout=8)
        if message.fatal:
            self.dismiss(None)

    # ------------------------------------------------------------------- close
    @property
    def _unasked_draft(self) -> bool:
        """A new form's draft that only autosave made: leaving still asks whether to keep it."""
        return self.is_new and self.number is not None and not self._kept

    @property
    def _changed_since_opened(self) -> bool:
        """A draft opened for editing whose text changed since (saved by autosave or not)."""
        return self._opened is not None and self.state is not None \
            and (self.state.raw != self._opened[1] or self._saved_for != self._opened_for)

    def _put_back(self) -> None:
        """Store the draft as it was opened (autosave wrote changes the person now discards)."""
        assert self._opened is not None
        self._restore = "running"
        self._saving = True
        values, raw = self._opened
        self._saving_for = self._opened_for
        self._save_worker(values, raw, True, self._argument_for(self._opened_for))

    def action_close(self) -> None:
        if self.state is None or not (self.state.dirty or self._person_unsaved or self._unasked_draft
                                      or self._changed_since_opened):
            self.dismiss(None)
            return
        from tui_office.ui.dialogs.unsaved_changes import UnsavedChanges

        self.app.push_screen(UnsavedChanges(can_save=self.can_save_draft), self._close_answer)

    def _close_answer(self, answer: str | None) -> None:
        if answer == "discard":
            if self._saving and self.is_new and not self._kept:
                self._discard_after_save = True  # an autosave is writing the draft: delete it once written
            elif self._unasked_draft:
                self._delete_worker(self.number)
            elif self._opened is not None and (self._autosaved or self._saving):
                if self._saving:
                    self._restore = "pending"  # put the opened draft back once this save ends
                else:
                    self._put_back()
            else:
                self.dismiss(None)
        elif answer == "save":
            self._kept = True
            self._close_after_save = True
            if self.state is not None and not self.state.dirty and not self._person_unsaved \
                    and not _empty(self._all_values(self.state.draft_values())):
                self.dismiss(None)  # autosave already keeps every change
                return
            self._save(quiet=False)


def _empty(values: dict) -> bool:
    """Nothing filled in (a draft of this would be an empty line titled '–')."""
    return all(v in (None, "", [], {}, False) or (isinstance(v, list) and all(not any(r.values()) if isinstance(r, dict) else not r for r in v))
               for v in values.values())


def _has_links(form: Any) -> bool:
    """The form has document-link fields (whose numbers only the services can look up)."""
    return any(f.type == "link" for f in form.fields)


def _has_rules(form: Any) -> bool:
    """The form has something only the services can judge: named rules, flaggers or link fields."""
    return bool(form.rules or form.flaggers or _has_links(form))


def _departments(people: list) -> list[tuple[str, str]]:
    """(name, code) of every department that has people, for department fields."""
    seen: dict[str, str] = {}
    for user in people:
        if user.department_code:
            seen.setdefault(user.department_code, user.department)
    return [(name, code) for code, name in sorted(seen.items(), key=lambda kv: kv[1])]
