"""Provides the registry of named key bindings and the user's overrides from `config.toml`.

Every binding has an id (`inbox.approve`) so a `[keymap]` table in the config can move it
(`"inbox.approve" = "a,y"`); Textual applies the overrides itself through `App.set_keymap()`.
Descriptions are catalogue keys, translated per widget when it is created, so one process can
show English and Chinese apps side by side (tests do).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from textual.binding import Binding, BindingsMap

from tui_office.i18n import t


@dataclass(frozen=True)
class KeySpec:
    """One named binding: its id, default keys, action and catalogue key of its description."""

    id: str
    keys: str
    action: str
    description: str
    show: bool = True
    priority: bool = False
    key_display: str | None = None


REGISTRY: dict[str, KeySpec] = {
    spec.id: spec
    for spec in (
        KeySpec("app.quit", "q", "back_or_quit", "keys.quit"),
        KeySpec("app.help", "question_mark", "help", "keys.help", key_display="?"),
        KeySpec("app.help_anywhere", "f1", "help", "keys.help_anywhere", show=False),
        KeySpec("app.palette", "ctrl+p", "command_palette", "keys.palette", priority=True, show=False),
        KeySpec("app.search", "s", "search", "keys.search", show=False),
        KeySpec("app.archive", "H", "archive", "keys.archive", show=False),
        KeySpec("app.stats", "T", "stats", "keys.stats", show=False),
        KeySpec("inbox.down", "j,down", "cursor_down", "keys.down", show=False),
        KeySpec("inbox.up", "k,up", "cursor_up", "keys.up", show=False),
        KeySpec("inbox.top", "g,home", "cursor_top", "keys.top", show=False),
        KeySpec("inbox.bottom", "G,end", "cursor_bottom", "keys.bottom", show=False),
        KeySpec("inbox.open", "enter", "open", "keys.open"),
        KeySpec("inbox.approve", "a", "approve", "keys.approve"),
        KeySpec("inbox.record", "a", "record", "keys.record"),
        KeySpec("inbox.reject", "r", "reject", "keys.reject"),
        KeySpec("inbox.return", "b", "return", "keys.return"),
        KeySpec("inbox.delegate", "d", "delegate", "keys.delegate"),
        KeySpec("inbox.entrust", "D", "entrust", "keys.entrust", show=False),
        KeySpec("inbox.withdraw", "w", "withdraw", "keys.withdraw"),
        KeySpec("inbox.followup", "f", "followup", "keys.followup"),
        KeySpec("inbox.add_approver", "plus", "add_approver", "keys.add_approver", show=False, key_display="+"),
        KeySpec("inbox.remove_approver", "minus", "remove_approver", "keys.remove_approver", show=False, key_display="-"),
        KeySpec("inbox.cc", "C", "cc", "keys.cc", show=False),
        KeySpec("inbox.retract", "z", "retract", "keys.retract", show=False),
        KeySpec("inbox.comment", "c", "comment", "keys.comment", show=False),
        KeySpec("inbox.urge", "u", "urge", "keys.urge", show=False),
        KeySpec("inbox.select", "space", "toggle_select", "keys.select", show=False),
        KeySpec("inbox.approve_selected", "A", "approve_selected", "keys.approve_selected"),
        KeySpec("inbox.filter", "slash", "filter", "keys.filter", key_display="/"),
        KeySpec("inbox.new", "n", "new", "keys.new"),
        KeySpec("inbox.views", "v", "views", "keys.views"),
        KeySpec("inbox.delete_draft", "x,delete", "delete_draft", "keys.delete_draft", show=False),
        KeySpec("inbox.next_tab", "tab,right_square_bracket", "next_tab", "keys.next_tab", show=False),
        KeySpec("inbox.previous_tab", "shift+tab,left_square_bracket", "previous_tab", "keys.previous_tab", show=False),
        KeySpec("inbox.tab_1", "1", "tab(0)", "keys.tab_1", show=False),
        KeySpec("inbox.tab_2", "2", "tab(1)", "keys.tab_2", show=False),
        KeySpec("inbox.tab_3", "3", "tab(2)", "keys.tab_3", show=False),
        KeySpec("inbox.tab_4", "4", "tab(3)", "keys.tab_4", show=False),
        KeySpec("inbox.tab_5", "5", "tab(4)", "keys.tab_5", show=False),
        KeySpec("inbox.refresh", "R", "refresh", "keys.refresh", show=False),
        KeySpec("inbox.away", "o", "away", "keys.away", show=False),
        KeySpec("inbox.export", "e", "export", "keys.export", show=False),
        KeySpec("search.open", "enter", "open", "keys.open"),
        KeySpec("search.query", "slash", "focus_query", "keys.search_query", key_display="/"),
        KeySpec("search.back", "escape", "back", "keys.back"),
        KeySpec("search.export", "e", "export", "keys.export"),
        KeySpec("archive.year", "y", "step('year')", "keys.archive_year"),
        KeySpec("archive.form", "f", "step('form')", "keys.archive_form"),
        KeySpec("archive.dept", "d", "step('dept')", "keys.archive_dept"),
        KeySpec("archive.open", "enter", "open", "keys.open"),
        KeySpec("archive.log", "l", "log", "keys.archive_log"),
        KeySpec("archive.back", "escape", "back", "keys.back"),
        KeySpec("archive.export", "e", "export", "keys.export"),
        KeySpec("stats.open", "enter", "open", "keys.stats_open"),
        KeySpec("stats.range", "r", "range", "keys.stats_range"),
        KeySpec("stats.form", "f", "step('form')", "keys.stats_form"),
        KeySpec("stats.dept", "d", "step('dept')", "keys.stats_dept"),
        KeySpec("stats.next_tab", "t", "next_tab", "keys.stats_next_table"),
        KeySpec("stats.export", "e", "export", "keys.export"),
        KeySpec("stats.back", "escape", "back", "keys.back"),
        KeySpec("statsdocs.open", "enter", "open", "keys.open"),
        KeySpec("statsdocs.back", "escape", "back", "keys.back"),
        KeySpec("help.close", "escape,q,question_mark,f1", "close", "keys.close"),
        # Document view and form screen (screens/document.py, screens/form.py, widgets/line_items.py).
        KeySpec("document.approve", "a", "act('approve')", "docview.approve"),
        KeySpec("document.record", "a", "record", "docview.record"),
        KeySpec("document.approve_next", "A", "approve_next", "docview.approve_next", show=False),
        KeySpec("document.followup", "f", "followup", "docview.followup"),
        KeySpec("document.reject", "r", "act('reject')", "docview.reject"),
        KeySpec("document.return", "b", "act('return')", "docview.return"),
        KeySpec("document.delegate", "d", "act('delegate')", "docview.delegate"),
        KeySpec("document.entrust", "D", "act('entrust')", "docview.entrust", show=False),
        KeySpec("document.withdraw", "w", "act('withdraw')", "docview.withdraw"),
        KeySpec("document.comment", "c", "act('comment')", "docview.comment"),
        KeySpec("document.urge", "u", "act('urge')", "docview.urge"),
        KeySpec("document.add_approver", "plus", "act('add-approver')", "docview.add_approver", show=False, key_display="+"),
        KeySpec("document.remove_approver", "minus", "act('remove-approver')", "docview.remove_approver", show=False, key_display="-"),
        KeySpec("document.cc", "C", "act('cc')", "docview.cc", show=False),
        KeySpec("document.retract", "z", "act('retract')", "docview.retract", show=False),
        KeySpec("document.edit", "e", "edit", "docview.edit"),
        KeySpec("document.open_link", "l", "open_link", "docview.open_link"),
        KeySpec("document.start_from", "s", "start_from", "docview.start_from"),
        KeySpec("document.print", "p", "print", "docview.print", show=False),
        KeySpec("document.refresh", "R", "reload", "docview.refresh", show=False),
        KeySpec("document.back", "escape,q", "back", "docview.back"),
        KeySpec("form.save_draft", "ctrl+s", "save_draft", "form.save_draft"),
        KeySpec("form.submit", "f10,ctrl+enter", "submit", "form.submit"),
        KeySpec("form.close", "escape", "close", "form.close"),
        KeySpec("form.submit_for", "f2", "choose_person", "form.choose_person", key_display="F2"),
        KeySpec("form.editor", "ctrl+o", "edit_in_editor", "form.open_editor", show=False),
        KeySpec("decide.conflict", "f4", "declare_conflict", "conflict_key.key", priority=True, key_display="F4"),
        KeySpec("form.quit", "q", "close", "form.close", show=False),
        KeySpec("form.grid.add_row", "insert,ctrl+n", "add_row", "form.add_row"),
        KeySpec("form.grid.delete_row", "ctrl+d", "delete_row", "form.delete_row"),
        KeySpec("form.grid.edit", "enter", "edit_cell", "form.edit_cell"),
        KeySpec("form.grid.next", "tab", "next_cell", "form.next_cell", show=False),
        KeySpec("form.grid.previous", "shift+tab", "previous_cell", "form.previous_cell", show=False),
        KeySpec("form.grid.cancel", "escape", "cancel", "form.cancel_edit"),
        KeySpec("form.grid.commit", "enter", "commit_next", "form.next_cell", show=False),
        KeySpec("form.grid.commit_next", "tab", "commit_next", "form.next_cell", show=False),
        KeySpec("form.grid.commit_previous", "shift+tab", "commit_previous", "form.previous_cell", show=False),
        KeySpec("form.summary.confirm", "enter,y", "confirm", "form.confirm_submit"),
        KeySpec("form.summary.cancel", "escape,n", "cancel", "form.back_to_form"),
    )
}
"""Every binding id the app knows, in the order help lists them."""


def bindings(*prefixes: str) -> list[Binding]:
    """Textual bindings for every registered id starting with one of `prefixes` (e.g. "inbox.")."""
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.show,
            priority=spec.priority,
            key_display=spec.key_display,
            id=spec.id,
        )
        for spec in REGISTRY.values()
        if spec.id.startswith(prefixes)
    ]


CATALOGUE_KEY = re.compile(r"^[a-z_]+(\.[a-z_0-9-]+)+$")
"""A description written as a catalogue key (`keys.approve`, `form.submit`), translated per node."""


def localise(bindings_map: BindingsMap) -> BindingsMap:
    """A copy of `bindings_map` whose descriptions are translated into the current language."""
    out = BindingsMap()
    out.key_to_bindings = {
        key: [replace(b, description=t(b.description)) if CATALOGUE_KEY.match(b.description or "") else b for b in group]
        for key, group in bindings_map.key_to_bindings.items()
    }
    return out


class LocalisedBindings:
    """Mixin for widgets and screens: translate binding descriptions when the node is created.

    Class-level `BINDINGS` are built when a module is imported, before the user's language is known,
    so descriptions are catalogue keys; translating per instance also lets one process run English
    and Chinese apps side by side (tests do)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        self._bindings = localise(self._bindings)  # type: ignore[has-type]


OWN_PREFIXES = ("app.", "inbox.", "search.", "archive.", "stats.", "statsdocs.", "help.")
"""Id prefixes this registry owns; other screens (form., document., workflow packages' own …) declare their own ids."""


ALIASES = {"form.leave": "form.close"}
"""Binding ids renamed since, still accepted from a user's `[keymap]` (old id → new id)."""


def overrides(keymap: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The keymap to hand to `App.set_keymap()` (every id: other screens' too) and the ids in our
    own namespaces that no binding has (probably typos). An old id (`ALIASES`) moves the binding
    now named otherwise, unless the new id is given too."""
    cleaned = {k: v.replace(" ", "") for k, v in keymap.items() if k not in ALIASES}
    for old, new in ALIASES.items():
        if old in keymap and new not in keymap:
            cleaned[new] = keymap[old].replace(" ", "")
    unknown = sorted(k for k in keymap if k.startswith(OWN_PREFIXES) and k not in REGISTRY)
    return cleaned, unknown


def actions_by_key(node: object) -> dict[str, list[tuple[str, str]]]:
    """key → [(action, description)] of `node`'s own bindings with the user's keymap applied, so a
    screen's `on_key` can explain a refused key (cached on the node per keymap)."""
    current = node.app._keymap  # type: ignore[attr-defined]
    cached = getattr(node, "_keys_for_refusals", None)
    if cached is None or cached[0] is not current:
        bindings_map = node._bindings.copy()  # type: ignore[attr-defined]
        if current:
            bindings_map.apply_keymap(current)
        table = {key: [(b.action, b.description) for b in group] for key, group in bindings_map.key_to_bindings.items()}
        cached = (current, table)
        node._keys_for_refusals = cached  # type: ignore[attr-defined]
    return cached[1]


def say_refused(node: Any, event: Any, reason: str, description: str) -> None:
    """Stop `event` (a key whose action is refused now), ring and say why, titled with what the key does."""
    event.stop()
    event.prevent_default()
    node.app.bell()
    node.notify(reason, title=description, severity="warning", timeout=5, markup=False)


def explain_refusal(node: Any, event: Any, refusal: Callable[[str], str | None]) -> bool:
    """A dimmed key explains itself instead of doing nothing: when `refusal(action)` gives a reason
    for an action `event`'s key is bound to on `node`, say it (`say_refused`); True when it did."""
    for action, description in actions_by_key(node).get(event.key, ()):
        reason = refusal(action)
        if reason:
            say_refused(node, event, reason, description)
            return True
    return False


def bound_to(node: object, key: str, action: str) -> bool:
    """True when `key` runs `action` on `node` (keymap applied): for a screen's `on_key` to explain a
    key that is dimmed."""
    return any(bound == action for bound, _ in actions_by_key(node).get(key, ()))


def key_of(node: object, action: str) -> str:
    """The first key bound to `action` on `node` (keymap applied), as a user types it."""
    for key, group in actions_by_key(node).items():
        if any(a == action for a, _ in group):
            return {"plus": "+", "question_mark": "?", "slash": "/"}.get(key, key)
    return action


def describe(binding_id: str) -> str:
    """The translated description of a registered binding."""
    spec = REGISTRY.get(binding_id)
    return t(spec.description) if spec else binding_id
