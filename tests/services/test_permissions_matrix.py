"""Who may do what to a document and to the office, end to end through the services: one table,
each person in a relationship to one document × each operation, allowed or refused.

The document (a two-step form of the test's own) was submitted by wangfang (HR) for emily (sales,
代提交); hejun approved the first step; it waits for liuwei, who is away: chenjing stands in for
him since after the task arrived; emily copied it to linna. zhaolei manages sales; zhangli keeps
the archive; admin administers; david has nothing to do with it.

Each operation runs in a transaction that is rolled back, so every row starts from the same office.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import OfficeError
from tui_office.services import archive, away, decisions, departments, directory, intervention, queries, roles, search, workflow
from tui_office.store.db import database

FORM = """
id = "t_perm"
version = 1
title = { en = "Permission check", zh = "权限核对" }
prefix = "TP"
starters = ["*"]
submit_for = ["hr"]
cc_allowed = ["*"]
title_field = "subject"

[[fields]]
id = "subject"
type = "text"
label = { en = "Subject", zh = "事由" }
required = true

[[steps]]
id = "first"
title = { en = "First check", zh = "初审" }
assignee = { user = "hejun" }
next = "second"

[[steps]]
id = "second"
title = { en = "Second check", zh = "复审" }
assignee = { user = "liuwei" }
next = "end"
"""

PEOPLE = {
    "initiator": "emily", "submitter": "wangfang", "past_assignee": "hejun", "assignee": "liuwei",
    "deputy": "chenjing", "cc": "linna", "manager": "zhaolei", "archive": "zhangli", "admin": "admin",
    "outsider": "david",
}
"""Each relationship to the document, and who has it."""

VIEWERS = "initiator submitter past_assignee assignee deputy cc manager archive admin"

# operation -> the relationships it is allowed to.
ALLOWED = {
    "view":        VIEWERS,
    "act":         "assignee deputy",
    "withdraw":    "initiator",
    "comment":     VIEWERS,
    "intervene":   "admin",
    "users":       "admin",
    "departments": "admin",
    "roles":       "admin",
    "archive_log": "archive admin",
    "search":      VIEWERS,
}


def _operations(number: str):
    return {
        "view": lambda o, me: queries.show(o, me, number),
        "act": lambda o, me: decisions.act(o, me, "approve", number, comment="ok"),
        "withdraw": lambda o, me: decisions.act(o, me, "withdraw", number),
        "comment": lambda o, me: decisions.act(o, me, "comment", number, comment="a note"),
        "intervene": lambda o, me: intervention.intervene(o, me, "end", number, reason="decided at the meeting",
                                                          outcome="approved"),
        "users": lambda o, me: directory.deactivate_user(o, "guoqiang", by=me),
        "departments": lambda o, me: departments.rename_department(o, me, "legal", name_en="Legal affairs"),
        "roles": lambda o, me: roles.grant_role(o, me, "hr", "guoqiang"),
        "archive_log": lambda o, me: archive.openings(o, me),
        "search": lambda o, me: number in [hit.number for hit in search.find(o, me, "Permission").hits] or _refused(),
    }


def _refused():
    raise OfficeError(message="not found by search")


@pytest.fixture(scope="module")
def office_and_number(tmp_path_factory):
    folder = tmp_path_factory.mktemp("matrix")
    forms = folder / "forms"
    forms.mkdir()
    (forms / "t_perm.toml").write_text(FORM, encoding="utf-8")
    office = demo_office(folder, forms_dir=forms)
    number = workflow.submit(office, "wangfang", "t_perm", {"subject": "Permission review"}, for_login="emily")
    decisions.act(office, "hejun", "approve", number, comment="fine")
    decisions.act(office, "emily", "cc", number, to="linna")
    today = office.clock.now().date()
    away.set_away(office, "liuwei", "chenjing", today, date(today.year + 1, 1, 31))
    yield office, number
    office.close()


CASES = [(op, who) for op in ALLOWED for who in PEOPLE]


@pytest.mark.parametrize("operation, who", CASES, ids=[f"{op}-{who}" for op, who in CASES])
def test_who_may_do_what(office_and_number, operation, who):
    office, number = office_and_number
    call = _operations(number)[operation]
    allowed = who in ALLOWED[operation].split()
    with database.atomic() as txn:
        try:
            call(office, PEOPLE[who])
            outcome = "allowed"
        except OfficeError as refusal:
            outcome = f"refused: {refusal}"
        finally:
            txn.rollback()
    assert (outcome == "allowed") == allowed, outcome
