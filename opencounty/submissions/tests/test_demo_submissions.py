"""The demo's year of submissions, built under several "today"s on the test county."""

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.demo.submissions import build_submissions
from opencounty.submissions import scoring
from opencounty.submissions.models import Bulletin, BulletinIssue, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_people(db):
    for username, code, role in [
        ("chengguan_officer", "T01", Role.INFORMATION_OFFICER),
        ("chengguan_reviewer", "T01", Role.REVIEWER),
        ("jiaoyu_officer", "D02", Role.INFORMATION_OFFICER),
        ("jiaoyu_reviewer", "D02", Role.REVIEWER),
        ("qingshi_officer", "T02", Role.INFORMATION_OFFICER),
        ("qingshi_reviewer", "T02", Role.REVIEWER),
        ("office_dispatcher", "001", Role.INFORMATION_OFFICER),
        ("office_headline", "001", Role.HEADLINE_REVIEWER),
    ]:
        persona(username, code, role)


@pytest.mark.parametrize("today", [date(2027, 1, 1), date(2026, 6, 15), date(2029, 2, 28)])
def test_the_demo_has_a_year_of_work_on_any_date(demo_people, today):
    when = datetime(today.year, today.month, today.day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(when, tick=False):
        made = build_submissions(random.Random(1), today)
        assert made == Submission.objects.count()
        assert build_submissions(random.Random(1), today) == 0  # idempotent
        states = set(Submission.objects.values_list("state", flat=True))
        assert states == set(Submission.State.values)
        assert [s for s in Submission.objects.filter(category="special") if s.is_late]
        assert Submission.objects.filter(state="merged").count() == 1
        assert set(BulletinIssue.objects.values_list("bulletin", flat=True)) == set(Bulletin.values)
        waiting = BulletinIssue.objects.get(state=BulletinIssue.State.DRAFT)
        assert waiting.issued_on == today and waiting.items.count() == 2
        month = scoring.unit_scores(scoring.period("month", today.year, today.month))
        assert month[0].points > 0 and month[-1].points == 0  # never an empty month
        names = dict(Unit.objects.values_list("pk", "code"))
        ranks = {
            names[s.key]: s.rank for s in scoring.unit_scores(scoring.period("year", today.year))
        }
        assert ranks["T01"] == 1  # a clear leader
        last_twelve_months = [
            scoring.unit_scores(scoring.period("year", year))[0]
            for year in (today.year - 1, today.year)
        ]
        assert max(s.points for s in last_twelve_months) > 30
        assert sum(s.upward + s.instructions for s in last_twelve_months) >= 3
