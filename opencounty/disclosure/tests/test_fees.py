from decimal import Decimal

import pytest
from django.utils import timezone

from opencounty.core.crypto import blind_index
from opencounty.disclosure.fees import (
    fee_for_nth_request,
    fee_for_pages,
    quote_for_nth_request,
    requests_this_month,
)
from opencounty.disclosure.tests.test_disclosure_requests import ID_NUMBER, apply


def test_the_first_ten_requests_a_month_are_free_then_the_tiers_apply():
    assert [fee_for_nth_request(n) for n in (1, 10)] == [0, 0]
    assert [fee_for_nth_request(n) for n in (11, 30)] == [100, 100]
    assert [fee_for_nth_request(n) for n in (31, 40)] == [200, 200]
    assert [fee_for_nth_request(n) for n in (41, 50, 51)] == [300, 300, 400]


def test_pages_are_charged_by_band():
    assert fee_for_pages(30) == 0
    assert fee_for_pages(31) == Decimal(10)
    assert fee_for_pages(100) == Decimal(700)
    assert fee_for_pages(150) == Decimal(700 + 50 * 20)
    assert fee_for_pages(250) == Decimal(700 + 2000 + 50 * 40)


@pytest.mark.django_db
def test_requests_are_counted_per_applicant_and_month():
    for i in range(3):
        apply(description=f"第{i}项")
    apply(id_number="110101198805052222")
    assert requests_this_month(blind_index(ID_NUMBER), timezone.localdate()) == 3


def test_the_quote_names_the_tier_the_request_falls_in():
    assert quote_for_nth_request(10).tier == "本月第10件，每月10件以内不收费"
    assert quote_for_nth_request(30).tier == "本月第30件，适用第11—30件每件100元的标准"
    assert quote_for_nth_request(31).tier == "本月第31件，适用第31—40件每件200元的标准"
    assert quote_for_nth_request(50).tier == "本月第50件，适用第41—50件每件300元的标准"
