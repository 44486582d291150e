"""A form numbered when the document reaches a step (`number_at = "<step id>"`, the test-only
`tests/forms/t_legal_review.toml`): provisional until then, numbered once, found by either number."""

from __future__ import annotations

from pathlib import Path

from tests.factories import demo_office
from tui_office.services import directory, queries, workflow
from tui_office.services.decisions import act

FORMS = Path(__file__).resolve().parents[1] / "forms"


def test_the_number_is_given_when_the_document_reaches_the_named_step_and_only_once(tmp_path: Path) -> None:
    office = demo_office(tmp_path, forms_dir=FORMS)
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


def test_a_document_approved_without_reaching_its_numbering_step_is_numbered_when_approved(tmp_path: Path) -> None:
    office = demo_office(tmp_path, forms_dir=FORMS)
    try:
        directory.deactivate_user(office, "hejun", by="admin")  # the legal step now finds nobody and is skipped
        provisional = workflow.submit(office, "emily", "t_legal_review", {"subject": "NDA"})
        act(office, "zhaolei", "approve", provisional)
        view = queries.show(office, "emily", provisional)
        assert (view.status, view.number, view.earlier_numbers) == ("approved", "TLR-L26-01", [provisional])
    finally:
        office.close()


def test_a_link_to_a_provisional_number_still_finds_the_renumbered_document_both_ways(tmp_path: Path) -> None:
    office = demo_office(tmp_path, forms_dir=FORMS)
    try:
        first = workflow.submit(office, "emily", "t_legal_review", {"subject": "NDA"})
        act(office, "zhaolei", "approve", first)  # reaches legal: now TLR-L26-01
        second = workflow.submit(office, "emily", "t_legal_review", {"subject": "Annex", "follows": first})
        assert [x["number"] for x in queries.show(office, "emily", second).links["to"]] == ["TLR-L26-01"]
        assert [x["number"] for x in queries.show(office, "emily", "TLR-L26-01").links["from"]] == [second]
    finally:
        office.close()
