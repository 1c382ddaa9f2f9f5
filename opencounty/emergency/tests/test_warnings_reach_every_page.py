"""A public warning is a banner on every public page, the page cache on, and goes when it is
lifted or expires; its JSON and RSS feeds list what is active."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.emergency import actions
from opencounty.emergency.models import PublicWarning
from opencounty.emergency.tests.people import duty_officer, township_officer

pytestmark = pytest.mark.django_db(transaction=False)


def publish(officer, **extra) -> PublicWarning:
    data = {
        "kind": "rainstorm",
        "level": "yellow",
        "area": "示范县全境",
        "text": "预计未来6小时有大到暴雨，请注意防范。",
        "valid_until": timezone.now() + timedelta(hours=6),
    }
    return actions.publish_warning(officer, **(data | extra))


def banner_ids(html: str) -> list[str]:
    import re

    return re.findall(r'data-warning="(\d+)"', html)


def test_the_banner_appears_on_cached_pages_and_goes_when_lifted(
    client, django_capture_on_commit_callbacks
):
    officer = duty_officer()
    subsite = Unit.objects.get(code="T01").root_page.url
    for path in ("/", subsite):
        first = client.get(path)
        assert first.status_code == 200 and banner_ids(first.content.decode()) == []
        assert client.get(path)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        warning = publish(officer)
    for path in ("/", subsite):
        page = client.get(path)
        html = page.content.decode()
        assert banner_ids(html) == [str(warning.pk)], path
        assert "示范县全境暴雨黄色预警" in html and "warning-yellow" in html
        assert page["X-Page-Cache"] == "miss"
        assert client.get(path)["X-Page-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        actions.lift_warning(warning, officer)
    for path in ("/", subsite):
        assert banner_ids(client.get(path).content.decode()) == []


def test_an_expired_warning_leaves_cached_pages_without_a_publish(
    client, django_capture_on_commit_callbacks
):
    officer = duty_officer()
    with django_capture_on_commit_callbacks(execute=True):
        warning = publish(officer, valid_until=timezone.now() + timedelta(minutes=30))
    assert banner_ids(client.get("/").content.decode()) == [str(warning.pk)]
    assert client.get("/")["X-Page-Cache"] == "hit"
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        page = client.get("/")
        assert banner_ids(page.content.decode()) == []
        assert client.get("/emergency/warnings.json").json()["warnings"] == []


def test_the_page_etag_changes_with_the_banner(client, django_capture_on_commit_callbacks):
    officer = duty_officer()
    before = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=before).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        publish(officer)
    assert client.get("/", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_the_feeds_list_active_warnings_and_no_cache_keeps_them(
    client, django_capture_on_commit_callbacks
):
    officer = duty_officer()
    with django_capture_on_commit_callbacks(execute=True):
        red = publish(officer, level="red", kind="typhoon", area="青石镇")
        yellow = publish(officer)
        lifted = publish(officer, level="blue")
        actions.lift_warning(lifted, officer)

    response = client.get("/emergency/warnings.json")
    assert "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    assert [w["id"] for w in data["warnings"]] == [red.pk, yellow.pk]  # gravest first
    assert data["warnings"][0]["headline"] == "青石镇台风红色预警"
    assert not client.get("/emergency/warnings.json").has_header("X-Page-Cache")

    rss = client.get("/emergency/warnings.rss")
    assert rss.status_code == 200 and "no-cache" in rss["Cache-Control"]
    root = ET.fromstring(rss.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["青石镇台风红色预警", "示范县全境暴雨黄色预警"]

    page = client.get("/emergency/warnings/").content.decode()
    assert f'id="warning-{red.pk}"' in page and f'id="warning-{lifted.pk}"' not in page


def test_only_the_county_office_publishes_and_lifts(client):
    township = township_officer()
    with pytest.raises(PermissionDenied):
        publish(township)
    warning = publish(duty_officer())
    with pytest.raises(PermissionDenied):
        actions.lift_warning(warning, township)
    assert PublicWarning.objects.get(pk=warning.pk).lifted_at is None


def test_a_warning_already_expired_or_lifted_is_refused():
    officer = duty_officer()
    with pytest.raises(ValidationError):
        publish(officer, valid_until=timezone.now() - timedelta(minutes=1))
    warning = publish(officer)
    actions.lift_warning(warning, officer)
    with pytest.raises(ValidationError):
        actions.lift_warning(warning, officer)
