"""The powers staff screens, with data on them, read no English (the admin-wide walk runs on a
county without powers, so it never opens a power's or a penalty case's page)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opencounty.core.models import CalendarYear
from opencounty.core.tests.admin_text import english_in, read_screen
from opencounty.powers import actions, penalty_actions
from opencounty.powers.tests.people import draft_power, officer, penalty_case, reviewer

pytestmark = pytest.mark.django_db


def english(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return [text for text in read_screen(response.content.decode()).texts if english_in(text)]


def test_every_powers_screen_is_chinese(client):
    today = timezone.localdate()
    for year in (today.year - 1, today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    writer, checker = officer("D01"), reviewer("D01")
    power = draft_power(writer, "D01", code="QL-ZH-001")
    actions.submit_for_review(power, writer, reason="首次公布")
    actions.approve(power, checker)
    case = penalty_case(writer, "D01", registered_on=today - timedelta(days=3), power=power).case
    penalty_actions.investigate(case, writer, evidence="笔录")
    client.force_login(checker)
    for url in (
        "/admin/powers/",
        "/admin/powers/new/",
        f"/admin/powers/{power.pk}/",
        f"/admin/powers/{power.pk}/edit/",
        "/admin/powers/penalties/new/",
        "/admin/powers/publicity/",
        "/admin/penalty-cases/",
        f"/admin/penalty-cases/{case.pk}/",
    ):
        assert english(client, url) == [], url
