"""Provides `Workflow`, the one object a business-area package declares, and finding the installed ones.

A business area (leave, meetings, contracts …) is a package exporting `WORKFLOW = Workflow(...)`.
The core never imports an area by name: it reads the list of installed packages (module names in
`tui_office.workflows.registry.INSTALLED`, then those in the `TUI_OFFICE_WORKFLOWS` environment
variable, then any added with `install()`), imports each by that string and takes its `WORKFLOW`,
as harlequin takes an adapter from an entry point. Importing a package registers nothing; only what
its `WORKFLOW` lists is used.

A `WORKFLOW` may name its code instead of importing it: a function as `lazy("package.module:fn")`,
a table of named functions (`rules`, `hooks` …) as the import path of the dict. They are imported
when first used, so starting the app does not import every area's rules, services and commands.

Nothing here imports Textual or the database: screens and palette providers are named by import
path (`"package.module:Name"`) and loaded only by the UI, with `load()`.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REGISTRY_MODULE = "tui_office.workflows.registry"
"""Module whose `INSTALLED` lists the packages shipped with tui-office."""
ENV_VARIABLE = "TUI_OFFICE_WORKFLOWS"
"""Comma-separated module names of further workflow packages (an office's own areas, tests)."""


@dataclass(frozen=True)
class SettingsSection:
    """A `[name]` table of `config.toml` owned by an area, read into an instance of `type`.

    `type` is a dataclass with a default for every field; `Settings.sections[name]` holds it."""

    name: str
    type: type
    expected: Mapping[str, type | tuple[type, ...]] = field(default_factory=dict)
    """The TOML type each key must have (default: int or float)."""
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    """Smallest and largest sensible value of number keys."""
    check: Callable[[Any], tuple[str, str, str] | None] | None = None
    """Further checks of the read table: `fn(values) -> (key, key to find the line by, message)` or None."""


@dataclass(frozen=True)
class RowAction:
    """A key an area adds to the inbox for rows of its forms (sign in to a meeting …): pressed on
    such a row, `run(office, login, number) -> message` does it (one use case) and the message shows."""

    id: str
    """Binding id under `inbox.` (`inbox.<id>` in a `[keymap]` table): lower-case, e.g. `meeting_sign_in`."""
    keys: str
    """Default keys (`"s"`)."""
    label_key: str
    """Catalogue key of what it does (shown in `?`)."""
    forms: tuple[str, ...]
    """The forms whose rows it acts on."""
    run: str
    """The use case, as an import path `"package.module:function"`."""


@dataclass(frozen=True)
class DocumentAction:
    """A key an area adds to the document view for documents of its forms (the general manager's
    answer to a long-leave review …): pressed, it asks one of `choices` (if any), then a written
    text (if `prompt_key`), and `run(office, login, number, choice, text) -> message` does it (one
    use case, which also says who may)."""

    id: str
    """Binding id under `document.` (`document.<id>` in a `[keymap]` table): lower-case."""
    keys: str
    """Default keys (`"L"`)."""
    label_key: str
    """Catalogue key of what it does (shown in `?`)."""
    forms: tuple[str, ...]
    """The forms whose documents it acts on."""
    run: str
    """The use case, as an import path `"package.module:function"`."""
    choices: tuple[tuple[str, str], ...] = ()
    """(value, catalogue key of its label) to choose from first; empty: no choice (`choice` is "")."""
    heading_key: str = ""
    """Catalogue key of the choice's heading (filled with `number`)."""
    prompt_key: str = ""
    """Catalogue key of what the written text is ("": no text asked)."""
    text_required: tuple[str, ...] = ()
    """The choices that need the written text."""
    check: str = ""
    """`"package.module:function"`: `fn(office, login, number)` raising the `OfficeError` that says why
    the action is refused now, asked before anything is asked of the user ("": no check)."""


@dataclass(frozen=True)
class ExportOption:
    """An option an area's export kind takes beyond the core's filters: `--NAME VALUE` on
    `tui-office export KIND`, handed to the kind's `build` as the keyword `NAME`."""

    name: str
    """The option without its dashes (`by`): lower-case letters, the keyword `build` takes."""
    help: str
    """What it does, for `export --help`."""
    choices: tuple[str, ...] = ()
    """The words it takes; empty: a day (`YYYY-MM-DD`, a `datetime.date` to `build`)."""


@dataclass(frozen=True)
class Workflow:
    """What one business area adds to the core; every field is optional except `id`."""

    id: str
    """Short name of the area (`leave`); also its palette group."""
    title_key: str = ""
    """i18n key of the area's name."""
    forms: tuple[str, ...] = ()
    """Ids of the forms this area owns (its look-ups and context params apply to them)."""
    form_files: tuple[Path, ...] = ()
    """Definition files or folders the area brings (besides the shipped `data/forms/`)."""
    rules: Mapping[str, Callable[..., list]] | str = field(default_factory=dict)
    """Validation rules by the name a definition's `rules = [...]` uses: `fn(RuleContext) -> [ValidationError]`."""
    flaggers: Mapping[str, Callable[..., list]] | str = field(default_factory=dict)
    """Flaggers by name (`flaggers = [...]`): `fn(RuleContext) -> [flag dict]`."""
    lookup: Callable[[Any], object] | None = None
    """`fn(office) -> object` answering this area's rules' data questions (`RuleContext.lookup`)."""
    rule_context: Callable[[Any, Any], dict] | None = None
    """`fn(office, initiator User) -> dict` merged into `RuleContext.extra` for this area's rules."""
    context_params: Callable[[Any, str], dict] | None = None
    """`fn(office, login) -> dict`: names this area's forms' formulas may use for a user."""
    hooks: Mapping[str, Callable[..., None]] | str = field(default_factory=dict)
    """Hooks by the name a definition's `hooks = {on_approved = [...]}` uses: `fn(office, doc, form, values)`."""
    followup_checks: Mapping[str, Callable[..., None]] | str = field(default_factory=dict)
    """Checks by the name a follow-up's `check = [...]` uses: `fn(office, doc, followup, user)`, raising
    an `OfficeError` to refuse completing it (the core completes and records it)."""
    sweeps: tuple[Callable[[Any], list[str]], ...] = ()
    """What `remind` runs besides the generic reminders: `fn(office) -> lines printed`."""
    resolvers: Mapping[str, Callable[..., list]] | str = field(default_factory=dict)
    """Assignee resolvers by the key a step's `assignee = {key = value}` uses (see `services/assignment.py`)."""
    flag_text: Callable[[dict], str] | None = None
    """Words for a flag this area's flaggers raise (empty: not one of ours)."""
    settings: SettingsSection | None = None
    """The area's own `config.toml` table."""
    models: tuple[type, ...] = ()
    """Peewee models of the area's own tables, created when a database is opened."""
    cli: Callable[[Any], None] | None = None
    """`register(subparsers)` adding the area's commands to `tui-office`."""
    row_actions: tuple[RowAction, ...] = ()
    """Keys the inbox offers on rows of this area's forms."""
    document_actions: tuple[DocumentAction, ...] = ()
    """Keys the document view offers on documents of this area's forms."""
    palette: tuple[str, ...] = ()
    """Command-palette providers, as `"module:Class"` import paths (loaded by the UI only)."""
    screens: Mapping[str, str] = field(default_factory=dict)
    """Screens by name, as `"module:Class"` import paths (loaded by the UI only)."""
    details: Callable[[Any, str, str], dict] | None = None
    """`fn(office, login, number) -> dict`: what `show --json` of a document of this area's forms adds,
    under the area's id (empty: nothing for that document)."""
    demo: Callable[[Any], None] | None = None
    """Loads the area's demo content into the demo office: `fn(office)`, idempotent."""
    demo_documents: Callable[[Any], None] | None = None
    """Adds the area's demo documents through its use cases when `tui-office demo` makes the demo
    office (after the core's demo documents; `init --demo` adds people only): `fn(office)`, idempotent."""
    catalogue: Path | None = None
    """Folder with the area's strings, `<lang>/*.toml` as in `tui_office/i18n/`."""
    exports: Mapping[str, str] = field(default_factory=dict)
    """Export kinds the area adds to `tui-office export KIND`, by name, each as the import path
    (`"package.module:NAME"`) of a `services.export.ExportKind`."""
    export_options: Mapping[str, tuple[ExportOption, ...]] = field(default_factory=dict)
    """Options of those kinds beyond the core's filters, by kind name (`--period`, `--by` …); the
    exporter checks a value against its option before `build` sees it."""


class Lazy:
    """A function named by its import path, imported on the first call (see `lazy`)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._function: Callable[..., Any] | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._function is None:
            self._function = load(self.path)
        return self._function(*args, **kwargs)

    def __repr__(self) -> str:
        return f"lazy({self.path!r})"


def lazy(path: str) -> Lazy:
    """The function at `"package.module:name"`, imported when first called."""
    return Lazy(path)


class WorkflowError(Exception):
    """An installed workflow package that cannot be loaded (not found, no `WORKFLOW`, a clash)."""


_added: list[str] = []
_shipped: list[str] = []
_loaded: dict[tuple[str, ...], tuple[Workflow, ...]] = {}


def package_names() -> list[str]:
    """Module names of the installed workflow packages, in order, without repeats."""
    if not _shipped:
        _shipped.extend(importlib.import_module(REGISTRY_MODULE).INSTALLED)
    shipped = _shipped
    extra = [name.strip() for name in os.environ.get(ENV_VARIABLE, "").split(",") if name.strip()]
    return list(dict.fromkeys([*shipped, *extra, *_added]))


def install(module_name: str) -> None:
    """Add a workflow package for this process (what a test does with its own package)."""
    if module_name not in _added:
        _added.append(module_name)


def uninstall(module_name: str) -> None:
    """Undo `install()`."""
    if module_name in _added:
        _added.remove(module_name)


def installed() -> tuple[Workflow, ...]:
    """The `WORKFLOW` of every installed package (imported once per list of names)."""
    names = tuple(package_names())
    if names not in _loaded:
        found: list[Workflow] = []
        for name in names:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                raise WorkflowError(f"workflow package {name!r} not found: {exc}") from None
            workflow = getattr(module, "WORKFLOW", None)
            if not isinstance(workflow, Workflow):
                raise WorkflowError(f"workflow package {name!r} has no WORKFLOW = Workflow(...)")
            if any(w.id == workflow.id for w in found):
                raise WorkflowError(f"two workflow packages have the id {workflow.id!r}")
            found.append(workflow)
        _loaded[names] = tuple(found)
    return _loaded[names]


def _named(kind: str) -> dict[str, tuple[Workflow, Any]]:
    out: dict[str, tuple[Workflow, Any]] = {}
    for workflow in installed():
        table = getattr(workflow, kind)
        for name, value in (load(table) if isinstance(table, str) else table).items():
            out[name] = (workflow, value)
    return out


def rules() -> dict[str, tuple[Workflow, Any]]:
    """Every named rule: name → (its workflow, the rule)."""
    return _named("rules")


def flaggers() -> dict[str, tuple[Workflow, Any]]:
    """Every named flagger: name → (its workflow, the flagger)."""
    return _named("flaggers")


def hooks() -> dict[str, Any]:
    """Every named hook: name → `fn(office, doc, form, values)`."""
    return {name: fn for name, (_, fn) in _named("hooks").items()}


def resolvers() -> dict[str, Any]:
    """Every assignee resolver areas add: key → resolver."""
    return {name: fn for name, (_, fn) in _named("resolvers").items()}


def followup_checks() -> dict[str, Any]:
    """Every named follow-up check: name → `fn(office, doc, followup, user)`."""
    return {name: fn for name, (_, fn) in _named("followup_checks").items()}


def screens() -> list[tuple[Workflow, str, str]]:
    """Every screen areas add, in order: (its workflow, its name, its `"module:Class"` path). Its
    title is the catalogue key `<workflow id>.screen.<name>`."""
    return [(w, name, path) for w in installed() for name, path in w.screens.items()]


def row_actions() -> dict[str, RowAction]:
    """Every inbox row action areas add, by id."""
    return {action.id: action for w in installed() for action in w.row_actions}


def document_actions() -> dict[str, DocumentAction]:
    """Every document-view action areas add, by id."""
    return {action.id: action for w in installed() for action in w.document_actions}


def for_form(form_id: str) -> Workflow | None:
    """The workflow that owns a form (None: a plain data-only form)."""
    return next((w for w in installed() if form_id in w.forms), None)


def settings_sections() -> dict[str, SettingsSection]:
    """The `config.toml` tables areas own, by name."""
    return {w.settings.name: w.settings for w in installed() if w.settings is not None}


def catalogues() -> list[Path]:
    """The areas' i18n folders."""
    return [w.catalogue for w in installed() if w.catalogue is not None]


def load(path: str) -> Any:
    """The object an import path `"package.module:Name"` names."""
    module_name, _, attribute = path.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module
