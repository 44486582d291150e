"""Provides `as_text`: a printed approval history as plain text, lined up for CJK (widths in
terminal cells, so Chinese labels and names line up in a fixed-width font).

Pure: it reads only the `Printout` it is given, and its labels in the printout's language.
"""

from __future__ import annotations

from datetime import datetime

from typing import TYPE_CHECKING

from rich.cells import cell_len

from tui_office.i18n import t

if TYPE_CHECKING:
    from tui_office.services.printout import PrintedTable, Printout

RULE = "="
UNDERLINE = "-"


def as_text(p: Printout) -> str:
    """The whole printout, one section after another, ending with a newline."""
    def say(key: str, **params: object) -> str:
        return t(f"printout.{key}", lang=p.lang, **params)

    heading = say("heading", number=p.number)
    lines = [heading, RULE * cell_len(heading), ""]
    header = [(say("number"), p.number + (f"  ({say('earlier', numbers=', '.join(p.earlier_numbers))})"
                                          if p.earlier_numbers else "")),
              (say("form"), p.form_title), (say("title"), p.title), (say("initiator"), p.initiator),
              (say("department"), p.department or "—"), (say("created"), _at(p.created_at)),
              (say("submitted"), _at(p.submitted_at)), (say("finished"), _at(p.finished_at)),
              (say("status"), p.status + (f" · {say('archived')}" if p.archived else ""))]
    lines += _pairs(header)
    if p.fields:
        lines += ["", *_title(say("fields")), *_pairs([(label, text or "—") for label, text in p.fields])]
    for table in p.tables:
        lines += ["", *_title(table.label), *_table(table, say("no_rows"))]
    for label, items in p.checklists:
        lines += ["", *_title(label), *(f"[{'x' if ticked else ' '}] {text}" for ticked, text in items)]
    lines += ["", *_title(say("steps"))]
    for index, step in enumerate(p.steps, start=1):
        where = " · ".join(x for x in dict.fromkeys((step.step, step.role)) if x)
        lines.append(f"{index}. {_at(step.at)}  {where}".rstrip())
        who = step.person + (f" {say('for', name=step.on_behalf_of)}" if step.on_behalf_of else "")
        what = step.decision + (f" → {step.target}" if step.target else "")
        mark = f"  [{say('signed')}]" if step.signed else ""
        lines.append(f"   {who} — {what}{mark}")
        if step.opinion:
            first, *more = step.opinion.splitlines() or [""]
            lead = say("opinion", text="")
            lines.append(f"   {lead}{first}")
            lines += [f"   {' ' * cell_len(lead)}{line}" for line in more]
    for title, people in p.waiting:
        lines.append(f"→ {say('waiting', step=title, people=people or '—')}")
    if p.ahead:
        lines.append(f"   {say('ahead', steps=' → '.join(p.ahead))}")
    lines += ["", say("printed", at=_at(p.printed_at), name=p.printed_by)]
    if any(step.signed for step in p.steps):
        lines.append(say("signed_note"))
    lines.append("")
    return "\n".join(line.rstrip() for line in lines)


def _at(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _title(text: str) -> list[str]:
    return [text, UNDERLINE * cell_len(text)]


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - cell_len(text))
    return gap + text if right else text + gap


def _pairs(pairs: list[tuple[str, str]]) -> list[str]:
    """`label  value` lines, the values lined up; a value of several lines goes on under itself."""
    width = max((cell_len(label) for label, _ in pairs), default=0)
    out = []
    for label, value in pairs:
        first, *more = str(value).splitlines() or [""]
        out.append(f"{_pad(label, width)}  {first}")
        out += [f"{' ' * width}  {line}" for line in more]
    return out


def _table(table: PrintedTable, empty: str) -> list[str]:
    if not table.rows:
        return [empty]
    heads = ["#", *table.columns]
    numeric = [True, *table.numeric]
    rows = [[str(i), *(" ".join(cell.split()) for cell in row)] for i, row in enumerate(table.rows, start=1)]
    footer = ["", *table.totals] if table.totals else None
    every = [heads, *rows, *([footer] if footer else [])]
    widths = [max(cell_len(row[i]) for row in every) for i in range(len(heads))]

    def line(cells: list[str]) -> str:
        return "  ".join(_pad(c, widths[i], numeric[i]) for i, c in enumerate(cells))

    out = [line(heads), "  ".join(UNDERLINE * w for w in widths), *(line(r) for r in rows)]
    if footer:
        out += ["  ".join(UNDERLINE * w for w in widths), line(footer)]
    return out
