"""The demo county's catalogue: 262 items of every type and kind, 26 windows, a few
incomplete drafts; the small test county holds its two departments' share."""

import random
from collections import Counter

import pytest
from wagtail.models import Page

from opencounty.demo.services import ITEM_COUNT, build_services, item_code, plan_items
from opencounty.portal.models import PortalHomePage
from opencounty.services.models import (
    EnterpriseTopic,
    ItemKind,
    ItemType,
    LifeEvent,
    ServiceItemPage,
    ServiceWindow,
)


def test_the_plan_has_262_items_of_every_type_and_kind_with_themes():
    plans = plan_items(random.Random("services-1"))
    assert len(plans) == ITEM_COUNT == 262
    assert len({item_code(p) for p in plans}) == 262
    assert {p.item_type for p in plans} == set(ItemType.values)
    kinds = Counter(p.kind for p in plans)
    assert set(kinds) == set(ItemKind.values) and kinds["joint"] >= 5
    assert all(1 <= len(p.partners) <= 2 for p in plans if p.kind == "joint")
    assert sum(p.incomplete for p in plans) == 5
    assert sum(p.online for p in plans) > 100
    assert {e for p in plans for e in p.life_events} == set(LifeEvent.values)
    assert {t for p in plans for t in p.topics} == set(EnterpriseTopic.values)
    assert len({p.department for p in plans}) == 43
    assert plans == plan_items(random.Random("services-1"))  # deterministic from the seed


@pytest.mark.django_db
def test_the_small_county_has_its_departments_items_26_windows_and_incomplete_drafts():
    plans = [p for p in plan_items(random.Random("services-1")) if p.department in ("D01", "D02")]
    demo = ServiceItemPage.objects.filter(code__startswith="SFX-")
    assert demo.count() == len(plans)
    assert ServiceWindow.objects.count() == 26
    assert ServiceWindow.objects.filter(departments__code="D01").exists()
    assert all(w.staff.count() == 2 for w in ServiceWindow.objects.all())
    drafts = [p for p in plans if p.incomplete]
    assert drafts and demo.not_live().count() == len(drafts)
    for item in demo.not_live():
        assert item.get_latest_revision_as_object().missing_elements()
    for item in demo.live():
        assert item.missing_elements() == [], item.code
        if item.online_application:
            assert 2 <= item.form_fields.count() <= 4
        if item.item_kind == "joint":
            assert 2 <= item.steps.filter(unit__isnull=False).count() <= 3
    assert build_services(1) == {"windows": 0, "live": 0, "drafts": 0}


@pytest.mark.django_db
def test_the_county_hall_takes_the_place_of_the_services_column_in_the_menu():
    home = PortalHomePage.objects.get()
    titles = [p.title for p in Page.objects.child_of(home).in_menu()]
    assert titles.index("办事服务") == titles.index("互动交流") - 1
    assert titles.count("办事服务") == 1
