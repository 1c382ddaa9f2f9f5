"""好差评: the applicant rates on four counts; a bad rating opens a rectification for the
department, fed back to the applicant, who may appeal once; ratings published monthly;
licensing results published with the applicant masked."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from conftest import persona
from opencounty.cases.actions import IllegalTransition
from opencounty.cases.models import Case
from opencounty.core.calendar import working_days_between
from opencounty.core.models import Role
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services.models import Application, Rectification
from opencounty.services.publication import monthly_ratings
from opencounty.services.tests.helpers import apply_for, live_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return persona("d01_officer", "D01", Role.INFORMATION_OFFICER)


def completed(item, officer, **applicant) -> Case:
    case, _code = apply_for(item, **applicant)
    case = actions.accept(case, officer)
    return actions.approve(case, officer, document_number="JY1330000001")


def rate(case, overall, others=4, comment=""):
    return actions.rate(
        case, overall=overall, efficiency=others, guide=others, convenience=others, comment=comment
    )


def test_a_completed_application_is_rated_on_four_counts_once(officer):
    case = completed(live_item(), officer)
    with pytest.raises(IllegalTransition, match="1 至 5"):
        rate(case, 6)
    case = rate(case, 5, others=4, comment="很快")
    application = Application.objects.get(case=case)
    assert (application.overall_rating, application.efficiency_rating) == (5, 4)
    assert (application.guide_rating, application.convenience_rating) == (4, 4)
    assert case.state == k.CLOSED and case.rating == 5
    assert not Rectification.objects.exists()
    with pytest.raises(IllegalTransition):
        rate(case, 1)


def test_an_application_still_in_progress_cannot_be_rated(officer):
    case, _code = apply_for(live_item())
    with pytest.raises(IllegalTransition):
        rate(case, 5)


@pytest.mark.parametrize("overall", [1, 2])
def test_a_bad_rating_opens_a_rectification_for_the_department_due_in_5_working_days(
    officer, overall
):
    case = completed(live_item(), officer)
    rate(case, overall, others=3, comment="窗口让我跑了三次")
    rectification = Rectification.objects.get(application__case=case)
    fix = rectification.case
    assert fix.kind == k.RECTIFICATION.code and fix.state == k.OPEN
    assert fix.unit.code == "D01" and case.receipt_number in fix.title
    assert fix.clock_started_on == timezone.localdate() and fix.time_limit == 5
    assert working_days_between(fix.clock_started_on, fix.due_on) == 5


def test_a_rectification_opened_before_national_day_is_due_after_the_holiday(officer):
    case = completed(live_item(), officer)
    # 5 working days after Wednesday 30 September 2026: 8, 9, 10 (a make-up Saturday),
    # 12 and 13 October.
    fix = actions.open_rectification(case.application, on=date(2026, 9, 30)).case
    assert fix.due_on == date(2026, 10, 13)


def test_the_rectification_limit_comes_from_the_setting(officer, settings):
    settings.SERVICE_RECTIFICATION_DAYS = 3
    case = completed(live_item(), officer)
    rate(case, 1)
    fix = Rectification.objects.get().case
    assert working_days_between(fix.clock_started_on, fix.due_on) == 3


def test_the_outcome_is_fed_back_and_the_applicant_may_appeal_once(officer):
    case = completed(live_item(), officer)
    rate(case, 1)
    fix = Rectification.objects.get().case
    with pytest.raises(IllegalTransition):
        actions.feed_back(fix, officer)  # nothing recorded yet
    with pytest.raises(IllegalTransition, match="整改情况"):
        actions.record_outcome(fix, officer, outcome="")
    fix = actions.record_outcome(fix, officer, outcome="已对窗口人员批评教育，实行一次告知制。")
    fix = actions.feed_back(fix, officer)
    assert fix.state == k.FED_BACK and fix.closed_at is not None
    assert fix.reply == "已对窗口人员批评教育，实行一次告知制。"

    fix = actions.appeal(fix, text="整改流于形式")
    assert fix.state == k.APPEALED and fix.closed_at is None
    assert fix.clock_started_on == timezone.localdate()
    assert fix.rectification.appeal == "整改流于形式"
    fix = actions.record_outcome(fix, officer, outcome="已调整窗口排班，增设帮办代办。")
    fix = actions.feed_back(fix, officer)
    with pytest.raises(IllegalTransition):
        actions.appeal(fix, text="还是不满意")
    assert Case.objects.get(pk=fix.pk).state == k.FED_BACK


def test_another_departments_staff_cannot_handle_the_rectification(officer):
    from django.core.exceptions import PermissionDenied

    case = completed(live_item(), officer)
    rate(case, 2)
    fix = Rectification.objects.get().case
    with pytest.raises(PermissionDenied):
        actions.record_outcome(
            fix, persona("d02_officer", "D02", Role.INFORMATION_OFFICER), outcome="与我无关"
        )


def test_ratings_are_published_per_department_and_month(client, officer):
    item = live_item()
    for overall in (5, 4, 1):
        rate(completed(item, officer), overall, others=3)
    other = live_item("D02", code="XK-201", title="建筑工程施工许可")
    other_officer = persona("d02_officer", "D02", Role.INFORMATION_OFFICER)
    rate(completed(other, other_officer), 5, others=5)
    month = timezone.localdate().replace(day=1)
    rows = {row["unit"]: row for row in monthly_ratings(month)}
    d01 = item.department.name
    assert rows[d01]["count"] == 3 and rows[d01]["overall"] == pytest.approx(3.33, abs=0.01)
    assert rows[d01]["bad"] == 1 and rows[d01]["efficiency"] == 3
    assert rows[other.department.name]["overall"] == 5
    last_month = (month - timedelta(days=1)).replace(day=1)
    assert monthly_ratings(last_month) == []

    html = client.get(f"/services/ratings/?month={month:%Y-%m}").content.decode()
    assert d01 in html and "3.33" in html
    html = client.get(f"/services/ratings/?month={last_month:%Y-%m}").content.decode()
    assert "本月暂无评价" in html


def test_licensing_results_are_published_with_the_applicant_masked(client, officer):
    licensing = live_item()
    completed(licensing, officer, name="王秀英")
    refused, _code = apply_for(licensing, name="欧阳小明")
    refused = actions.accept(refused, officer)
    actions.refuse(refused, officer, reasons="场所不符合要求")
    service = live_item(code="GG-001", title="就业登记", item_type="public_service")
    completed(service, officer, name="赵六一")
    html = client.get("/services/results/").content.decode()
    assert "<td>王**</td>" in html and "王秀英" not in html
    assert "<td>欧***</td>" in html and "欧阳小明" not in html
    assert "JY1330000001" in html and "准予" in html and "不予" in html
    assert "就业登记" not in html and "赵**" not in html


def test_a_clerk_without_a_unit_cannot_rate_or_decide_for_the_applicant(officer):
    case, _code = apply_for(live_item())
    nobody = get_user_model().objects.create_user(username="nobody", password="x")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.accept(case, nobody)
