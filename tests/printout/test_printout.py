"""The printable approval history: the same text as the committed expected files (English and
Chinese), every value escaped in the HTML, only for those who may see the document, never over a
file without --force."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_office.domain.errors import OfficeError, PermissionDenied
from tui_office.i18n import set_language
from tui_office.services import printout, workflow

EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_text_printout_matches_the_expected_file(office, number, lang):
    set_language(lang)
    try:
        text = printout.render(printout.gather(office, "emily", number), "text")
    finally:
        set_language("en")
    expected = EXPECTED / f"purchase_request.{lang}.txt"
    assert text == expected.read_text(encoding="utf-8"), f"differs from {expected}"


def test_the_html_escapes_every_value_and_names_cjk_fonts(office, tmp_path):
    number = workflow.submit(office, "emily", "general_request", {
        "subject": "<script>alert('x')</script>", "details": "a & b <b>bold</b>"})
    page = printout.render(printout.gather(office, "emily", number), "html")
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page and "a &amp; b &lt;b&gt;bold&lt;/b&gt;" in page
    assert "@page { size: A4" in page and '"Noto Sans CJK SC"' in page and '"Microsoft YaHei"' in page
    assert "<link" not in page and "src=" not in page  # self-contained


def test_the_html_marks_the_signed_decision_and_the_transfer(office, number):
    page = printout.render(printout.gather(office, "emily", number), "html")
    assert page.count('class="sig"') == 1 and "Delegated → 周强" in page and "同意采购，注意比价。" in page
    assert "<tfoot><tr><td></td><td>Total</td>" in page and "15,000.00" in page
    # the step still waiting prints its name across three columns, not squeezed into the step's column
    assert '<tr class="waiting"><td></td><td colspan="3">Purchasing: quote, negotiate, contract</td>' in page


def test_only_someone_who_may_see_the_document_gets_it(office, number, tmp_path):
    out = tmp_path / "history.html"
    with pytest.raises(PermissionDenied):
        printout.write(office, "guoqiang", number, out)
    assert not out.exists()
    with pytest.raises(OfficeError, match="No document"):
        printout.write(office, "emily", "PR-2026-9999", out)


def test_write_takes_the_format_from_the_name_and_never_replaces_a_file(office, number, tmp_path):
    text = printout.write(office, "emily", number, tmp_path / "h.txt")
    assert text.read_text(encoding="utf-8").startswith(f"Approval history {number}\n")
    with pytest.raises(OfficeError, match="already exists"):
        printout.write(office, "emily", number, text)
    printout.write(office, "emily", number, text, fmt="html", force=True)
    assert text.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(OfficeError, match=r"\.html or \.txt"):
        printout.write(office, "emily", number, tmp_path / "h.pdf")
    with pytest.raises(OfficeError, match="on one line|control"):
        printout.write(office, "emily", number, tmp_path / "h\x1b.txt")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("h")) == ["h.txt"]


def test_the_export_folder_gets_a_new_file_each_time(office, number, tmp_path):
    folder = tmp_path / "exports" / "new"
    first = printout.write_into(office, "emily", number, folder)
    second = printout.write_into(office, "emily", number, folder)
    assert (first.name, second.name) == (f"{number}.html", f"{number}-2.html")
