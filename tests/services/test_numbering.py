"""A form numbered when the document reaches a step (`number_at = "<step id>"`): provisional until
then, numbered once, and found by either number."""

from __future__ import annotations

from pathlib import Path

from tests.factories import demo_office
from tui_office.services import queries, workflow
from tui_office.services.decisions import act

FORM = '''
id = "t_legal_review"
version = 1
title = { en = "Legal review (test)", zh = "法务审核(测试)" }
prefix = "TLR"
number = "{prefix}-L{yy}-{seq:02}"
number_at = "legal"
title_field = "subject"
[[fields]]
id = "subject"
type = "text"
label = { en = "Subject", zh = "事由" }
required = true
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
[[steps]]
id = "legal"
title = { en = "Legal", zh = "法务" }
assignee = { user = "hejun" }
next = "end"
'''


def test_the_number_is_given_when_the_document_reaches_the_named_step_and_only_once(tmp_path: Path) -> None:
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "t_legal_review.toml").write_text(FORM, encoding="utf-8")
    office = demo_office(tmp_path, forms_dir=forms)
    try:
        provisional = workflow.submit(office, "emily", "t_legal_review", {"subject": "NDA"})
        assert provisional == "TLR-2026-0001"
        act(office, "zhaolei", "approve", provisional)
        view = queries.show(office, "emily", provisional)
        assert (view.number, view.earlier_numbers) == ("TLR-L26-01", [provisional])
        act(office, "hejun", "return", "TLR-L26-01", to="initiator", comment="Add the annex")
        assert workflow.submit(office, "emily", None, {"subject": "NDA with annex"}, number=provisional) == "TLR-L26-01"
        act(office, "hejun", "approve", provisional)
        assert queries.show(office, "emily", provisional).status == "approved"
        assert queries.show(office, "emily", "TLR-L26-01").earlier_numbers == [provisional]
        assert [h.action for h in queries.show(office, "emily", provisional).history].count("numbered") == 1
    finally:
        office.close()
