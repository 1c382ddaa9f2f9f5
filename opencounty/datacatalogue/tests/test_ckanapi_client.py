"""The real ckanapi client (RemoteCKAN) against the live test server: it lists, searches and
shows the demo's open datasets, and reads CKAN's error envelope as its own exceptions."""

import ckanapi
import pytest

from opencounty.datacatalogue.models import Resource


@pytest.fixture
def ckan(live_server):
    return ckanapi.RemoteCKAN(live_server.url, user_agent="opencounty-tests")


@pytest.fixture
def county(transactional_db):
    """The live server reads committed rows: the small county, built again if a transactional
    test before this one emptied the tables (the build skips what exists)."""
    from conftest import build_small_county

    build_small_county()
    if not Resource.objects.exists():
        import random

        from django.utils import timezone

        from opencounty.demo import datacatalogue

        datacatalogue.build(random.Random(1), timezone.localdate())


def test_remoteckan_lists_searches_and_shows_the_open_datasets(county, ckan):
    names = ckan.action.package_list()
    schools = Resource.objects.get(name="学校名录")
    assert len(names) == 10 and schools.slug in names
    found = ckan.action.package_search(q="学校", fq=f"organization:{schools.unit.code.lower()}")
    assert found["count"] == 1 and found["results"][0]["name"] == schools.slug
    shown = ckan.action.package_show(id=schools.slug)
    assert shown["title"] == "学校名录" and shown["num_resources"] == 2
    assert {r["format"] for r in shown["resources"]} == {"CSV", "XLSX"}
    assert ckan.action.organization_show(id=schools.unit.code.lower())["package_count"] >= 1
    with pytest.raises(ckanapi.NotFound):
        ckan.action.package_show(id="no-such-dataset")
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_search(rows=-1)
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.package_search(fq="nonsense:(")
