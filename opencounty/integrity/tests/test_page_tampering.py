"""网页防篡改 as the attack it stops: someone with database access changes a live article
without review; the check notices, puts the approved version back and tells the office."""

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import Revision

from conftest import persona
from opencounty.core.models import AuditEntry, Role
from opencounty.integrity.actions import check_pages
from opencounty.integrity.models import PageFingerprint, TamperIncident
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import act, column_of, draft_article, submit

APPROVED = "<p>城关镇今年完成农村公路改造十二公里。</p>"
FORGED = "<p>城关镇今年免除全部税费，请到镇政府领取补贴。</p>"


def sql(statement: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def security_admin(db):
    """The county office's security administrator, who is mailed about tampering."""
    user = persona("office_security", "001", Role.SECURITY_ADMINISTRATOR)
    user.email = "security@example.gov.cn"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def reviewed_article(chengguan_officer, chengguan_reviewer, django_capture_on_commit_callbacks):
    article = draft_article(column_of("T01"), chengguan_officer, "城关镇农村公路改造", APPROVED)
    submit(article, chengguan_officer)
    with django_capture_on_commit_callbacks(execute=True):
        act(article, chengguan_reviewer, "approve")
    article.refresh_from_db()
    assert article.live
    return article


@pytest.fixture
def county_checked(db):
    """The first check after installing: pages published before it get their baseline."""
    report = check_pages()
    assert report.incidents == []
    return report


def test_a_reviewed_publication_is_fingerprinted_with_its_revision(reviewed_article):
    recorded = PageFingerprint.objects.get(page_id=reviewed_article.pk)
    assert recorded.revision_id == reviewed_article.live_revision_id
    assert not recorded.baseline


def test_a_direct_database_edit_of_a_live_article_is_caught_restored_and_reported(
    client,
    reviewed_article,
    security_admin,
    county_checked,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sql(
        "UPDATE portal_articlepage SET body = %s WHERE page_ptr_id = %s",
        [FORGED, reviewed_article.pk],
    )
    assert "免除全部税费" in client.get(reviewed_article.url).content.decode()  # served as is

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(SystemExit) as exit_:
        call_command("check_pages")
    assert exit_.value.code == 2

    incident = TamperIncident.objects.get(page_id=reviewed_article.pk)
    assert incident.restored and incident.changed_fields == ["body"]
    assert incident.revision_id == reviewed_article.live_revision_id
    assert ArticlePage.objects.get(pk=reviewed_article.pk).body == APPROVED
    html = client.get(reviewed_article.url).content.decode()
    assert "农村公路改造十二公里" in html and "免除全部税费" not in html

    tampered = AuditEntry.objects.get(
        action="integrity.tampered", object_id=str(reviewed_article.pk)
    )
    assert tampered.outcome == "failure" and tampered.details["fields"] == ["body"]
    assert AuditEntry.objects.filter(
        action="integrity.restored", object_id=str(reviewed_article.pk)
    ).exists()

    [message] = [m for m in mailoutbox if "security@example.gov.cn" in m.to]
    assert "网页防篡改告警" in message.subject and "城关镇农村公路改造" in message.subject
    assert "已恢复为审核通过的版本" in message.body

    client.force_login(security_admin)
    dashboard = client.get("/admin/").content.decode()
    assert "网页篡改告警" in dashboard and "城关镇农村公路改造" in dashboard

    # The restored page is approved content again: the next check finds nothing.
    assert check_pages().incidents == []


def test_a_reviewed_change_is_not_flagged(
    reviewed_article, chengguan_officer, chengguan_reviewer, django_capture_on_commit_callbacks
):
    article = ArticlePage.objects.get(pk=reviewed_article.pk)
    article.body = "<p>更正：完成农村公路改造十三公里。</p>"
    article.save_revision(user=chengguan_officer)
    submit(article, chengguan_officer)
    with django_capture_on_commit_callbacks(execute=True):
        act(article, chengguan_reviewer, "approve")
    report = check_pages()
    assert report.incidents == []
    assert ArticlePage.objects.get(pk=article.pk).body == "<p>更正：完成农村公路改造十三公里。</p>"


def test_the_whole_county_checks_clean_twice(county_checked):
    assert county_checked.checked > 40 and county_checked.baselined == county_checked.checked
    again = check_pages()
    assert again.incidents == [] and again.baselined == 0
    assert again.checked == county_checked.checked


def test_a_page_published_before_the_check_existed_is_restored_from_its_baseline(
    county_checked, django_capture_on_commit_callbacks
):
    # The demo writes its articles with SQL of its own: no revision, a baseline snapshot.
    article = ArticlePage.objects.live().filter(live_revision__isnull=True).first()
    assert article is not None
    original = article.title
    sql("UPDATE wagtailcore_page SET title = %s WHERE id = %s", ["已被篡改的标题", article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        report = check_pages()
    [incident] = report.incidents
    assert incident.restored and incident.changed_fields == ["title"]
    assert ArticlePage.objects.get(pk=article.pk).title == original


def test_when_the_approved_revision_was_also_forged_nothing_is_restored_but_the_alarm_sounds(
    reviewed_article, security_admin, county_checked, mailoutbox, django_capture_on_commit_callbacks
):
    sql(
        "UPDATE portal_articlepage SET body = %s WHERE page_ptr_id = %s",
        [FORGED, reviewed_article.pk],
    )
    content = Revision.objects.get(pk=reviewed_article.live_revision_id).content
    content["body"] = FORGED
    Revision.objects.filter(pk=reviewed_article.live_revision_id).update(content=content)
    with django_capture_on_commit_callbacks(execute=True):
        [incident] = check_pages().incidents
    assert not incident.restored and "无法自动恢复" in incident.note
    assert ArticlePage.objects.get(pk=reviewed_article.pk).body == FORGED
    assert any("无法自动恢复" in m.body for m in mailoutbox)


def test_forging_the_fingerprint_table_does_not_hide_an_edit(reviewed_article, county_checked):
    """Without the audit key, a new fingerprint for the forged content cannot be made."""
    import hashlib

    sql(
        "UPDATE portal_articlepage SET body = %s WHERE page_ptr_id = %s",
        [FORGED, reviewed_article.pk],
    )
    forged = hashlib.sha256(FORGED.encode()).hexdigest()
    sql(
        "UPDATE integrity_pagefingerprint SET content_hash = %s WHERE page_id = %s",
        [forged, reviewed_article.pk],
    )
    [incident] = check_pages().incidents
    assert not incident.restored  # the approved revision no longer matches the fingerprint
