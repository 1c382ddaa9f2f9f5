"""Personas and a resource built in code for the catalogue's tests."""

import pytest

from conftest import persona
from opencounty.core.models import Role, Unit
from opencounty.datacatalogue import actions
from opencounty.datacatalogue.actions import Item
from opencounty.datacatalogue.models import Resource

ITEMS = [Item("学校名称", "string", 10), Item("在校学生数", "integer"), Item("建校日期", "date")]
GOOD_CSV = (
    "学校名称,在校学生数,建校日期\n城关一小,1200,1950-09-01\n青石中学,860,1978-03-15\n".encode()
)


def resource_data(**changes) -> dict:
    data = {
        "name": "学校名录",
        "summary": "全县中小学校的名称、在校学生数和建校日期。",
        "classification": Resource.Classification.THEME,
        "format": Resource.Format.SPREADSHEET,
        "update_frequency": Resource.Frequency.YEARLY,
        "sharing": Resource.Sharing.UNCONDITIONAL,
        "sharing_condition": "",
        "sharing_basis": "",
        "opening": Resource.Opening.UNCONDITIONAL,
        "keywords": "教育，学校",
    }
    return data | changes


@pytest.fixture
def jiaoyu_officer(db):
    """An information officer of 县教育局 (D02)."""
    return persona("jy_officer", "D02", Role.INFORMATION_OFFICER)


@pytest.fixture
def jiaoyu_reviewer(db):
    """A reviewer of 县教育局 (D02)."""
    return persona("jy_reviewer", "D02", Role.REVIEWER)


@pytest.fixture
def education(db) -> Unit:
    return Unit.objects.get(code="D02")


@pytest.fixture
def draft(jiaoyu_officer, education) -> Resource:
    """A draft resource of 县教育局 with three data items."""
    return actions.save_resource(education, jiaoyu_officer, resource_data(), ITEMS)


def publish_open(resource, officer, reviewer, csv: bytes = GOOD_CSV) -> Resource:
    actions.upload_file(resource, officer, filename="学校名录.csv", data=csv)
    actions.submit_for_review(resource, officer)
    return actions.publish(resource, reviewer)


def conditional(officer, unit) -> Resource:
    """A 有条件共享 resource of `unit`, catalogued by `officer` (not yet published)."""
    return actions.save_resource(
        unit,
        officer,
        resource_data(
            name="学生学籍信息",
            classification=Resource.Classification.DEPARTMENT,
            sharing=Resource.Sharing.CONDITIONAL,
            sharing_condition="仅用于核验入学资格",
            sharing_basis="《政务信息资源共享管理暂行办法》",
            opening=Resource.Opening.NONE,
        ),
        ITEMS,
    )


@pytest.fixture
def demo_catalogue(db):
    """The demo's catalogue (the small test county builds no case phases): 60 resources, 10
    open datasets with files, sharing requests in every state; rolled back with the test."""
    import random

    from django.utils import timezone

    from opencounty.demo import datacatalogue

    datacatalogue.build(random.Random(1), timezone.localdate())
