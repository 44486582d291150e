"""Provides the demo office's live documents: one or more in every state, with realistic history.

Created through the same use cases a clerk uses (so the audit trail is real), with the clock set
back to spread them over the last two weeks, then the quarter before for the statistics
(`demo_history`). Runs only on a database without documents.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from tui_office.domain.clock import Clock, FixedClock
from tui_office.services import away, hand_over, queries, timeouts, workflow
from tui_office.services.decisions import act
from tui_office.services.intervention import intervene
from tui_office.services.office import Office
from tui_office.store.models import Document


def _at(office: Office, when: datetime) -> None:
    office.clock = FixedClock(when)


def _gr(office: Office, who: str, subject: str, details: str) -> str:
    return workflow.submit(office, who, "general_request", {"subject": subject, "details": details})


def _pr(office: Office, who: str, item: str, quantity: int, amount: str, reason: str) -> str:
    return workflow.submit(office, who, "purchase_request",
                           {"item": item, "quantity": str(quantity), "amount": amount, "reason": reason})


def _expense_claims(office: Office, day) -> None:  # noqa: ANN001 - the loader's day(n, hour) helper
    """Two expense claims with their refund account encrypted: one at finance (who reads the account),
    one waiting for the sales manager (who sees it masked, ****1245)."""
    _at(office, day(7, 10))
    trip = workflow.submit(office, "emily", "expense_claim", {
        "purpose": "Train and taxi, Shenzhen Optics visit", "expense_type": "travel",
        "spent_on": day(6).date().isoformat(), "amount": "486.50", "receipts": "invoice",
        "payee_account": "6222 0210 0112 3456 789"})
    _at(office, day(8, 9))
    act(office, "zhaolei", "approve", trip, comment="同意")
    _at(office, day(12, 14))
    workflow.submit(office, "zhouqiang", "expense_claim", {
        "purpose": "客户接待晚餐（深圳光学）", "expense_type": "meals", "spent_on": day(11).date().isoformat(),
        "amount": "1280", "receipts": "invoice,guest_list", "payee_account": "6217 8520 0003 1188 1245",
        "notes": "四位客人，按 B 类标准接待。"})


def _escalated_supplies(office: Office, day) -> None:  # noqa: ANN001 - the loader's day(n, hour) helper
    """A supplies slip the sales manager left for two working days: the first run of the timeouts on
    a working day after that sends it up to the general manager, whose inbox marks it escalated."""
    _at(office, day(7, 10))
    workflow.submit(office, "emily", "office_supplies", {"item": "paper", "quantity": "10",
                                                         "purpose": "展会宣传资料打印"})
    for n in (10, 11, 12, 13):
        _at(office, day(n, 10))
        if timeouts.sweep(office):
            return


def _phone_forms(office: Office, day) -> None:  # noqa: ANN001 - the loader's day(n, hour) helper
    """A line move the administration office carried out, one waiting for the sales manager, and
    last month's phone-use register of the sales office waiting for finance's bill check."""
    _at(office, day(2, 10))
    moved = workflow.submit(office, "zhouqiang", "phone_line_change", {
        "change": "move", "extension": "8023", "location": "销售部 305 室",
        "reason": "座位调整到 305 室，分机随人移过去。"})
    _at(office, day(2, 15))
    act(office, "zhaolei", "approve", moved, comment="同意")
    _at(office, day(4, 11))
    act(office, "wangfang", "approve", moved, comment="已移机，测试正常", fields={"done_on": day(4).date().isoformat()})
    _at(office, day(12, 14))
    workflow.submit(office, "emily", "phone_line_change", {
        "change": "forward", "extension": "8021", "location": "Sales office",
        "reason": "Forward to my mobile while I visit customers in Shenzhen next week."})
    _at(office, day(5, 9))
    first = day(5).date().replace(day=1)
    last_month = (first - timedelta(days=1)).replace(day=1)
    register = workflow.submit(office, "sunyan", "phone_use_register", {
        "extension": "8020", "month": last_month.isoformat(), "calls": [
            {"day": last_month.replace(day=6).isoformat(), "number": "0755-8866 1200", "minutes": 14,
             "purpose": "深圳光学：报价确认"},
            {"day": last_month.replace(day=13).isoformat(), "number": "022-2531 7788", "minutes": 9,
             "purpose": "天津海晟：交货期"},
            {"day": last_month.replace(day=21).isoformat(), "number": "021-6058 3300", "minutes": 22,
             "purpose": "Supplier: toner contract"}]})
    _at(office, day(5, 16))
    act(office, "zhaolei", "approve", register, comment="已核对")


def _handed_over(office: Office, day, deputy: str) -> None:  # noqa: ANN001 - the loader's day(n, hour) helper
    """The sales manager at the Guangzhou fair for two days, the demo user standing in for his
    general requests: the two already waiting went to her that morning; she decided one and the
    other is still hers, the fair long over."""
    _at(office, day(8, 16))
    courier = _gr(office, "emily", "Courier for the fair samples", "Three boxes to the Guangzhou stand, door to door.")
    _at(office, day(8, 17))
    _gr(office, "zhouqiang", "展会名片加印", "展会前加印 100 张中英文名片。")
    _at(office, day(9, 8))
    away.set_away(office, "zhaolei", deputy, day(9).date(), day(10).date(), ["general_request"],
                  reason="广州展会 / Guangzhou trade fair")
    hand_over.hand_over(office, "zhaolei")
    _at(office, day(9, 14))
    act(office, deputy, "approve", courier, comment="同意（代赵磊审批）。")


def load_documents(office: Office, demo_user: str = "wangfang") -> int:
    """Create the demo documents unless the database already has documents; returns how many."""
    if Document.select().exists():
        return 0
    real: Clock = office.clock
    now = real.now().replace(second=0, microsecond=0)
    start = now - timedelta(days=14)
    try:
        def day(n: float, hour: int = 9) -> datetime:
            return (start + timedelta(days=n)).replace(hour=hour, minute=15 * (int(n) % 4))

        _at(office, day(0))
        done = _gr(office, "emily", "Business cards for the trade fair", "200 cards, bilingual.")
        _at(office, day(1))
        act(office, "zhaolei", "approve", done, comment="同意")

        _at(office, day(2))
        rejected = _gr(office, "zhouqiang", "Second monitor", "For the sales dashboards.")
        _at(office, day(3))
        act(office, "zhaolei", "reject", rejected, comment="Probation staff share the pool monitors.")

        _at(office, day(3, 14))
        returned = _gr(office, "sunyan", "Archive boxes", "Boxes for last year's contracts.")
        _at(office, day(4))
        act(office, "zhaolei", "return", returned, to="initiator", comment="请补充数量")

        _at(office, day(4, 11))
        withdrawn = _gr(office, "emily", "Taxi to the airport", "Customer visit.")
        act(office, "emily", "withdraw", withdrawn, comment="Customer cancelled")

        _at(office, day(5))
        big = _pr(office, "david", "Oscilloscope", 1, "128000", "Lab equipment for the new product line.")
        _at(office, day(6))
        act(office, "mayu", "approve", big, comment="Needed for Q1.")
        _at(office, day(7))
        act(office, "chenjing", "approve", big, comment="同意")
        act(office, "chenjing", "cc", big, to=demo_user, comment="For the asset register.")

        _at(office, day(8))
        small_order = _pr(office, "linna", "Printer toner", 12, "3600", "Quarterly stock.")
        _at(office, day(9))
        act(office, "hejun", "approve", small_order, comment="同意")

        _at(office, day(6, 10))
        overdue = _gr(office, "david", "Training room booking", "Room B, Dec 3, 14:00–17:00, 20 people.")
        _at(office, day(6, 11))
        act(office, "mayu", "delegate", overdue, to=demo_user, comment="Admin handles the rooms.")

        _at(office, day(12))
        todo = _gr(office, "emily", "Visitor passes", "Three visitors from Shenzhen Optics, Friday.")
        act(office, "zhaolei", "delegate", todo, to=demo_user, comment="Reception is yours.")
        _at(office, day(13, 15))
        fresh = _gr(office, "luoping", "Copy of the 2025 site visas", "For the settlement review.")
        act(office, "xuhao", "add-approver", fresh, to=demo_user, position="before", comment="Please confirm the archive copy.")

        _at(office, day(13, 16))
        chair = _gr(office, "emily", "人体工学椅", "Two chairs for the customer service desk.")
        act(office, "zhaolei", "entrust", chair, to="sunyan", comment="请确认仓库里是否还有库存。")
        _at(office, day(13, 17))
        act(office, "sunyan", "approve", chair, comment="No stock left; buying is fine.")
        _at(office, day(13, 17))
        act(office, "zhaolei", "add-approver", chair, to="hejun", comment="Purchasing should confirm the price.")
        act(office, "zhaolei", "remove-approver", chair, to="hejun", comment="价格已由孙燕确认，无需再签。")
        _at(office, day(13, 18))
        act(office, "zhaolei", "approve", chair, comment="同意")
        _at(office, day(13, 19))
        lab = _gr(office, "david", "Lab bench lamps", "Six LED lamps for the test bench.")
        act(office, "mayu", "entrust", lab, to="sunyan", comment="Please check the supplier list before I decide.")

        _at(office, day(11, 10))
        badges = _gr(office, "zhouqiang", "展会胸牌", "30 badges for the Shanghai fair stand.")
        _at(office, day(12, 9))
        intervene(office, "admin", "end", badges, outcome="approved",
                  reason="总经理已在周例会上口头批准，展会前必须下单。")
        _at(office, day(12, 10))
        stuck = _pr(office, "emily", "Label printer", 1, "2400", "Shelf labels for the sample room.")
        _at(office, day(13, 10))
        intervene(office, "admin", "reassign", stuck, person="zhaolei", to="mayu",
                  reason="Zhao Lei is at the customer site all week.")

        _at(office, day(1, 10))
        shelves = _pr(office, "emily", "样品货架", 3, "4500", "Shelving for the new sample room.")
        for who in ("zhaolei", "chenjing", "liuwei"):
            act(office, who, "approve", shelves, comment="同意")
        _at(office, day(3, 11))
        act(office, "hejun", "approve", shelves, comment="已签合同", fields={
            "supplier": "上海钢木家具有限公司", "contract_amount": "4380", "contract_no": "CG-2026-112"})
        _at(office, day(9, 15))
        act(office, "linna", "approve", shelves, comment="Two shelves delivered; the third is back-ordered.",
            fields={"received_on": day(9).date().isoformat(), "received": [{"name": "样品货架", "qty": 2}]})
        _at(office, day(10, 9))
        act(office, "emily", "return", shelves, comment="只到了两个货架，请催供应商补齐第三个。")
        _at(office, day(12, 16))
        act(office, "linna", "approve", shelves, comment="第三个货架已到。", fields={
            "received_on": day(12).date().isoformat(), "received": [{"name": "样品货架", "qty": 3}],
            "receipt_notes": "Third shelf delivered on the supplier's second trip."})

        _at(office, day(13, 9))
        start_on = office.calendar.add_working_days(day(13).date(), 3)
        workflow.submit(office, demo_user, "leave", {
            "type": "personal", "start": start_on.isoformat(), "end": start_on.isoformat(),
            "reason": "搬家，电话请人事代为提交。", "handover": "zhouqiang"}, for_login="emily")

        _at(office, day(12, 11))
        notice = workflow.submit(office, "zhangli", "document_circulation", {
            "subject": "关于年终盘点的通知", "issued_by": "集团办公室", "document_no": "集办〔2026〕48号",
            "received_on": day(12).date().isoformat(), "summary": "各部门于十二月第二周完成资产盘点。",
            "readers": ["zhaolei", "wuhong", demo_user]})
        _at(office, day(12, 15))
        act(office, "zhaolei", "approve", notice, comment="已阅")
        _at(office, day(11, 14))
        visit = workflow.submit(office, "emily", "visitor_reception", {
            "organisation": "Shenzhen Optics", "leader": "Mr Li Ming", "visit_date": day(16).date().isoformat(),
            "guests": "4", "visitor_class": "B", "purpose": "Factory tour and the 2027 framework agreement."})
        _at(office, day(12, 9))
        act(office, "zhaolei", "approve", visit, comment="同意")

        # Out-of-office arrangements still to come, for the administrators' deputies screen.
        _at(office, day(13, 10))
        away.set_away(office, "mayu", "david", (now + timedelta(days=10)).date(), (now + timedelta(days=12)).date(),
                      reason="Trade fair in Shanghai")
        away.set_away(office, "wuhong", "zhengxin", (now + timedelta(days=20)).date(), (now + timedelta(days=24)).date(),
                      ["expense_claim"], reason="年假")
        act(office, "zhangli", "approve", visit, comment="已订会议室", fields={"venue": "Room B, 玉园餐厅"})
        _escalated_supplies(office, day)
        _phone_forms(office, day)
        _at(office, day(13, 11))
        workflow.submit(office, "david", "office_supplies", {"item": "toner", "quantity": "2",
                                                             "purpose": "Lab printer"})
        workflow.submit(office, "linna", "sample_submission", {
            "project": "片剂第 7 批", "samples": "4", "tests": ["hplc", "moisture"],
            "submit_at": f"{day(15).date().isoformat()} 10:00"})

        _expense_claims(office, day)

        _at(office, day(10))
        _gr(office, demo_user, "New staff ID photos", "Photographer on Dec 1 for four new hires.")
        _at(office, day(11))
        workflow.save_draft(office, demo_user, "general_request", {"subject": "Year-end dinner venue"})
        _at(office, day(13, 8))
        sick_day = day(13).date().isoformat()
        workflow.save_draft(office, demo_user, "leave", {  # phoned in sick: HR fills it in for her (代提交)
            "type": "sick", "start": sick_day, "end": sick_day, "phoned_at": f"{sick_day} 08:30",
            "reason": "发烧，早上电话请假；病假条回来后补交。"}, for_login="sunyan")

        _at(office, day(13, 16))
        sealed = _gr(office, "sunyan", "采购合同盖章", "与深圳光学的采购合同需加盖公章，一式两份。")
        _at(office, day(13, 17))
        act(office, "zhaolei", "approve", sealed, comment="同意，盖章后交档案室存档")
        _at(office, day(13, 18))
        _access_requests(office, day, done, rejected, badges)
        _handed_over(office, day, demo_user)
        _at(office, day(13, 18))
        queries.show(office, "zhangli", done)  # the archive keeper looks up an archived request: logged
        from tui_office.services.demo_history import load_history

        load_history(office, now)
        return Document.select().count()
    finally:
        office.clock = real


def _access_requests(office: Office, day, done: str, rejected: str, badges: str) -> None:
    """Archive access requests (档案查阅登记): one whose period is over, one in force today (its
    requester has read the document, as the archive log shows), one waiting for the archive keeper."""
    def ask(who: str, number: str, purpose: str, first: int, last: int) -> str:
        return workflow.submit(office, who, "archive_access", {
            "document": number, "purpose": purpose, "wanted_from": day(first).date().isoformat(),
            "wanted_until": day(last).date().isoformat()})

    _at(office, day(8, 10))
    past = ask("luoping", rejected, "核对去年显示器申请的审批意见，用于费用复核。", 8, 10)
    _at(office, day(8, 14))
    act(office, "zhangli", "approve", past, comment="仅限查阅，不得复印。", fields={"granted_until": day(9).date().isoformat()})
    _at(office, day(9, 9))
    queries.show(office, "luoping", rejected)
    _at(office, day(12, 14))
    granted = ask("mayu", done, "Reuse the card layout and quantities for the December fair.", 12, 18)
    _at(office, day(13, 9))
    act(office, "zhangli", "approve", granted, comment="Granted for three days.",
        fields={"granted_until": day(16).date().isoformat()})
    _at(office, day(13, 10))
    queries.show(office, "mayu", done)
    _at(office, day(13, 15))
    ask("david", badges, "参考展会胸牌的数量和供应商，准备明年的展会。", 14, 16)
