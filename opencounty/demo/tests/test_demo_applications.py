"""The demo's online applications: every state, a 联办件 with parallel steps in mixed states,
rectifications of bad reviews, yellow and red marks, ratings in two months."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import persona
from opencounty.cases import clock
from opencounty.cases.models import Case
from opencounty.core.models import Role
from opencounty.demo.applications import build_applications
from opencounty.services import kinds as k
from opencounty.services.models import Application, ApplicationMaterial, ApplicationStep
from opencounty.services.publication import licensing_results, monthly_ratings

pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    persona("fagai_officer", "D01", Role.INFORMATION_OFFICER)
    persona("jiaoyu_officer", "D02", Role.INFORMATION_OFFICER)
    today = timezone.localdate()
    made = build_applications(random.Random(1), today)
    return made, today


def test_the_demo_applications_cover_every_state_and_are_built_once(built):
    made, today = built
    assert 30 <= made <= 40
    assert Application.objects.count() == made
    states = set(Case.objects.filter(kind=k.APPLICATION.code).values_list("state", flat=True))
    assert states == set(k.APPLICATION.states)
    assert build_applications(random.Random(1), today) == 0
    assert Application.objects.count() == made


def test_every_required_material_is_a_pdf(built):
    for application in Application.objects.all():
        required = application.item.materials.filter(required=True).count()
        uploaded = application.uploaded_materials.filter(supplement=False)
        assert uploaded.count() == required
        for material in uploaded:
            with material.file.open("rb") as handle:
                content = handle.read()
            assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")


def test_a_joint_application_has_parallel_steps_in_mixed_states(built):
    _made, today = built
    open_joint = Application.objects.get(item__item_kind="joint", case__state=k.ACCEPTED)
    steps = list(open_joint.steps.order_by("id"))
    assert len(steps) >= 2 and len({s.unit_id for s in steps}) == len(steps)
    assert steps[0].decision == ApplicationStep.Decision.APPROVED
    pending = [s for s in steps if not s.decision]
    assert pending and all(s.due_on < today for s in pending)
    decided = Application.objects.filter(item__item_kind="joint").exclude(pk=open_joint.pk)
    assert {a.result for a in decided} == {"approved", "not_approved"}


def test_supervision_sees_yellow_and_red_and_results_and_ratings_are_published(built):
    _made, today = built
    cases = Case.objects.filter(kind=k.APPLICATION.code)
    assert {"yellow", "red"} <= {clock.warning_level(case, today) for case in cases}
    assert len(licensing_results()) >= 5
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    for month in (this_month, last_month):
        assert monthly_ratings(month), month
    ratings = sorted(
        Application.objects.exclude(overall_rating=None).values_list("overall_rating", flat=True)
    )
    assert ratings == [1, 2, 3, 4, 5]


def test_bad_ratings_open_rectifications_one_fed_back_one_appealed(built):
    _made, _today = built
    states = sorted(Case.objects.filter(kind=k.RECTIFICATION.code).values_list("state", flat=True))
    assert states == sorted([k.FED_BACK, k.APPEALED])
    assert ApplicationMaterial.objects.filter(supplement=True).exists()
