"""双公示 of 行政许可: a licence granted through an online application is published on the
public list with the applicant's name masked; the desk shows it until then."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from opencounty.cases.actions import IllegalTransition
from opencounty.powers.licence_publicity import granted_unpublished, publish_licence
from opencounty.powers.models import Publication
from opencounty.powers.tests.people import officer
from opencounty.services import actions as services
from opencounty.services.tests.helpers import apply_for, live_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def granted():
    clerk = officer("D01")
    item = live_item("D01", code="XK-PUB-1")
    case, _code = apply_for(item)
    case = services.accept(case, clerk, on=timezone.localdate())
    services.approve(case, clerk, document_number="JY13300000000009")
    return case.application, clerk


def test_a_granted_licence_is_published_with_the_applicant_masked(client, granted):
    application, clerk = granted
    client.force_login(clerk)
    desk = client.get(reverse("powers_admin:publicity")).content.decode()
    assert application.case.receipt_number in desk
    client.post(reverse("powers_admin:publicity"), {"application": application.pk})
    entry = Publication.objects.get(case=application.case)
    assert entry.type == "licensing" and entry.party == "王**"
    page = client.get("/powers/publicity/?category=licensing").content.decode()
    assert "JY13300000000009" in page and "王秀英" not in page
    assert not granted_unpublished(clerk).exists()


def test_another_unit_cannot_publish_it_and_it_cannot_be_published_twice(granted):
    application, clerk = granted
    with pytest.raises(PermissionDenied):
        publish_licence(application, officer("T01"))
    publish_licence(application, clerk)
    with pytest.raises(IllegalTransition, match="已经公示"):
        publish_licence(application, clerk)
