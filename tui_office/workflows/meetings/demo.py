"""Provides the meetings of the demo office (`tui-office demo`): last week's sales weekly meeting
with its attendance (one late, one excused), issued minutes with two action items (one overdue),
this week's and next week's meetings of the series, and an ad-hoc meeting waiting for approval.

Made through the area's use cases with the clock set back, so the audit trail is real."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tui_office.domain.clock import FixedClock
from tui_office.services import workflow
from tui_office.services.decisions import act
from tui_office.services.office import Office
from tui_office.store.models import Document
from tui_office.workflows.meetings import service


def _working_day_before(office: Office, day: date) -> date:
    while not office.calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def load_documents(office: Office) -> None:
    """The demo meetings around now, unless the office has meetings already."""
    if Document.select().where(Document.form_id == service.MEETING).exists():
        return
    real = office.clock
    try:
        _load(office, real.now().replace(second=0, microsecond=0))
    finally:
        office.clock = real


def _load(office: Office, now: datetime) -> None:
    def at(day: date, hour: int, minute: int = 0) -> None:
        office.clock = FixedClock(datetime.combine(day, time(hour, minute)))

    held = _working_day_before(office, now.date() - timedelta(days=7))
    at(held - timedelta(days=4), 9, 30)
    weekly = workflow.submit(office, "sunyan", service.MEETING, {
        "title": "销售部周例会", "kind": "weekly", "chair": "zhaolei", "recorder": "sunyan", "place": "三楼会议室",
        "start": datetime.combine(held, time(10, 0)).isoformat(), "end": datetime.combine(held, time(11, 0)).isoformat(),
        "attendees": "emily,zhouqiang",
        "agenda": [{"topic": "本周回款情况", "presenter": "emily", "minutes": 20},
                   {"topic": "Huaxin tender: pricing", "presenter": "zhaolei", "minutes": 25},
                   {"topic": "下周拜访计划", "minutes": 15}]})
    at(held - timedelta(days=1), 16, 10)
    excuse = service.request_absence(office, "zhouqiang", weekly, "当天上午在苏州客户现场验收。")
    at(held - timedelta(days=1), 17, 5)
    act(office, "zhaolei", "approve", excuse, comment="同意，会后补看纪要。")
    for login, minute in (("sunyan", -15), ("zhaolei", -5), ("emily", 12)):
        at(held, 10 if minute >= 0 else 9, minute % 60)
        service.sign_in(office, login, weekly)
    at(held, 15, 30)
    minutes = workflow.submit(office, "sunyan", service.MINUTES, {
        "meeting": weekly, "title": "销售部周例会", "place": "三楼会议室",
        "start": datetime.combine(held, time(10, 0)).isoformat(), "end": datetime.combine(held, time(11, 0)).isoformat(),
        "content": "回款：本周到账 86 万元，华信项目尾款仍未到。\nHuaxin tender: keep the 3% discount, no further cuts.\n"
                   "下周重点拜访苏州、无锡两家新客户。",
        "resolutions": [
            {"text": "Call Huaxin finance about the final payment", "owner": "emily",
             "due": (held + timedelta(days=2)).isoformat()},
            {"text": "更新 2027 年报价单并发给各业务员", "owner": "zhouqiang", "due": (now.date() + timedelta(days=5)).isoformat(),
             "co_owners": "sunyan"},
        ]}, started_from=weekly)
    at(held, 17, 20)
    act(office, "zhaolei", "approve", minutes, comment="签发")
    at(held + timedelta(days=1), 9, 0)
    service.repeat(office, "sunyan", weekly, 2)
    at(now.date() - timedelta(days=1), 11, 0)
    workflow.submit(office, "chenjing", service.MEETING, {
        "title": "Q4 budget review 第四季度预算评审", "kind": "adhoc", "chair": "chenjing", "recorder": "zhangli",
        "place": "Board room 董事会议室",
        "start": datetime.combine(now.date() + timedelta(days=3), time(14, 0)).isoformat(),
        "end": datetime.combine(now.date() + timedelta(days=3), time(16, 0)).isoformat(),
        "attendees": "wuhong,zhaolei", "departments": [{"department": "finance"}],
        "agenda": [{"topic": "Q4 spending against budget", "presenter": "wuhong", "minutes": 45},
                   {"topic": "2027 预算编制安排", "presenter": "chenjing", "minutes": 45}]})
