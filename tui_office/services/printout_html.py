"""Provides `as_html`: a printed approval history as one self-contained HTML page.

The page needs nothing beside itself: its print CSS is inline (A4, margins, tables that do not
break a row across pages), and its fonts are named by family, CJK ones first, so Chinese prints
with whichever of them the printing machine has. Every value from the document is escaped.

Pure: it reads only the `Printout` it is given, and its labels in the printout's language.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from tui_office.i18n import t

if TYPE_CHECKING:
    from tui_office.services.printout import PrintedTable, Printout

FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", '
         '"WenQuanYi Micro Hei", "Noto Sans", "Helvetica Neue", Arial, sans-serif')
"""The font stack: CJK families by name, then Latin ones."""
WIDE_COLUMNS = 8
"""A line-item table with more columns than this prints smaller, so it fits the width of A4."""

STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
* { box-sizing: border-box; }
html { background: #fff; color: #111; }
body { font-family: %(fonts)s; font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 180mm;
       padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 1mm 0; }
h1 small { font-weight: normal; font-size: 11pt; color: #444; margin-left: 3mm; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm 0; padding-bottom: 1mm; border-bottom: 1.5px solid #111; }
table { border-collapse: collapse; width: 100%%; }
th, td { border: 1px solid #888; padding: 1.2mm 2mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; white-space: nowrap; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
table.header th, table.fields th { width: 28%%; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.day { white-space: nowrap; }
tfoot td { font-weight: bold; border-top: 2px solid #111; }
table.items th { white-space: normal; }
table.wide { font-size: 8pt; }
table.wide th, table.wide td { padding: 0.8mm 1mm; }
.multiline { white-space: pre-wrap; }
.status { font-weight: bold; }
.sig { display: inline-block; border: 1.5px solid #a00; color: #a00; border-radius: 2mm; padding: 0 1.5mm;
       font-size: 9pt; font-weight: bold; white-space: nowrap; }
.muted { color: #666; }
.waiting td { font-style: italic; }
table.steps th:nth-child(2) { width: 15%%; }
table.steps th:nth-child(3) { width: 12%%; }
table.steps th:nth-child(7), table.steps td:nth-child(7) { width: 30%%; }
table.steps th:nth-child(8) { width: 1%%; }
table.steps td:nth-child(4) { font-size: 9.5pt; }
footer { margin-top: 8mm; font-size: 9pt; color: #444; border-top: 1px solid #aaa; padding-top: 2mm; }
@media print { body { max-width: none; padding: 0; } }
""" % {"fonts": FONTS}


def as_html(p: Printout) -> str:
    """The whole page."""
    def say(key: str, **params: object) -> str:
        return escape(t(f"printout.{key}", lang=p.lang, **params))

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if p.lang == "zh-CN" else "en"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{say('heading', number=p.number)}</title>",
        f"<style>{STYLE}</style></head>",
        "<body>",
        f"<h1>{say('heading', number=p.number)}<small>{_e(p.form_title)}</small></h1>",
        f"<h2>{say('header')}</h2>",
        '<table class="header">',
    ]
    number = _e(p.number) + (f' <span class="muted">({say("earlier", numbers=", ".join(p.earlier_numbers))})</span>'
                             if p.earlier_numbers else "")
    status = f'<span class="status">{_e(p.status)}</span>' + (f" · {say('archived')}" if p.archived else "")
    for label, value in ((say("number"), number), (say("form"), _e(p.form_title)), (say("title"), _e(p.title)),
                         (say("initiator"), _e(p.initiator)), (say("department"), _e(p.department or "—")),
                         (say("created"), _at(p.created_at)), (say("submitted"), _at(p.submitted_at)),
                         (say("finished"), _at(p.finished_at)), (say("status"), status)):
        parts.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    parts.append("</table>")
    if p.fields:
        parts += [f"<h2>{say('fields')}</h2>", '<table class="fields">']
        parts += [f'<tr><th>{_e(label)}</th><td class="multiline">{_e(text or "—")}</td></tr>' for label, text in p.fields]
        parts.append("</table>")
    for table in p.tables:
        parts += [f"<h2>{_e(table.label)}</h2>", _table(table, say("no_rows"))]
    for label, items in p.checklists:
        parts += [f"<h2>{_e(label)}</h2>", "<table>"]
        parts += [f"<tr><td>{'☑' if ticked else '☐'} {_e(text)}</td></tr>" for ticked, text in items]
        parts.append("</table>")
    parts += [f"<h2>{say('steps')}</h2>", '<table class="steps">', "<thead><tr>"]
    parts += [f"<th>{say(key)}</th>" for key in ("col_no", "col_step", "col_role", "col_at", "col_person",
                                                  "col_decision", "col_opinion", "col_signature")]
    parts.append("</tr></thead><tbody>")
    for index, step in enumerate(p.steps, start=1):
        who = _e(step.person) + (f'<br><span class="muted">{say("for", name=step.on_behalf_of)}</span>'
                                 if step.on_behalf_of else "")
        what = _e(step.decision) + (f" → {_e(step.target)}" if step.target else "")
        mark = f'<span class="sig">✔ {say("signed")}</span>' if step.signed else ""
        parts.append(f'<tr><td class="num">{index}</td><td>{_e(step.step or "—")}</td><td>{_e(step.role)}</td>'
                     f'<td class="num">{_at(step.at)}</td><td>{who}</td><td>{what}</td>'
                     f'<td class="multiline">{_e(step.opinion)}</td><td>{mark}</td></tr>')
    for title, people in p.waiting:
        parts.append(f'<tr class="waiting"><td></td><td colspan="3">{_e(title)}</td><td colspan="4">'
                     f"{say('waiting_for', people=people or '—')}</td></tr>")
    if p.ahead:
        parts.append(f'<tr class="waiting"><td></td><td colspan="7">{say("ahead", steps=" → ".join(p.ahead))}</td></tr>')
    parts += ["</tbody></table>", f"<footer>{say('printed', at=_at(p.printed_at), name=p.printed_by)}"
              + (f" {say('signed_note')}" if any(step.signed for step in p.steps) else "") + "</footer>",
              "</body></html>", ""]
    return "\n".join(parts)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _at(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _table(table: PrintedTable, empty: str) -> str:
    if not table.rows:
        return f'<p class="muted">{empty}</p>'

    def cls(i: int) -> str:
        if table.numeric[i]:
            return ' class="num"'
        return ' class="day"' if i < len(table.dates) and table.dates[i] else ""

    wide = " wide" if len(table.columns) > WIDE_COLUMNS else ""
    out = [f'<table class="items{wide}"><thead><tr><th class="num">#</th>',
           *(f"<th{cls(i)}>{_e(c)}</th>" for i, c in enumerate(table.columns)), "</tr></thead><tbody>"]
    for n, row in enumerate(table.rows, start=1):
        out.append(f'<tr><td class="num">{n}</td>' + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(row))
                   + "</tr>")
    out.append("</tbody>")
    if table.totals:
        out.append("<tfoot><tr><td></td>" + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(table.totals))
                   + "</tr></tfoot>")
    out.append("</table>")
    return "".join(out)
