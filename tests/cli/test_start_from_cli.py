"""Starting a document from another (`start_from`, `[prefill]`) and links that name several
documents, run through the CLI in separate processes on the test-only form in tests/forms/linked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.forms_office import FORMS as FORMS_ROOT
from tests.cli.forms_office import office_with_forms
from tests.cli.test_workflow_cli import run

FORMS = FORMS_ROOT / "linked"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return office_with_forms(tmp_path, "linked")


def test_the_test_form_passes_definitions_check():
    assert run(Path("unused.db"), "definitions", "check", str(FORMS)).stdout.startswith("ok: 1 ")


def test_a_document_started_from_another_is_prefilled_and_linked_both_ways(db):
    request = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=December fair",
                  "--set", "details=A stand for three days").stdout.strip()
    other = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Posters",
                "--set", "details=Print 40").stdout.strip()
    number = run(db, "--user", "emily", "submit", "follow_on", "--from", request,
                 "--set", f"related={request}, {other}").stdout.strip()
    assert number == "FO-2026-0001"

    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["fields"] == {"subject": "Follow-on: December fair", "details": "A stand for three days",
                               "source": request, "related": [request, other]}
    assert [(x["field"], x["number"]) for x in shown["links"]["to"]] == [
        ("source", request), ("related", request), ("related", other)]
    assert shown["links"]["from"] == []
    back = json.loads(run(db, "--user", "emily", "show", request, "--json").stdout)["links"]
    assert back["from"] == [
        {"field": "source", "number": number, "form": "follow_on", "title": "Follow-on: December fair"},
        {"field": "related", "number": number, "form": "follow_on", "title": "Follow-on: December fair"}]
    assert [x["number"] for x in json.loads(run(db, "--user", "emily", "show", other, "--json").stdout)
            ["links"]["from"]] == [number]
    assert run(db, "audit", "verify").returncode == 0


def test_what_the_clerk_gives_wins_over_what_is_prefilled(db):
    request = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Fair",
                  "--set", "details=Stand").stdout.strip()
    number = run(db, "--user", "emily", "submit", "follow_on", "--from", request, "--draft",
                 "--set", "subject=Own words").stdout.strip()
    shown = json.loads(run(db, "--user", "emily", "show", number, "--json").stdout)
    assert shown["status"] == "draft"
    assert shown["fields"] == {"subject": "Own words", "details": "Stand", "source": request}


def test_starting_from_a_document_the_form_does_not_allow_is_refused_in_one_line(db):
    request = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Fair",
                  "--set", "details=Stand").stdout.strip()
    number = run(db, "--user", "emily", "submit", "follow_on", "--from", request).stdout.strip()
    wrong = run(db, "--user", "emily", "submit", "follow_on", "--from", number, check=False)
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == f"tui-office: Follow-on request cannot be started from {number} (only from: general_request)."
    never = run(db, "--user", "emily", "submit", "general_request", "--from", request, check=False)
    assert never.returncode == 1 and "not started from another document" in never.stderr
    missing = run(db, "--user", "emily", "submit", "follow_on", "--from", "GR-2026-0999", check=False)
    assert missing.returncode == 1 and missing.stderr.strip() == "tui-office: No document GR-2026-0999."
    hidden = run(db, "--user", "luoping", "submit", "follow_on", "--from", request, check=False)
    assert hidden.returncode == 1 and hidden.stderr.strip() == f"tui-office: You are not allowed to see {request}."
    both = run(db, "--user", "emily", "submit", "follow_on", "--from", request, "--number", number, check=False)
    assert both.returncode == 2
    assert len(json.loads(run(db, "--user", "emily", "inbox", "--tab", "submitted", "--json").stdout)) == 2


def test_a_link_to_several_documents_refuses_each_unknown_one(db):
    request = run(db, "--user", "emily", "submit", "general_request", "--set", "subject=Fair",
                  "--set", "details=Stand").stdout.strip()
    proc = run(db, "--user", "emily", "submit", "follow_on", "--set", "subject=S", "--set", "details=D",
               "--set", f"related={request},GR-2026-0998", check=False)
    assert proc.returncode == 1 and "related: link_unknown: There is no document GR-2026-0998." in proc.stderr
    proc = run(db, "--user", "emily", "submit", "follow_on", "--set", "subject=S", "--set", "details=D",
               "--set", "related=GR-2026-0001\x1b[2J", check=False)
    assert proc.returncode == 1 and "related: control_character" in proc.stderr
    many = ",".join(f"GR-2026-{n:04d}" for n in range(1, 102))
    proc = run(db, "--user", "emily", "submit", "follow_on", "--set", "subject=S", "--set", "details=D",
               "--set", f"related={many}", check=False)
    assert proc.returncode == 1 and "related: too_many_links: Names at most 100 documents." in proc.stderr
    assert json.loads(run(db, "--user", "emily", "inbox", "--tab", "submitted", "--json").stdout)[0]["number"] == request
