"""Provides the settlement's two review tables — the preliminary opinion table (合同结算初审意见表)
and the confirmation table (合同结算审核确认表) — as printable text and as HTML, with the
signatures (names, dates, opinions). Pure: works on the dict `views.settlement` returns."""

from __future__ import annotations

from html import escape

from rich.cells import cell_len

from tui_office.i18n import t

KINDS = ("preliminary", "confirmation")


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def _rows(s: dict, kind: str) -> list[tuple[str, str]]:
    table = s["tables"][kind]
    rows = [
        (t("contracts.table.number"), table["number"]),
        (t("contracts.table.contract"), s["contract"] or ""),
        (t("contracts.table.project"), s["project_code"] or ""),
        (t("contracts.table.category"), f"{s['category']} {s['category_title']}"),
        (t("contracts.table.department"), s["department_name"]),
        (t("contracts.table.applicant"), s["applicant"] or ""),
        (t("contracts.table.preliminary"), str(s["amounts"]["preliminary"] or "")),
    ]
    if kind == "confirmation":
        rows.append((t("contracts.table.verified"), str(s["amounts"]["verified"] or "")))
        rows.append((t("contracts.table.difference"), f"{s['amounts']['difference_percent']} %"))
        if s.get("joint_review"):
            rows.append((t("contracts.table.joint_review"), s["joint_review"]))
    return rows


def _signature_lines(table: dict) -> list[tuple[str, str, str]]:
    return [(sig["step_title"], f"{sig['name']}  {sig['at'][:10]}", sig["opinion"]) for sig in table.get("signatures", [])]


def as_text(s: dict, kind: str) -> str:
    """The table as lines of text (CJK-aligned by cell width)."""
    if kind not in s["tables"]:
        return t("contracts.table.not_issued", kind=t(f"contracts.table.{kind}_title"))
    rows = _rows(s, kind)
    width = max(cell_len(label) for label, _ in rows) + 2
    lines = [t(f"contracts.table.{kind}_title"), ""]
    lines += [_pad(label, width) + value for label, value in rows]
    lines += ["", t("contracts.table.signatures")]
    for step, who, opinion in _signature_lines(s["tables"][kind]):
        lines.append(f"  {step}: {who}")
        if opinion:
            lines.append(f"    {opinion}")
    return "\n".join(lines)


def as_html(s: dict, kind: str) -> str:
    """The table as a small standalone HTML page, for printing."""
    if kind not in s["tables"]:
        return f"<p>{escape(t('contracts.table.not_issued', kind=t(f'contracts.table.{kind}_title')))}</p>\n"
    title = escape(t(f"contracts.table.{kind}_title"))
    body = "".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in _rows(s, kind))
    signs = "".join(f"<tr><th>{escape(step)}</th><td>{escape(who)}</td><td>{escape(opinion)}</td></tr>"
                    for step, who, opinion in _signature_lines(s["tables"][kind]))
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\n"
            f"<h1>{title}</h1>\n<table border=\"1\">{body}</table>\n"
            f"<h2>{escape(t('contracts.table.signatures'))}</h2>\n<table border=\"1\">{signs}</table>\n</body></html>\n")
