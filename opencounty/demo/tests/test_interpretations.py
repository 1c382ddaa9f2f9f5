"""The demo pairs each interpretation with a policy document of its own site."""

from datetime import UTC, datetime

import pytest

from opencounty.demo.interpretations import link_interpretations
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import county_column, published_article

pytestmark = pytest.mark.django_db


def at(day: int) -> datetime:
    return datetime(2099, 1, day, 2, tzinfo=UTC)  # after anything the demo publishes


def test_an_interpretation_explains_the_newest_policy_published_before_it():
    policies = county_column("policies")
    older = published_article(policies, "示范县二〇九九年甲办法", at(2))
    newer = published_article(policies, "示范县二〇九九年乙办法", at(10))
    interpretations = county_column("interpretations")
    between = published_article(interpretations, "解读一", at(5))
    after = published_article(interpretations, "解读二", at(12))
    assert link_interpretations([between.pk, after.pk]) == 2
    between, after = ArticlePage.objects.get(pk=between.pk), ArticlePage.objects.get(pk=after.pk)
    assert between.interprets == older and between.title == "《示范县二〇九九年甲办法》政策解读"
    assert after.interprets == newer and after.title == "一图读懂《示范县二〇九九年乙办法》"


def test_an_interpretation_already_linked_by_an_editor_is_left_alone():
    policy = published_article(county_column("policies"), "示范县某办法", at(2))
    own = published_article(
        county_column("interpretations"), "编辑写的解读", at(3), interprets=policy
    )
    assert link_interpretations([own.pk]) == 0
    assert ArticlePage.objects.get(pk=own.pk).title == "编辑写的解读"
