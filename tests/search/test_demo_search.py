"""The demo office has a Chinese contract request to find, seen only by those who may see it."""

from __future__ import annotations

from tests.services.conftest import make_office
from tui_office.services import demo_documents, search


def test_the_demo_contract_request_is_found_by_those_who_may_see_it(tmp_path):
    office = make_office(tmp_path)
    try:
        demo_documents.load_documents(office)
        assert "采购合同盖章" not in [hit.title for hit in search.find(office, "wangfang", "合同").hits]  # not hers
        assert "采购合同盖章" in [hit.title for hit in search.find(office, "zhangli", "合同").hits]
    finally:
        office.close()
