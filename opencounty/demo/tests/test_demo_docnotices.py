"""The demo's staff notices (some read, one unread in the townships' 我的待办) and every unit's
page of the directory, whatever day the demo is built on."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from conftest import persona
from opencounty.core import todo
from opencounty.core.models import Role, Unit
from opencounty.demo.officedocs import build_notices_and_directory
from opencounty.officedocs import notices
from opencounty.officedocs.staff_models import DirectoryContact, DirectoryUnit, StaffNotice


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["2026-11-30", "2027-02-10"])
def test_the_demo_has_notices_with_receipts_and_a_directory_for_every_unit(day):
    persona("county_reviewer", "000", Role.REVIEWER)
    reader = persona("chengguan_officer", "T01", Role.INFORMATION_OFFICER)
    unread = persona("qingshi_officer", "T02", Role.INFORMATION_OFFICER)
    when = datetime.fromisoformat(day).replace(hour=15, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=False):
        today = timezone.localdate()
        build_notices_and_directory(today)
        units = Unit.objects.count()
        assert DirectoryUnit.objects.count() == units
        assert set(DirectoryContact.objects.values_list("unit", flat=True)) == set(
            Unit.objects.values_list("pk", flat=True)
        )
        duty, security = StaffNotice.objects.order_by("sent_at", "id")
        assert duty.recipients.count() == units and duty.attachments.count() == 1
        assert list(duty.receipts.values_list("user__username", flat=True)) == [reader.username]
        assert all(n.sent_at <= timezone.now() for n in (duty, security))
        assert notices.unread_for(reader).get() == security
        assert notices.unread_for(unread).count() == 2
        keys = [group.key for group in todo.groups_for(unread, today)]
        assert "officedocs_notices" in keys
        build_notices_and_directory(today)
        assert StaffNotice.objects.count() == 2 and DirectoryUnit.objects.count() == units
