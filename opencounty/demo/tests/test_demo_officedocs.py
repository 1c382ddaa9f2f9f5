"""The demo's documents: signed for, returned, finished, late (red) and due today (yellow),
whatever day the demo is built on, including a Sunday and the Spring Festival."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from conftest import persona
from opencounty.core.calendar import WorkCalendar
from opencounty.core.models import Role
from opencounty.demo.officedocs import RECEIVERS, build_documents
from opencounty.officedocs import tracking
from opencounty.officedocs.models import Delivery, OfficialDocument


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["2026-11-30", "2026-12-20", "2027-02-10"])
def test_the_demo_has_documents_in_every_state_and_colour(day):
    persona("county_officer", "000", Role.INFORMATION_OFFICER)
    persona("county_reviewer", "000", Role.REVIEWER)
    for code, name in RECEIVERS[:4]:  # the small county's units
        persona(name, code, Role.INFORMATION_OFFICER)
    when = datetime.fromisoformat(day).replace(hour=15, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=False):
        today = timezone.localdate()
        assert build_documents(today) == 4
        work_calendar = WorkCalendar.load()
        levels, states = [], set()
        for delivery in Delivery.objects.select_related("document"):
            states.add(delivery.state)
            levels.append(tracking.level(delivery, delivery.document, today, work_calendar))
            assert delivery.document.sent_at <= timezone.now()
            assert delivery.signed_at is None or delivery.signed_at >= delivery.document.sent_at
        assert states == set(Delivery.State.values)
        assert "red" in levels and "yellow" in levels
        assert OfficialDocument.objects.filter(state=OfficialDocument.State.DRAFT).count() == 1
        numbers = sorted(
            OfficialDocument.objects.exclude(number="").values_list("serial", flat=True)
        )
        assert numbers == [1, 2, 3]
        assert build_documents(today) == 0, "a second build adds nothing"
