"""Demo annual reports: last year's published for the county and 城关镇, this year's drafts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from opencounty.core.models import Unit
from opencounty.disclosure.models import AnnualReport
from opencounty.disclosure.report_actions import publish_report, save_report

OVERVIEW = (
    "{year}年，{unit}深入贯彻《中华人民共和国政府信息公开条例》，以政府网站政府信息公开专栏为第一平台，"
    "主动公开规范性文件、财政预决算、重大建设项目等信息，依法办理政府信息公开申请（演示数据）。"
)
PROBLEMS = "政策解读形式较为单一，部分栏目更新不够及时。下一步将加强培训，完善信息发布审核机制（演示数据）。"
# (unit code, officer, reviewer)
AUTHORS = [
    ("000", "county_officer", "county_reviewer"),
    ("T01", "chengguan_officer", "chengguan_reviewer"),
]


def build_reports(today: date) -> int:
    """Idempotent: units that already have reports are left alone. Returns reports made."""
    users = get_user_model().objects
    made = 0
    for code, officer_name, reviewer_name in AUTHORS:
        unit = Unit.objects.filter(code=code).first()
        officer = users.filter(username=officer_name).first()
        reviewer = users.filter(username=reviewer_name).first()
        if not (unit and officer and reviewer) or AnnualReport.objects.filter(unit=unit).exists():
            continue
        for year in (today.year - 1, today.year):
            report = save_report(
                unit,
                year,
                officer,
                overview=OVERVIEW.format(year=year, unit=unit.name),
                problems=PROBLEMS,
                other_matters="本年度未收取信息处理费以外的其他费用（演示数据）。",
                licensing_decisions=120 + 7 * len(code),
                penalty_decisions=18,
                compulsion_decisions=2,
                administrative_fees_10k_yuan=Decimal("3.50"),
                review_upheld=1,
                review_pending=1 if year == today.year else 0,
            )
            made += 1
            if year < today.year:
                publish_report(report, reviewer)
    return made
