"""The demo's documents: drafts waiting for 核稿 and 签发; deliveries signed for, 拟办, 批办,
returned, finished, late (red) and due today (yellow), whatever day the demo is built on,
including a Sunday and the Spring Festival."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from conftest import persona
from opencounty.accounts.models import StaffProfile
from opencounty.cases import clock
from opencounty.core.calendar import WorkCalendar
from opencounty.core.models import Role, Unit
from opencounty.demo.officedocs import RECEIVERS, build_documents
from opencounty.officedocs import tracking
from opencounty.officedocs.models import Delivery, OfficialDocument
from opencounty.services.models import OutboundSMS


def item_colour(item, today, work_calendar) -> str | None:
    remaining = work_calendar.working_days_between(today, item.due_on)
    return clock.level(remaining, item.warning_days)


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["2026-11-30", "2026-12-20", "2027-02-10"])
def test_the_demo_has_documents_in_every_state_and_colour(day):
    persona("county_officer", "000", Role.INFORMATION_OFFICER)
    persona("county_reviewer", "000", Role.REVIEWER)
    persona("county_admin", "000", Role.UNIT_ADMINISTRATOR)
    persona("chengguan_admin", "T01", Role.UNIT_ADMINISTRATOR)
    persona("chengguan_reviewer", "T01", Role.REVIEWER)
    for code, name in RECEIVERS[:4]:  # the small county's units
        persona(name, code, Role.INFORMATION_OFFICER)
    when = datetime.fromisoformat(day).replace(hour=15, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=False):
        today = timezone.localdate()
        assert build_documents(today) == 5
        work_calendar = WorkCalendar.load()
        levels, states = [], set()
        for delivery in Delivery.objects.select_related("document"):
            states.add(delivery.state)
            levels.append(tracking.level(delivery, delivery.document, today, work_calendar))
            assert delivery.document.sent_at <= timezone.now()
            assert delivery.signed_at is None or delivery.signed_at >= delivery.document.sent_at
        assert states == set(Delivery.State.values)
        assert "red" in levels and "yellow" in levels
        # The units late to sign for are on the supervision board, red and yellow too.
        board_colours = {
            item_colour(item, today, work_calendar)
            for item in tracking.unsigned_on_board(Unit.objects.all(), today)
        }
        assert {"red", "yellow"} <= board_colours
        drafts = OfficialDocument.objects.exclude(state=OfficialDocument.State.SENT)
        assert sorted(drafts.values_list("state", flat=True)) == ["checking", "signing"]
        assert OutboundSMS.objects.count() == 0 and StaffProfile.objects.count() == 4
        numbers = sorted(
            OfficialDocument.objects.exclude(number="").values_list("serial", flat=True)
        )
        assert numbers == [1, 2, 3]
        assert build_documents(today) == 0, "a second build adds nothing"
