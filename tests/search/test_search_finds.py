"""Search finds documents by any word in them, in Chinese and English, and keeps up with every change."""

from __future__ import annotations

import pytest

from tests.factories import demo_office
from tui_office.domain.errors import OfficeError, ValidationError
from tui_office.services import search, workflow
from tui_office.services.decisions import act


@pytest.fixture
def office(tmp_path):
    return demo_office(tmp_path)


def gr(office, who="emily", subject="Printer paper", details="10 boxes"):
    return workflow.submit(office, who, "general_request", {"subject": subject, "details": details})


def pr(office, who="emily", item="Laptop", reason="New starter", category="office", items=None):
    values = {"item": item, "quantity": "1", "amount": "6000", "reason": reason, "category": category}
    if items is not None:
        values["items"] = items
    return workflow.submit(office, who, "purchase_request", values)


def found(office, query, me="admin"):
    return [hit.number for hit in search.find(office, me, query).hits]


def test_chinese_words_of_one_two_and_three_characters_are_found(office):
    contract = gr(office, subject="合同盖章", details="采购合同需要盖章")
    claim = gr(office, subject="差旅报销", details="上海出差")
    other = gr(office, subject="Printer paper")
    assert found(office, "合同") == [contract]
    assert found(office, "报销") == [claim]
    assert found(office, "章") == [contract]
    assert found(office, "盖章") == [contract]
    assert found(office, "采购合同") == [contract]
    assert found(office, "上海出差") == [claim]
    assert other not in found(office, "纸")


def test_english_words_numbers_and_mixed_text_are_found(office):
    laptop = pr(office, item="ThinkPad X1 笔记本", reason="New starter in sales")
    paper = gr(office, subject="Printer paper")
    assert found(office, "thinkpad") == [laptop]
    assert found(office, "X1 笔记本") == [laptop]
    assert found(office, "X1笔记本") == []
    assert found(office, "Pad X1 笔记") == [laptop]
    assert found(office, paper) == [paper]
    assert found(office, paper.lower()) == [paper]
    assert sorted(found(office, "2026-0001")) == [paper, laptop]
    assert found(office, "starter printer") == []


def test_choices_are_found_by_their_label_in_both_languages_and_line_items_by_their_text(office):
    number = pr(office, category="equipment", items=[{"name": "示波器", "spec": "Tek MDO34", "qty": "1", "price": "6000"}])
    assert found(office, "仪器设备") == [number]
    assert found(office, "Equipment") == [number]
    assert found(office, "示波器") == [number]
    assert found(office, "MDO34") == [number]


def test_people_are_found_by_name_login_and_pinyin(office):
    mine = gr(office, who="zhouqiang", subject="Visitor badges")
    gr(office, who="emily", subject="Desk lamp")
    assert found(office, "周强") == [mine]
    assert found(office, "zhouqiang") == [mine]
    assert found(office, "zq") == [mine]
    assert found(office, "by:zhouqiang") == [mine]
    assert found(office, "by:周强") == [mine]
    assert found(office, "by:zhouq") == [mine]
    hit = search.find(office, "admin", "zq").hits[0]
    assert hit.excerpt[slice(*hit.spans[0])] == "周强"


def test_filters_narrow_by_form_status_department_and_date(office):
    paper = gr(office, subject="Printer paper")
    laptop = pr(office, item="Laptop printer")
    act(office, "zhaolei", "approve", paper, comment="同意")
    assert found(office, "printer form:purchase_request") == [laptop]
    assert found(office, "printer status:approved") == [paper]
    assert found(office, "dept:sales printer") == [laptop, paper]
    assert found(office, "dept:销售部 form:general_request") == [paper]
    assert found(office, "printer from:2026-11-24") == []
    assert found(office, "printer to:2026-11-23") == [laptop, paper]


def test_matched_text_is_highlighted_in_its_line(office):
    gr(office, subject="Visitor badges", details="二十张访客证，下周一用")
    hit = search.find(office, "admin", "访客").hits[0]
    assert hit.excerpt == "二十张访客证，下周一用"
    assert [hit.excerpt[a:b] for a, b in hit.spans] == ["访客"]


def test_the_index_follows_return_edit_and_withdraw(office):
    number = gr(office, subject="Archive boxes", details="for last year")
    act(office, "zhaolei", "return", number, to="initiator", comment="请补充数量")
    assert found(office, "补充数量") == [number]
    workflow.submit(office, "emily", "general_request", {"subject": "Storage crates", "details": "20 crates"},
                    number=number)
    assert found(office, "Archive boxes") == []
    assert found(office, "crates") == [number]
    assert found(office, "补充数量") == [number]  # the opinion stays in its history
    act(office, "emily", "withdraw", number)
    assert found(office, "crates status:withdrawn") == [number]


def test_a_failed_change_leaves_the_index_as_it_was(office):
    number = gr(office, subject="Archive boxes")
    with pytest.raises(OfficeError):
        act(office, "zhaolei", "reject", number, comment="")
    assert found(office, "Archive boxes") == [number]


@pytest.mark.parametrize("query, code", [
    ("合同\x1b[2J", "search_control"),
    ("x" * 201, "search_too_long"),
    (12, "search_not_text"),
    ("from:yesterday", "search_bad_date"),
    ("by:nobody_here", "search_no_person"),
    ("dept:nowhere", "search_no_department"),
    (" ".join(f"w{i}" for i in range(9)), "search_too_many_words"),
])
def test_a_bad_query_is_refused_with_one_clear_reason(office, query, code):
    with pytest.raises(ValidationError) as err:
        search.find(office, "admin", query)
    assert err.value.code == code
    assert "\n" not in str(err.value)


def test_quotes_and_operators_in_a_query_are_plain_text(office):
    number = gr(office, subject='The "A/B" test OR NOT', details="50% off_site")
    assert found(office, '"A/B"') == [number]
    assert found(office, "OR NOT") == [number]
    assert found(office, "50%") == [number]
    assert found(office, "off_site") == [number]
    assert found(office, "AND") == []
