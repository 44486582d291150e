"""The index is kept in the transaction of each write, and built anew with progress."""

from __future__ import annotations

import io

import pytest

from tests.factories import demo_office
from tui_office.i18n import set_language
from tui_office.services import audit, search, workflow
from tui_office.store import search_index
from tui_office.store.db import database
from tui_office.store.models import Document


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


def found(office, query):
    return [hit.number for hit in search.find(office, "admin", query).hits]


def submit(office, subject):
    return workflow.submit(office, "emily", "general_request", {"subject": subject, "details": "-"})


def test_a_write_rolled_back_leaves_the_index_as_it_was(office):
    number = submit(office, "Archive boxes")
    doc = Document.get(Document.number == number)
    with pytest.raises(RuntimeError):
        with database.atomic():
            Document.update(title="Storage crates").where(Document.id == doc.id).execute()
            audit.record(document_id=doc.id, actor_id=doc.initiator_id, action="comment", at=office.clock.now(),
                         comment="moved to crates")
            raise RuntimeError("power cut")
    assert found(office, "crates") == []
    assert found(office, "Archive boxes") == [number]


def test_a_rebuild_indexes_every_document_and_reports_its_progress(office, monkeypatch):
    numbers = [submit(office, f"Request {i} about 发票") for i in range(5)]
    monkeypatch.setattr(search_index, "BATCH", 2)
    seen = []
    with database.atomic():
        assert search_index.rebuild(lambda done, total: seen.append((done, total))) == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert found(office, "发票") == numbers[::-1]


@pytest.mark.parametrize("lang, line", [
    ("en", "Building the search index: 3 of 3 documents"),
    ("zh-CN", "正在建立检索索引：已处理 3 / 3 份单据"),
])
def test_progress_shows_on_a_terminal_only(monkeypatch, lang, line):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(search_index, "BATCH", 1)
    set_language(lang)
    try:
        terminal, pipe = Terminal(), io.StringIO()
        monkeypatch.setattr("sys.stderr", terminal)
        search_index.terminal_progress(3, 3)
        monkeypatch.setattr("sys.stderr", pipe)
        search_index.terminal_progress(3, 3)
    finally:
        set_language("en")
    assert terminal.getvalue() == f"\r{line}\n"
    assert pipe.getvalue() == ""


def test_only_an_administrator_rebuilds_the_index(office):
    from tui_office.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        search.rebuild(office, "emily")
    number = submit(office, "Visitor badges")
    assert search.rebuild(office, "admin") == 1
    assert found(office, "badges") == [number]
