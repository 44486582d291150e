"""Provides the read-only renderings of a document: its fields, line items, checklist and flags.

Pure Rich renderables built from a `DocumentView` and its `FormDef`, so the document view (and
anything else that shows a document, such as a printout) draws them the same way.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from tui_office.i18n import t
from tui_office.ui.form_state import NUMERIC, column_totals

ATTACHMENT_HINTS = ("attach", "file", "附件")
"""A text field whose id or label contains one of these holds attachment paths (one per line)."""


def fields_renderable(view: Any, form: Any) -> RenderableType:
    """Every field of `view` read-only: label and text, line items as a table with totals, checklist
    ticks, attachments by path, and the flags domain rules raised."""
    later = form.step_fields() if form is not None else set()
    shown = [fv for fv in view.display if not (fv.id in later and not fv.text)]
    label_width = min(24, max((cell_len(fv.label) for fv in shown if fv.type not in ("table", "checklist")), default=8))
    parts: list[RenderableType] = []
    attachments: list[str] = []

    def new_grid() -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True, width=label_width)
        grid.add_column(overflow="fold")
        return grid

    grid = new_grid()
    for fv in shown:
        fdef = _field(form, fv.id)
        if fv.type in ("table", "checklist"):
            if grid.row_count:
                parts.append(grid)
                grid = new_grid()
            parts.append(Text(fv.label, style="bold underline"))
            if fv.type == "table":
                parts.append(line_item_table(fdef, fv.rows or [], form) if fdef is not None else Text(fv.text))
                parts.append(Text(""))
            else:
                parts.append(checklist_text(fv.rows or [], fdef, view, form))
            continue
        if fv.type in ("text", "multiline") and _is_attachment(fv):
            attachments.extend(p.strip() for p in fv.text.replace(";", "\n").splitlines() if p.strip())
            continue
        grid.add_row(fv.label, Text(fv.text or "—", style="" if fv.text else "dim"))
    if grid.row_count:
        parts.append(grid)
    if attachments:
        parts.append(Text(t("docview.attachments"), style="bold underline"))
        parts.append(Text("\n".join(f"  • {p}" for p in attachments)))
    if view.flags:
        parts.append(Text(t("docview.flags"), style="bold underline"))
        for flag in view.flags:
            parts.append(Text(f"  ! {flag_text(flag)}", style="bold"))
    links = getattr(view, "links", None) or {}
    if links.get("to") or links.get("from"):
        parts.append(Text(t("docview.links"), style="bold underline"))
        for way, arrow in (("to", "→"), ("from", "←")):
            for link in links.get(way, []):
                parts.append(Text(f"  {arrow} {link['number']}  {link.get('title') or ''}"))
    spaced: list[RenderableType] = []
    for index, part in enumerate(parts):
        if index and isinstance(part, Text) and part.style == "bold underline":
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced) if spaced else Text(t("docview.no_fields"), style="dim")


def _field(form: Any, field_id: str) -> Any:
    if form is None:
        return None
    return next((f for f in form.fields if f.id == field_id), None)


def flag_text(flag: dict) -> str:
    """A flag raised by a domain rule, in words (its workflow's own wording when it has one), or by
    the form's own `[[flags]]` (its words in both languages)."""
    from tui_office import extensions
    from tui_office.i18n import pick

    if isinstance(flag.get("en"), str):
        return pick(flag["en"], flag.get("zh") if isinstance(flag.get("zh"), str) else "")
    for workflow in extensions.installed():
        if workflow.flag_text is None:
            continue
        try:
            text = workflow.flag_text(flag)
        except Exception:  # noqa: BLE001 - an unknown flag still shows its name
            text = ""
        if text and text != flag.get("flag"):
            return text
    return str(flag.get("message") or flag.get("text") or flag.get("flag") or flag)


def _is_attachment(fv: Any) -> bool:
    haystack = f"{fv.id} {fv.label}".lower()
    return any(hint in haystack for hint in ATTACHMENT_HINTS)


def line_item_table(f: Any, rows: list[dict], form: Any = None) -> Table:
    """Line items as a table: a column per column of the field, numbers right-aligned, totals."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, header_style="bold",
                  show_footer=True, footer_style="bold")
    totals = column_totals(f, rows, form)
    first_plain = next((c.id for c in f.columns if c.id not in totals), None)
    table.add_column("#", justify="right", style="dim", footer="")
    for col in f.columns:
        if col.id in totals:
            footer = totals[col.id]
        elif col.id == first_plain and totals:
            footer = t("form.total")
        else:
            footer = ""
        table.add_column(col.label, justify="right" if col.type in NUMERIC else "left", footer=footer,
                         style="italic" if col.computed else "")
    for index, row in enumerate(rows, start=1):
        cells = []
        for col in f.columns:
            value = row.get(col.id)
            try:
                cells.append(col.display(value) if value is not None else "")
            except Exception:  # noqa: BLE001
                cells.append(str(value))
        table.add_row(str(index), *cells)
    table.show_footer = bool(totals)
    return table


def checklist_text(items: list[dict], f: Any = None, view: Any = None, form: Any = None) -> Text:
    """Checklist items with their ticks: `[x]` ticked, `[ ]` not; a required one not ticked is marked."""
    required = _required_items(f, view, form)
    text = Text()
    for index, item in enumerate(items):
        if index:
            text.append("\n")
        checked = bool(item.get("checked"))
        text.append(f"  {'[x]' if checked else '[ ]'} ", style="bold" if checked else "dim")
        text.append(str(item.get("label", item.get("id", ""))))
        if not checked and (item.get("required") or item.get("id") in required):
            text.append("  " + t("docview.missing"), style="bold")
    return text


def _required_items(f: Any, view: Any, form: Any = None) -> set[str]:
    """Items of checklist `f` required for the document's values (always, or by their condition)."""
    if f is None or view is None or form is None:
        return set()
    return form.evaluate({fv.id: fv.value for fv in view.display}).required_items.get(f.id, set())
