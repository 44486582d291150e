"""Provides what `tui-office demo` adds for leave (`Workflow.demo_documents`): the blackout periods
HR declared (`demo.toml`, dates from the day it runs) and leaves that show the leave rules at work —
a salesman's day off during the trade fair (the general manager decides), a sick day phoned in late,
and a long leave the general manager granted as an exception.
"""

from __future__ import annotations

import tomllib
from datetime import datetime, time, timedelta

from tui_office.domain.clock import FixedClock
from tui_office.domain.errors import NotFound
from tui_office.services import decisions, workflow
from tui_office.services.office import Office
from tui_office.workflows.leave import blackouts, long_leave, rules
from tui_office.workflows.leave.service import DEMO_FILE, DEMO_HR


def load_documents(office: Office) -> None:
    """Once: nothing when the demo's blackout periods are there already (or its HR clerk is not)."""
    try:
        if blackouts.listed(office, DEMO_HR, include_past=True):
            return
    except NotFound:
        return
    with DEMO_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    today = office.clock.today()
    declared = [blackouts.declare(office, DEMO_HR, spec["name"], today + timedelta(days=int(spec["starts_in"])),
                                  today + timedelta(days=int(spec["starts_in"]) + int(spec["days"]) - 1),
                                  spec["mode"], list(spec.get("departments", [])))
                for spec in data.get("blackouts", [])]
    fair = next((b for b in declared if b.mode == "gm" and "sales" in b.departments), None)
    day = next((d for d in rules.iter_dates(fair.start, fair.end) if office.calendar.is_working_day(d)), None) \
        if fair is not None else None
    if day is not None:  # a salesman's day off during the trade fair: the general manager decides
        number = workflow.submit(office, "zhouqiang", "leave", {
            "type": "personal", "start": day, "end": day, "handover": "emily",
            "reason": "给朋友当伴郎 / Best man at a friend's wedding"})
        decisions.act(office, "zhaolei", "approve", number, comment="展会期间请假，请总经理定夺。")
    real = office.clock
    try:
        sick_day = office.calendar.add_working_days(today, -1)
        office.clock = FixedClock(datetime.combine(sick_day, time(10, 30)))
        sick = workflow.submit(office, "david", "leave", {
            "type": "sick", "start": sick_day, "end": sick_day, "handover": "mayu", "reason": "Migraine",
            "phoned_at": f"{sick_day.isoformat()} 09:40", "evidence": ["community_certificate", "receipts"]})
        decisions.act(office, "mayu", "approve", sick, comment="Get well soon.")
        office.clock = FixedClock(datetime.combine(today, time(8, 30)))
        start = office.calendar.add_working_days(today, 10)
        end = office.calendar.add_working_days(start, 15)  # 16 working days: over the 15 of one request
        long = workflow.submit(office, "luoping", "leave", {
            "type": "personal", "start": start, "end": end, "handover": "xuhao",
            "reason": "回老家照顾做完手术的父亲 / Caring for my father after his surgery"})
        decisions.act(office, "xuhao", "approve", long, comment="项目已交接给徐浩。")
        long_leave.answer(office, "liuwei", long, "exception",
                          "父亲手术后需要照顾，项目已妥善交接，特批。 Exception: family care after surgery.")
    finally:
        office.clock = real
