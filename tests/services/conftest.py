"""Provides an open demo office on a file database with a fixed clock, and test-only forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import START, demo_office  # noqa: F401  (START: the moment these tests run)
from tui_office.services.office import Office

TEST_FORMS = {
    "t_modes": '''
id = "t_modes"
version = 1
title = {{ en = "Mode test", zh = "模式测试" }}
prefix = "TM"
title_field = "subject"
[[fields]]
id = "subject"
type = "text"
label = {{ en = "Subject", zh = "事由" }}
required = true
[[steps]]
id = "panel"
title = {{ en = "Panel", zh = "评审" }}
assignee = {{ user = ["hejun", "linna", "wuhong"] }}
mode = "{mode}"
{extra}
actions = ["approve", "reject", "return", "delegate", "add-approver", "comment"]
next = "end"
''',
    "t_branch": '''
id = "t_branch"
version = 1
title = { en = "Branch test", zh = "分支测试" }
prefix = "TB"
title_field = "subject"
[[fields]]
id = "subject"
type = "text"
label = { en = "Subject", zh = "事由" }
required = true
[[fields]]
id = "amount"
type = "money"
label = { en = "Amount", zh = "金额" }
required = true
[[fields]]
id = "reviewer"
type = "user"
label = { en = "Reviewer", zh = "审核人" }
[[steps]]
id = "manager"
title = { en = "Manager", zh = "经理" }
assignee = { dept_manager = true }
actions = ["approve", "reject", "return", "delegate", "add-approver", "comment"]
next = [ { if = "amount > 1000", to = "finance" }, { to = "purchasing" } ]
[[steps]]
id = "finance"
title = { en = "Finance", zh = "财务" }
assignee = { user = "wuhong" }
actions = ["approve", "reject", "return", "delegate", "add-approver", "comment"]
next = "reviewer"
[[steps]]
id = "purchasing"
title = { en = "Purchasing", zh = "采购" }
assignee = { user = "hejun" }
actions = ["approve", "reject", "return", "delegate", "add-approver", "comment"]
next = "reviewer"
[[steps]]
id = "reviewer"
title = { en = "Reviewer", zh = "审核" }
assignee = { field = "reviewer" }
on_nobody = "{nobody}"
on_initiator = "{initiator}"
actions = ["approve", "reject", "return", "delegate", "add-approver", "comment"]
next = "end"
''',
}



def write_forms(folder: Path, mode: str = "all", extra: str = "", nobody: str = "skip", initiator: str = "skip") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "t_modes.toml").write_text(TEST_FORMS["t_modes"].format(mode=mode, extra=extra), encoding="utf-8")
    branch = TEST_FORMS["t_branch"].replace("{nobody}", nobody).replace("{initiator}", initiator)
    (folder / "t_branch.toml").write_text(branch, encoding="utf-8")


def make_office(tmp_path: Path, **form_options: str) -> Office:
    forms = tmp_path / "forms"
    write_forms(forms, **form_options)
    return demo_office(tmp_path, forms_dir=forms)


@pytest.fixture
def office(tmp_path: Path) -> Office:
    office = make_office(tmp_path)
    yield office
    office.close()
