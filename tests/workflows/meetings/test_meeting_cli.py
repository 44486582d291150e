"""Meetings from the command line as a user runs them (real processes, clock set with TUI_OFFICE_NOW)."""

from __future__ import annotations

import json
import subprocess


def sets(**values: str) -> list[str]:
    return [arg for key, value in values.items() for arg in ("--set", f"{key}={value}")]


NOTICE = sets(title="Sales weekly", kind="weekly", chair="zhaolei", recorder="sunyan", place="Room 3",
              start="2026-11-25T10:00", end="2026-11-25T11:00", attendees="emily,zhouqiang,wuhong")
RESOLUTIONS = json.dumps([{"text": "Call back Huaxin", "owner": "emily", "due": "2026-11-30"},
                          {"text": "Update the price list", "owner": "zhouqiang", "due": "2026-12-04"}])


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_notice_sign_in_minutes_and_action_items_end_to_end(cli):
    """A notice, two sign-ins (one 12 minutes late), an excused absence, minutes with two
    resolutions approved by the chair: both owners have their task; show --json has it all."""
    meeting = ok(cli("submit", "meeting", *NOTICE, user="zhangli"))
    excuse = ok(cli("meeting", "absence", meeting, "--reason", "Bank audit", now="2026-11-24T15:00", user="wuhong"))
    ok(cli("act", "approve", excuse, now="2026-11-24T16:00", user="zhaolei"))
    assert "Present" in ok(cli("meeting", "sign-in", meeting, now="2026-11-25T09:57", user="emily"))
    assert "Late (absent)" in ok(cli("meeting", "sign-in", meeting, now="2026-11-25T10:12", user="zhouqiang"))
    ok(cli("meeting", "mark", meeting, "zhaolei", "present", now="2026-11-25T10:20", user="sunyan"))
    minutes = ok(cli("submit", "minutes", "--from", meeting, *sets(content="Pipeline reviewed.", resolutions=RESOLUTIONS),
                     now="2026-11-25T14:00", user="sunyan"))
    ok(cli("act", "approve", minutes, "--comment", "签发", now="2026-11-25T16:00", user="zhaolei"))
    for owner, due in (("emily", "2026-11-30"), ("zhouqiang", "2026-12-04")):
        rows = json.loads(ok(cli("inbox", "--json", now="2026-11-25T16:05", user=owner)))
        assert [(r["number"], r["due"][:10]) for r in rows] == [(minutes, due)]
    shown = json.loads(ok(cli("show", meeting, "--json", now="2026-11-25T16:10", user="sunyan")))
    assert {a["user"]: a["status"] for a in shown["meetings"]["attendance"]} == {
        "zhaolei": "present", "sunyan": "absent", "emily": "present", "zhouqiang": "late_absent", "wuhong": "excused"}
    assert shown["meetings"]["minutes"] == [{"number": minutes, "status": "approved"}]
    assert [(i["key"], i["owner"], i["due"]) for i in shown["meetings"]["action_items"]] == [
        ("resolutions-1", "emily", "2026-11-30"), ("resolutions-2", "zhouqiang", "2026-12-04")]
    assert {(l["form"], l["number"]) for l in shown["links"]["from"]} == {("minutes", minutes), ("meeting_absence", excuse)}
    items = json.loads(ok(cli("meeting", "actions", "--mine", "--json", now="2026-12-01T09:00", user="emily")))
    assert [(i["minutes"], i["status"]) for i in items] == [(minutes, "overdue")]


def test_bad_input_is_one_line_on_stderr_and_changes_nothing(cli):
    meeting = ok(cli("submit", "meeting", *NOTICE, user="zhangli"))
    cases = [
        (("meeting", "sign-in", meeting), "2026-11-25T09:00", "emily",
         "tui-office: Sign-in to MT-2026-0001 is open from 2026-11-25 09:30 until it ends at 11:00."),
        (("meeting", "sign-in", meeting), "2026-11-25T10:00", "liuwei",
         "tui-office: You are not among the attendees of MT-2026-0001."),
        (("meeting", "mark", meeting, "nobody", "absent", "--reason", "x"), "2026-11-25T10:00", "sunyan",
         "tui-office: 'nobody' is not among the attendees of MT-2026-0001."),
        (("meeting", "mark", meeting, "emily", "absent", "--reason", "a\x1bb"), "2026-11-25T10:00", "sunyan", None),
        (("meeting", "absence", meeting, "--reason", "late"), "2026-11-25T10:01", "emily",
         "meeting: meeting_absence_too_late: MT-2026-0001 started at 2026-11-25 10:00; leave of absence must be "
         "asked before the meeting starts."),
    ]
    for args, now, user, line in cases:
        done = cli(*args, now=now, user=user)
        assert (done.returncode, done.stdout) == (1, ""), done
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr
        if line:
            assert lines == [line]
    shown = json.loads(ok(cli("show", meeting, "--json", now="2026-11-25T10:05", user="sunyan")))
    assert {a["status"] for a in shown["meetings"]["attendance"]} == {"expected"}
    assert [h["action"] for h in shown["history"]] == ["submit", "skip", "meeting_issued"]
    done = cli("submit", "meeting", *NOTICE, "--set", "end=2026-11-25T09:00", user="zhangli")
    assert done.returncode == 1 and done.stderr.strip() == (
        "end: check_failed: The meeting must end after it starts.")
    done = cli("meeting", "mark", meeting, "emily", "late", now="2026-11-25T10:00", user="sunyan")
    assert done.returncode == 2 and "invalid choice" in done.stderr
