"""Encrypted fields (`encrypted = true`): the expense claim's refund account is stored encrypted,
seen in full by the claimant and finance (its `readers`), masked (`****6789`) for everyone else who
may see the claim, bound to its document, and unreadable (never a traceback) without the key."""

from __future__ import annotations

import pytest

from tui_office.domain.errors import OfficeError
from tui_office.services import audit, queries, workflow
from tui_office.services.decisions import act
from tui_office.services.document_warnings import document_warnings
from tui_office.store.models import Action, Document

ACCOUNT = "6222 0210 0112 3456 789"
CLAIM = {"purpose": "Taxi to the client", "expense_type": "transport", "spent_on": "2026-11-20",
         "amount": "120", "receipts": "invoice", "payee_account": ACCOUNT}


def _account(office, login: str, number: str) -> tuple[str, str]:
    """(the value in `show --json`, the text the document view shows) of the account for `login`."""
    view = queries.show(office, login, number)
    text = next(f.text for f in view.display if f.id == "payee_account")
    return view.to_json()["fields"]["payee_account"], text


def test_the_claimant_and_finance_read_the_account_and_the_manager_sees_it_masked(office):
    number = workflow.submit(office, "emily", "expense_claim", CLAIM)
    assert ACCOUNT not in str(Document.get(Document.number == number).fields)
    assert _account(office, "emily", number) == (ACCOUNT, ACCOUNT)
    assert _account(office, "zhaolei", number) == ("****6789", "****6789")  # her manager, who approves
    assert _account(office, "admin", number) == ("****6789", "****6789")  # admin is no reader
    act(office, "zhaolei", "approve", number, comment="ok")
    assert _account(office, "wuhong", number) == (ACCOUNT, ACCOUNT)  # finance, who pays it
    assert _account(office, "zhaolei", number)[0] == "****6789"
    assert audit.verify().ok


def test_an_unchanged_account_keeps_its_ciphertext_when_a_returned_claim_is_sent_again(office):
    number = workflow.submit(office, "emily", "expense_claim", CLAIM)
    stored = Document.get(Document.number == number).fields["payee_account"]
    act(office, "zhaolei", "return", number, comment="Add the date of the ride")
    workflow.submit(office, "emily", None, {"purpose": "Taxi to the client, Nov 20"}, number=number)
    assert Document.get(Document.number == number).fields["payee_account"] == stored
    resubmit = Action.select().where(Action.action == "resubmit").get()
    assert [change[0] for change in resubmit.changes["changed"]] == ["purpose"]
    assert _account(office, "emily", number)[0] == ACCOUNT


def test_a_value_copied_to_another_document_does_not_decrypt(office):
    first = workflow.submit(office, "emily", "expense_claim", CLAIM)
    second = workflow.submit(office, "emily", "expense_claim", {**CLAIM, "payee_account": "6217 0000 1111 2222"})
    moved = Document.get(Document.number == first).fields["payee_account"]
    doc = Document.get(Document.number == second)
    Document.update(fields={**doc.fields, "payee_account": moved}).where(Document.id == doc.id).execute()
    assert _account(office, "emily", second) == ("[cannot be read]", "[cannot be read]")
    assert _account(office, "zhaolei", second)[0] == "[cannot be read]"
    warning = [line for line in document_warnings(office, second) if "Refund bank account" in line]
    assert warning == [f"Refund bank account of {second} does not decrypt with the office key: it was"
                       " changed in the database, or copied from another document."]
    assert _account(office, "emily", first)[0] == ACCOUNT  # the rest of the office is unaffected


def test_without_the_key_file_the_claim_still_opens_and_a_new_account_is_refused(office):
    number = workflow.submit(office, "emily", "expense_claim", CLAIM)
    office.key_file.rename(office.key_file.with_name("elsewhere.key"))
    assert _account(office, "emily", number)[0] == "[cannot be read]"
    assert queries.show(office, "emily", number).to_json()["fields"]["purpose"] == "Taxi to the client"
    assert any(line.startswith(f"The office key file {office.key_file} is missing") for line in document_warnings(office, number))
    with pytest.raises(OfficeError, match="is missing"):
        workflow.submit(office, "emily", "expense_claim", CLAIM)
    assert Document.select().count() == 1  # the refusal changed nothing
    workflow.submit(office, "emily", "expense_claim", {**CLAIM, "payee_account": ""})  # no account: no key needed


def test_a_damaged_or_clear_value_in_the_database_is_marked_never_a_traceback(office):
    number = workflow.submit(office, "emily", "expense_claim", CLAIM)
    doc = Document.get(Document.number == number)
    key_id = doc.fields["payee_account"].split(":")[2]
    for planted, reason in ((f"enc:v1:{key_id}:abc", "does not decrypt"), (ACCOUNT, "should be encrypted but is not")):
        Document.update(fields={**doc.fields, "payee_account": planted}).where(Document.id == doc.id).execute()
        assert _account(office, "zhaolei", number)[0] == "[cannot be read]"
        assert any(reason in line for line in document_warnings(office, number)), reason
