"""Provides the demo office's past quarter: requests from every department spread over the twelve
weeks before the live demo documents, decided after a few hours or a few days, and two requests
left waiting long past their due time, so the statistics screen has figures worth reading.

Created through the same use cases a clerk uses, with the clock set back; part of
`demo_documents.load_documents` (a database without documents only).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui_office.domain.clock import FixedClock
from tui_office.services import queries, workflow
from tui_office.services.decisions import act
from tui_office.services.office import Office

HISTORY = (
    # days before now, hour, initiator, subject, details, decision, hours to decide
    (82, 9, "emily", "Trade fair stand materials", "Roll-up banners and brochures.", "approve", 6),
    (80, 10, "linna", "实验室防护手套", "丁腈手套 20 盒。", "approve", 3),
    (78, 14, "david", "Soldering station", "The old one no longer holds temperature.", "approve", 51),
    (75, 9, "zhengxin", "银行回单打印机维修", "报修两次未修好，申请更换。", "approve", 28),
    (73, 11, "zhouqiang", "客户拜访用车", "周四去苏州拜访两家客户。", "approve", 2),
    (71, 15, "guoqiang", "Forklift inspection", "Annual safety inspection is due.", "approve", 70),
    (68, 9, "luoping", "造价软件年费", "广联达续费一年。", "reject", 26),
    (66, 10, "emily", "Samples for Shenzhen Optics", "Ten sample kits by courier.", "approve", 4),
    (63, 13, "sunyan", "合同档案柜", "档案柜已满，申请一组新柜。", "approve", 47),
    (61, 9, "david", "Oscilloscope probes", "Two 500 MHz probes.", "approve", 22),
    (57, 10, "zhouqiang", "Second monitor for the sales desk", "For the order dashboards.", "reject", 50),
    (54, 9, "linna", "Supplier audit travel", "Two days in Ningbo.", "approve", 95),
    (52, 16, "xuhao", "外聘审计沟通会", "需会议室半天。", "approve", 5),
    (49, 9, "emily", "Customer gift boxes", "Mid-autumn gifts for 40 customers.", "approve", 29),
    (45, 11, "guoqiang", "仓库照明改造", "换装 LED 灯 30 盏。", "approve", 120),
    (42, 10, "david", "Test bench UPS", "Power cuts twice this month.", "approve", 8),
    (40, 14, "zhengxin", "Petty cash increase", "Year-end reimbursements.", "reject", 74),
    (38, 9, "sunyan", "快递月结账户", "开通顺丰月结。", "approve", 3),
    (35, 10, "zhouqiang", "展会差旅", "广州展会三人四天。", "approve", 46),
    (31, 9, "luoping", "Site visit to the Nanhu project", "Check the variation orders on site.", "approve", 27),
    (28, 15, "linna", "试剂冰箱", "原冰箱温控故障。", "approve", 52),
    (24, 9, "emily", "Newsletter printing", "500 copies of the winter issue.", "approve", 5),
    (21, 10, "david", "CAD licence", "One more seat for the new engineer.", "approve", 99),
)
"""The quarter's decided requests (general requests: one department-manager step)."""

WAITING = (
    (26, 10, "guoqiang", "Pallet racking repair", "Two uprights bent by the forklift."),
    (19, 11, "zhengxin", "税控盘年费", "年费需在月底前缴纳。"),
)
"""Requests still waiting for their department manager, days past their due time."""


def load_history(office: Office, now: datetime) -> None:
    """Add the quarter's requests, the clock set back for each step (the caller restores it)."""
    for days, hour, who, subject, details, decision, hours in HISTORY:
        submitted = (now - timedelta(days=days)).replace(hour=hour, minute=0)
        office.clock = FixedClock(submitted)
        number = workflow.submit(office, who, "general_request", {"subject": subject, "details": details})
        approver = queries.show(office, who, number, opening=False).current_steps[0].assignees[0].login
        office.clock = FixedClock(submitted + timedelta(hours=hours))
        act(office, approver, decision, number, comment="同意" if decision == "approve" else "Not this quarter.")
    for days, hour, who, subject, details in WAITING:
        office.clock = FixedClock((now - timedelta(days=days)).replace(hour=hour, minute=0))
        workflow.submit(office, who, "general_request", {"subject": subject, "details": details})
