"""Provides the preview pane under the inbox: key fields, checklist state and the timeline."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from tui_office.i18n import t
from tui_office.services.views import DocumentView, FieldValue
from tui_office.ui.widgets.cells import clip
from tui_office.ui.widgets.timeline import Timeline

KEY_FIELDS = 8
"""At most this many fields in the preview (the document view shows all)."""


def field_text(value: FieldValue) -> str:
    if value.type == "table":
        return t("preview.rows", count=len(value.rows or []))
    return clip(value.text or "", 60)


def fields_renderable(view: DocumentView) -> Group:
    head = Text.assemble((view.number, "bold"), "  ", view.form_title, "  ", (t(f"inbox.status.{view.status}"), "italic"))
    title = Text(view.title, style="bold")
    who = Text(t("preview.from", name=view.initiator_name, department=view.department), style="dim")
    if view.filled_in_for:
        who.append(t("preview.filled_in_for", name=view.filled_in_for), style="bold")
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1)
    checklists: list[FieldValue] = []
    shown = 0
    for value in view.display:
        if value.type == "checklist":
            checklists.append(value)
            continue
        if shown >= KEY_FIELDS or not (value.text or value.rows):
            continue
        table.add_row(value.label, Text(field_text(value)))
        shown += 1
    parts: list = [head, title, who, table]
    for checklist in checklists:
        items = checklist.rows or []
        ticked = sum(1 for item in items if item.get("checked"))
        parts.append(Text(f"{checklist.label} ({ticked}/{len(items)})", style="bold"))
        for item in items:
            box = "[x]" if item.get("checked") else "[ ]"
            extra = "" if item.get("checked") or not item.get("required") else "  " + t("preview.required")
            parts.append(Text(f" {box} {item.get('label', item.get('id', ''))}{extra}"))
    for flag in view.flags:
        message = flag.get("message") or flag.get("code") or ""
        parts.append(Text(f"! {message}", style="bold"))
    return Group(*parts)


class Preview(Horizontal):
    """Fields on the left, timeline on the right; `show(None)` shows a hint instead."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="preview-fields", can_focus=False) as fields:
            fields.border_title = t("preview.title")
            yield Static(t("preview.empty"), id="preview-fields-body")
        with VerticalScroll(id="preview-timeline", can_focus=False) as timeline:
            timeline.border_title = t("timeline.title")
            yield Timeline("", id="timeline")

    def show(self, view: DocumentView | None) -> None:
        body = self.query_one("#preview-fields-body", Static)
        if view is None:
            body.update(t("preview.empty"))
        else:
            body.update(fields_renderable(view))
        self.query_one(Timeline).show(view)
