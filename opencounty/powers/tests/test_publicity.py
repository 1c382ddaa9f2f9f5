"""双公示: a decided penalty is published with personal data masked, shown for its publicity
period and withdrawn after it; the staff desk shows decisions late to publish in red."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from opencounty.cases.actions import IllegalTransition
from opencounty.core import calendar
from opencounty.core.models import CalendarYear
from opencounty.powers import penalty_actions as actions
from opencounty.powers.models import Publication
from opencounty.powers.tests.people import officer, penalty_case

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def covered_years():
    today = timezone.localdate()
    for year in range(2025, today.year + 5):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})


def decided(staff, *, on: date, person: bool = True):
    case = penalty_case(
        staff,
        "D01",
        registered_on=on - timedelta(days=20),
        person=person,
        party="张三丰" if person else "示范县某某餐饮有限公司",
    ).case
    actions.investigate(case, staff, evidence="笔录")
    actions.notify_party(case, staff, notice="告知", on=on - timedelta(days=5))
    return actions.decide(
        case,
        staff,
        decision_number="示市监罚〔2026〕7号",
        decision="张三丰（身份证号110101199003077774，电话13812345678）无证经营，罚款二千元。",
        basis="《食品安全法》第一百二十二条",
        fine=Decimal("2000"),
        on=on,
    )


def test_a_published_decision_hides_the_persons_name_id_number_and_phone(client):
    staff = officer("D01")
    today = timezone.localdate()
    case = decided(staff, on=today - timedelta(days=1))
    actions.publish(case, staff, on=today)
    entry = Publication.objects.get(case=case)
    page = client.get("/powers/publicity/").content.decode()
    assert entry.party == "张**"
    for secret in ("张三丰", "110101199003077774", "13812345678"):
        assert secret not in page and secret not in entry.content
    assert "张**" in page and "罚款二千元" in page and "示市监罚〔2026〕7号" in page


def test_an_organisation_keeps_its_name():
    staff = officer("D01")
    today = timezone.localdate()
    case = decided(staff, on=today - timedelta(days=1), person=False)
    actions.publish(case, staff, on=today)
    assert Publication.objects.get(case=case).party == "示范县某某餐饮有限公司"


def test_an_entry_is_withdrawn_after_its_publicity_period(client, settings):
    settings.POWERS_PUBLICITY_DAYS = {"penalty": 30, "licensing": 30}
    staff = officer("D01")
    today = timezone.localdate()
    case = decided(staff, on=today - timedelta(days=1))
    actions.publish(case, staff, on=today)
    assert Publication.objects.get(case=case).expires_on == today + timedelta(days=30)
    assert (
        "示市监罚〔2026〕7号" in client.get("/powers/publicity/?category=penalty").content.decode()
    )
    with time_machine.travel(today + timedelta(days=31)):
        client.get("/")  # a new day
        from opencounty.portal.cache import invalidate_pages

        invalidate_pages()
        assert "示市监罚〔2026〕7号" not in client.get("/powers/publicity/").content.decode()


def test_it_cannot_be_published_twice_or_before_the_decision():
    staff = officer("D01")
    today = timezone.localdate()
    case = decided(staff, on=today - timedelta(days=1))
    with pytest.raises(IllegalTransition, match="早于决定日期"):
        actions.publish(case, staff, on=today - timedelta(days=2))
    actions.publish(case, staff, on=today)
    with pytest.raises(IllegalTransition, match="已经公示"):
        actions.publish(case, staff, on=today)


def test_the_desk_shows_a_late_decision_in_red_and_publishes_it_with_one_verb(client):
    staff = officer("D01")
    today = timezone.localdate()
    decided_on = today - timedelta(days=30)
    case = decided(staff, on=decided_on)
    assert today > calendar.add_working_days(decided_on, 7)
    client.force_login(staff)
    desk = client.get(reverse("powers_admin:publicity")).content.decode()
    assert case.receipt_number in desk and "逾期未公示" in desk
    assert client.post(reverse("powers_admin:publicity"), {"case": case.pk}).status_code == 302
    assert Publication.objects.filter(case=case, published_on=today).exists()
    desk = client.get(reverse("powers_admin:publicity")).content.decode()
    assert "逾期未公示" not in desk


def test_another_unit_cannot_publish_through_the_desk(client):
    staff = officer("D01")
    case = decided(staff, on=timezone.localdate() - timedelta(days=1))
    client.force_login(officer("T01"))
    assert client.post(reverse("powers_admin:publicity"), {"case": case.pk}).status_code == 404
    assert client.post(reverse("powers_admin:publicity"), {"case": "abc"}).status_code == 404
    assert not Publication.objects.filter(case=case).exists()
