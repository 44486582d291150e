"""Provides the timeline: every step done (who, for whom, when, action, opinion), where the
document is now (assignees, due) and the steps still ahead."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from tui_office.i18n import t
from tui_office.services.views import DocumentView

DONE, NOW, AHEAD = "✓", ">", "-"
"""Plain glyphs of one cell in every terminal (no ambiguous-width symbols)."""


def action_label(action: str) -> str:
    label = t(f"timeline.action.{action}")
    return action if label.startswith("timeline.action.") else label


def timeline_text(view: DocumentView, colours: dict[str, str], now: datetime | None = None) -> Group:
    """The timeline of `view` as Rich renderables (theme colours from `colours`; `now` marks overdue)."""
    done_style = colours.get("timeline-done", "")
    now_style = f"bold {colours.get('timeline-current', '')}"
    ahead_style = colours.get("timeline-ahead", "")
    lines: list[Text] = []
    for entry in view.history:
        line = Text.assemble((DONE + " ", done_style), (entry.at.strftime("%m-%d %H:%M") + "  ", "dim"))
        if entry.step_title:
            line.append(entry.step_title + "  ", style="bold")
        line.append(entry.actor_name)
        if entry.on_behalf_of_name:
            line.append(" " + t("timeline.for", name=entry.on_behalf_of_name), style="italic")
        if entry.detail:
            line.append("  " + entry.detail, style=done_style)
        else:
            line.append("  " + action_label(entry.action), style=done_style)
            if entry.target:
                line.append(" → " + entry.target, style=done_style)
        if entry.signed:
            line.append("  " + t("timeline.signed"), style="bold " + done_style)
        lines.append(line)
        if entry.comment:
            lines.append(Text("    " + t("timeline.opinion", text=entry.opinion), style="italic"))
    for step in view.current_steps:
        people = []
        for person in step.assignees:
            if person.status == "done":
                people.append(f"{person.name} {DONE}")
            elif person.status == "waiting":
                people.append(f"({person.name})")
            else:
                people.append(person.name)
        line = Text.assemble((NOW + " ", now_style), (step.title, now_style), "  ", "、".join(people) if _cjk() else ", ".join(people))
        if step.due:
            late = now is not None and step.due < now
            due = t("timeline.due", due=step.due.strftime("%m-%d %H:%M"))
            if late:
                line.append(f"  !{due} {t('timeline.overdue')}", style=f"bold {colours.get('overdue', '')}")
            else:
                line.append("  " + due, style="bold")
        lines.append(line)
    for _step_id, title in view.ahead:
        lines.append(Text.assemble((AHEAD + " ", ahead_style), (title, ahead_style)))
    if not view.current_steps and view.status not in ("in_progress", "draft"):
        lines.append(Text.assemble((DONE + " ", done_style), (t(f"inbox.status.{view.status}"), "bold")))
    return Group(*lines)


def _cjk() -> bool:
    from tui_office.i18n import current_language

    return current_language() == "zh-CN"


class Timeline(Static):
    """Shows the timeline of one document (`show(view)`), or nothing."""

    def show(self, view: DocumentView | None) -> None:
        if view is None:
            self.update("")
            return
        self.update(timeline_text(view, self.app.theme_variables, self.app.office.clock.now()))
