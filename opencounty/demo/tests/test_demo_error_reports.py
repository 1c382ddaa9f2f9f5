import pytest
from django.utils import timezone

from conftest import persona
from opencounty.core.models import Role
from opencounty.demo.error_reports import build_error_reports
from opencounty.interaction.error_reports import kind as k
from opencounty.interaction.models import ErrorReport


@pytest.mark.django_db
def test_the_demo_has_error_reports_in_every_state_and_a_real_fixing_revision():
    persona("chengguan_officer", "T01", Role.INFORMATION_OFFICER)
    persona("chengguan_reviewer", "T01", Role.REVIEWER)
    persona("qingshi_officer", "T02", Role.INFORMATION_OFFICER)
    persona("office_headline", "001", Role.HEADLINE_REVIEWER)
    today = timezone.localdate()
    assert build_error_reports(today) >= len(k.ERROR_REPORT.states)
    states = set(ErrorReport.objects.values_list("case__state", flat=True))
    assert states == set(k.ERROR_REPORT.states)
    fixed = ErrorReport.objects.get(case__state=k.FIXED)
    assert fixed.fixed_revision is not None
    assert fixed.fixed_revision.object_id == str(fixed.page_id)
    assert fixed.fixed_revision.created_at > fixed.case.submitted_at
    assert fixed.page.live_revision_id == fixed.fixed_revision.pk
    assert ErrorReport.objects.filter(case__unit__code="T02", case__state=k.SUBMITTED).exists()
    assert ErrorReport.objects.filter(page__isnull=True, case__unit__kind="county_office").exists()
    assert build_error_reports(today) == 0, "a second build adds nothing"
