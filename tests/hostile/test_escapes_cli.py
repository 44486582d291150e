"""Terminal escapes are refused on the way in and shown inert (`\\x1b` as text) on the way out."""

from __future__ import annotations

import json

import pytest

from tests.hostile.conftest import ESCAPES, FORGED, assert_inert


def test_a_subject_with_escape_sequences_is_refused_with_one_line(cli):
    result = cli("--user", "emily", "submit", "general_request", "--set", f"subject={ESCAPES}",
                 "--set", "details=ok")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        "subject: control_character: Control characters such as \\x1b are not allowed here; type plain text."
    ]


def test_a_newline_in_a_one_line_field_is_refused(cli):
    result = cli("--user", "emily", "submit", "general_request", "--set", f"subject={FORGED}", "--set", "details=ok")
    assert result.code == 1
    assert result.err.splitlines() == [
        "subject: control_character: Control characters such as \\n are not allowed here; type plain text."
    ]


def test_multiline_text_keeps_newlines_and_tabs_but_refuses_escapes(cli):
    ok = cli("--user", "emily", "submit", "general_request", "--set", "subject=Two lines",
             "--set", "details=first\n\tsecond\r\nthird")
    assert ok.code == 0, ok.err
    shown = json.loads(cli("--user", "emily", "show", ok.out.strip(), "--json").out)
    assert shown["fields"]["details"] == "first\n\tsecond\nthird"
    bad = cli("--user", "emily", "submit", "general_request", "--set", "subject=x", "--set", "details=a\x1b[2Jb")
    assert bad.code == 1
    assert bad.err.startswith("details: control_character:") and len(bad.err.splitlines()) == 1


@pytest.mark.parametrize("comment", ["ok\x1b]0;pwned\x07", "ok\nstatus: approved"])
def test_an_opinion_with_control_characters_is_refused_and_nothing_is_recorded(cli, comment):
    number = cli("--user", "emily", "submit", "general_request", "--set", "subject=Desk", "--set", "details=d").out.strip()
    approver = json.loads(cli("--user", "emily", "show", number, "--json").out)["current_steps"][0]["assignees"][0]
    result = cli("--user", approver, "act", "approve", number, "--comment", comment)
    assert result.code == 1
    assert result.err.startswith("comment: control_character:") and len(result.err.splitlines()) == 1
    assert_inert(result.err)
    shown = json.loads(cli("--user", "emily", "show", number, "--json").out)
    assert shown["status"] == "in_progress" and [h["action"] for h in shown["history"]] == ["submit"]


def test_a_name_with_control_characters_is_refused(cli):
    result = cli("--user", "admin", "users", "add", "mallory", "Mal\x1b[2Jlory")
    assert result.code == 1
    assert "control_character" in result.err and len(result.err.splitlines()) == 1
    assert_inert(result.err)


def test_show_prints_hostile_stored_text_escaped_and_cannot_forge_a_line(cli, hostile_number):
    result = cli("--user", "emily", "show", hostile_number)
    assert result.code == 0, result.err
    assert_inert(result.out)
    assert "Hi\\x1b[2J\\x1b[H\\x1b]0;pwned\\x07Lunch\\nstatus: approved" in result.out
    assert "Emily\\x1b[2J\\u202eCarter" in result.out
    assert "line one\\n\\x1b[31mred\\x1b[0m\\tand tab" in result.out
    # Exactly one line starts with "status:", the real one.
    status_lines = [line for line in result.out.splitlines() if line.lstrip().startswith("status:")]
    assert status_lines == [status_lines[0]] and status_lines[0].startswith("status: in_progress")
    assert "fine\\x1b]0;pwned\\x07\\nstatus: approved" in result.out


def test_show_json_keeps_the_stored_text_exactly(cli, hostile_number):
    """Scripts get the data as stored; JSON escapes control characters by itself."""
    result = cli("--user", "emily", "show", hostile_number, "--json")
    assert_inert(result.out)
    assert json.loads(result.out)["fields"]["subject"] == ESCAPES + FORGED


def test_inbox_and_users_list_print_hostile_stored_text_escaped(cli, hostile_number):
    approver = json.loads(cli("--user", "emily", "show", hostile_number, "--json").out)["current_steps"][0]["assignees"][0]
    inbox = cli("--user", approver, "inbox")
    assert inbox.code == 0, inbox.err
    assert_inert(inbox.out)
    assert "Hi\\x1b[2J" in inbox.out and "Emily\\x1b[2J\\u202eCarter" in inbox.out
    assert len(inbox.out.splitlines()) == 2  # header and the one row: nothing forged
    users = cli("users", "list")
    assert_inert(users.out)
    assert "Emily\\x1b[2J\\u202eCarter" in users.out


def test_an_error_that_echoes_a_hostile_number_prints_it_escaped(cli):
    result = cli("--user", "emily", "show", "GR\x1b[2J\x1b]0;pwned\x07")
    assert result.code == 1
    assert_inert(result.err)
    assert len(result.err.splitlines()) == 1
