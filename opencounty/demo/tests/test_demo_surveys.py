import random

import pytest
from django.utils import timezone

from opencounty.demo.surveys import SURVEYS, build_surveys
from opencounty.interaction.models import SurveyPage
from opencounty.interaction.models.surveys import CLOSED, OPEN
from opencounty.interaction.surveys.results import tally


@pytest.mark.django_db
def test_the_demo_has_two_closed_surveys_with_results_and_one_open_survey_once():
    assert build_surveys(random.Random(1), timezone.now()) == 3
    assert build_surveys(random.Random(1), timezone.now()) == 0
    surveys = {page.slug: page for page in SurveyPage.objects.all()}
    states = sorted(page.state() for page in surveys.values())
    assert states == [CLOSED, CLOSED, OPEN]
    for spec in SURVEYS:
        page = surveys[spec.slug]
        assert page.get_parent().slug == "interaction"
        results = tally(page)
        assert results.total == spec.answers
        assert all(
            q.answered == spec.answers
            for q, s in zip(results.questions, spec.questions, strict=True)
            if s.required
        )
        assert page.results_are_public() == (page.state() == CLOSED)
        times = page.get_submissions().values_list("submit_time", flat=True)
        assert all(page.opens_at <= t <= min(page.closes_at, timezone.now()) for t in times)
