"""A flag a form declares (`[[flags]]`) is shown in the document view in the reader's language."""

from __future__ import annotations

from tui_office.i18n import set_language
from tui_office.ui.widgets.document_fields import flag_text

FLAG = {"flag": "repeated_absence", "en": "Absent for the third time within 90 days", "zh": "90 天内第三次缺席"}


def test_a_declared_flag_reads_in_the_readers_language():
    try:
        set_language("zh-CN")
        assert flag_text(FLAG) == "90 天内第三次缺席"
        set_language("en")
        assert flag_text(FLAG) == "Absent for the third time within 90 days"
    finally:
        set_language("en")
