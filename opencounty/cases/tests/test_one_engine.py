"""One engine for every kind: who may act comes from the kind's permission hook, the colour
rule reads CASE_WARNING_DAYS, the staff screens read the holiday table once, and nothing
outside the engine writes a case's own fields."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opencounty.cases import actions, clock, kinds
from opencounty.cases.models import Case
from opencounty.core.models import Unit
from opencounty.disclosure import actions as disclosure
from opencounty.disclosure.tests.test_disclosure_requests import apply
from opencounty.interaction.letters import actions as letters

ENGINE_FIELDS = (
    "state|unit|unit_id|assignee|assignee_id|clock_started_on|clock_started_at|time_limit|due_on|due_at|due_provisional"
    "|reply|replied_at|closed_at|rating|is_public"
)
WRITE = re.compile(
    rf"\bcase\.({ENGINE_FIELDS})\s*=[^=]|ClockPause\.objects\.create|Extension\.objects\.create"
)


def test_nothing_outside_the_engine_writes_a_cases_own_fields():
    root = Path(__file__).resolve().parents[2]
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in root.rglob("*.py")
        if not {"cases", "tests", "migrations", "demo"} & set(path.relative_to(root).parts)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WRITE.search(line)
    ]
    assert offenders == []


@pytest.mark.django_db
def test_officers_are_not_offered_what_only_the_reviewer_may_do(
    client, chengguan_officer, chengguan_reviewer
):
    request, _ = apply()
    case = disclosure.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    assert 'data-verb="reply"' in page and 'data-verb="extend"' not in page
    client.force_login(chengguan_reviewer)
    page = client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    assert 'data-verb="extend"' in page
    assert actions.may_act(chengguan_reviewer, case, "extend")
    assert not actions.may_act(chengguan_officer, case, "extend")


@pytest.mark.django_db
def test_the_drafter_is_not_offered_the_approval_of_their_own_reply(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, _ = letters.submit_letter(
        letter_kind="consultation",
        addressed_to=None,
        title="路灯不亮",
        content="青石镇新村路灯坏了。",
        name="来信人",
        phone="13700001111",
    )
    case = letters.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/letters/{case.pk}/").content.decode()
    assert 'data-verb="route"' not in page, "only the dispatchers route"
    letters.draft_reply(case, chengguan_reviewer, text="已安排维修。")
    client.force_login(chengguan_reviewer)
    page = client.get(f"/admin/letters/{case.pk}/").content.decode()
    assert 'data-verb="return_draft"' in page and 'data-verb="approve_reply"' not in page
    client.force_login(chengguan_officer)
    page = client.get(f"/admin/letters/{case.pk}/").content.decode()
    assert 'data-verb="approve_reply"' not in page and 'data-verb="return_draft"' not in page


@pytest.mark.django_db
def test_the_warning_window_is_the_setting_for_every_kind(settings, chengguan_officer):
    request, _ = apply()
    case = disclosure.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    assert case.due_on == date(2026, 10, 26)
    settings.CASE_WARNING_DAYS = 5
    settings.CASE_WARNING_MINUTES = 30
    for kind in kinds.all_kinds():
        if kind.warning_days is None:
            # A minute clock's window is the minutes setting (a 专报, an incident report).
            assert kind.warning_window == (30 if kind.counts_minutes else 5), kind.code
    assert clock.warning_level(case, date(2026, 10, 16)) is None  # 6 working days left
    assert clock.warning_level(case, date(2026, 10, 19)) == "yellow"  # 5 left
    settings.CASE_WARNING_DAYS = 2
    assert clock.warning_level(case, date(2026, 10, 19)) is None


@pytest.mark.django_db
def test_the_inbox_reads_the_holiday_table_once_however_many_cases(client, chengguan_officer):
    client.force_login(chengguan_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/disclosure-requests/").status_code == 200
        return len(captured)

    for n in range(2):
        disclosure.register(
            apply(id_number=f"11010119900307{n:04d}")[0].case,
            chengguan_officer,
            on=date(2026, 9, 21),
        )
    few = queries()
    for n in range(2, 8):
        disclosure.register(
            apply(id_number=f"11010119900307{n:04d}")[0].case,
            chengguan_officer,
            on=date(2026, 9, 21),
        )
    assert queries() == few


@pytest.mark.django_db
def test_the_inbox_shows_overdue_in_a_colour_a_person_can_see(client, chengguan_officer):
    request, _ = apply()
    case = disclosure.register(request.case, chengguan_officer, on=date(2026, 1, 5))
    assert Case.objects.get(pk=case.pk).due_on < date(2026, 11, 1)
    with time_machine.travel(datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("Asia/Shanghai"))):
        client.force_login(chengguan_officer)
        inbox = client.get("/admin/disclosure-requests/").content.decode()
    assert 'class="case-warning case-warning--red">已超期' in inbox
    css = client.get("/static/cases/admin.css")
    assert css.status_code == 200
    assert "background: #b3261e" in b"".join(css.streaming_content).decode()
