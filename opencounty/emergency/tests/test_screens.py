"""The staff screens: a township reports an incident with a photo and sends a follow-up on the
engine's screen, the office sees it on the duty desk and exports 信息专报; rosters flag gaps;
each unit sees only its own; strange input is answered, never a 500."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from opencounty.cases.models import Case
from opencounty.core.models import CalendarDay, Unit
from opencounty.emergency import actions
from opencounty.emergency.models import DutyShift, EmergencyPlan, HandoverNote
from opencounty.emergency.tests.people import duty_officer, township_officer

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def moment(delta_minutes: int) -> str:
    return (timezone.localtime() + timedelta(minutes=delta_minutes)).strftime("%Y-%m-%dT%H:%M")


def report(client, unit: Unit, **extra):
    data = {
        "unit": unit.pk,
        "title": "城关镇化工厂火灾",
        "incident_type": "accident",
        "level": "4",
        "occurred_at": moment(-20),
        "place": "城关镇工业园",
        "phoned_at": moment(-10),
        "text": "厂房起火，消防已到场。",
        "measures": "疏散周边群众。",
        "deaths": "0",
        "injured": "2",
        "missing": "0",
        "photos": [SimpleUploadedFile("scene.png", PNG, content_type="image/png")],
    }
    return client.post("/admin/emergency/incidents/new/", data | extra)


def test_a_township_reports_and_the_office_sees_it_with_its_timer(client):
    chengguan = Unit.objects.get(code="T01")
    township = township_officer()
    client.force_login(township)
    form = client.get("/admin/emergency/incidents/new/").content.decode()
    assert "造成3人以下死亡" in form  # the levels' criteria are shown
    response = report(client, chengguan)
    assert response.status_code == 302
    case = Case.objects.get(kind="incident", title="城关镇化工厂火灾")
    detail = client.get(response["Location"]).content.decode()
    assert "厂房起火" in detail and "scene.png" in detail and "剩余" in detail

    photo = case.incident.reports.get().photos.get()
    assert client.get(f"/admin/emergency/incidents/photo/{photo.pk}/").status_code == 200

    posted = client.post(
        response["Location"],
        {
            "verb": "follow_up",
            "follow_up-text": "明火已扑灭。",
            "follow_up-measures": "",
            "follow_up-deaths": "0",
            "follow_up-injured": "3",
            "follow_up-missing": "0",
        },
    )
    assert posted.status_code == 302
    case.refresh_from_db()
    assert case.incident.reports.count() == 2 and case.incident.injured == 3
    more = SimpleUploadedFile(
        "later.jpg", b"\xff\xd8\xff" + b"\x00" * 32, content_type="image/jpeg"
    )
    client.post(f"/admin/emergency/incidents/{case.pk}/photos/", {"photos": [more]})
    latest = case.incident.reports.order_by("-reported_at", "-id").first()
    assert [p.file_name for p in latest.photos.all()] == ["later.jpg"]
    fake = SimpleUploadedFile("fake.jpg", b"MZ", content_type="image/jpeg")
    client.post(f"/admin/emergency/incidents/{case.pk}/photos/", {"photos": [fake]})
    assert latest.photos.count() == 1

    client.force_login(duty_officer())
    desk = client.get("/admin/emergency/").content.decode()
    assert "城关镇化工厂火灾" in desk and "剩余" in desk
    docx = client.get(f"/admin/emergency/incidents/{case.pk}/bulletin.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "信息专报" in text and "明火已扑灭" in text and "续报" in text


def test_another_township_sees_nothing_of_it(client):
    chengguan = Unit.objects.get(code="T01")
    client.force_login(township_officer())
    report(client, chengguan)
    case = Case.objects.get(kind="incident", title="城关镇化工厂火灾")
    photo = case.incident.reports.get().photos.get()

    client.force_login(township_officer("T02", "qs_duty"))
    assert "城关镇化工厂火灾" not in client.get("/admin/emergency/").content.decode()
    refused = client.get(f"/admin/incidents/{case.pk}/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's refusal
    assert client.get(f"/admin/emergency/incidents/{case.pk}/bulletin.docx").status_code == 404
    assert client.get(f"/admin/emergency/incidents/photo/{photo.pk}/").status_code == 404
    intruder = SimpleUploadedFile("x.png", PNG, content_type="image/png")
    posted = client.post(f"/admin/emergency/incidents/{case.pk}/photos/", {"photos": [intruder]})
    assert posted.status_code == 404 and photo.report.photos.count() == 1
    assert client.get(f"/admin/emergency/roster/?unit={chengguan.pk}").status_code == 404
    assert client.get(f"/admin/emergency/contacts/?unit={chengguan.pk}").status_code == 404
    assert client.get("/admin/emergency/warnings/new/")["Location"] == "/admin/"
    # Reporting for another unit is refused by the form (the unit is not offered).
    response = report(client, chengguan, title="冒名报送")
    assert response.status_code == 200 and not Case.objects.filter(title="冒名报送").exists()


def test_rosters_mark_holidays_and_flag_gaps_a_week_ahead(client):
    chengguan = Unit.objects.get(code="T01")
    township = township_officer()
    today = timezone.localdate()
    for offset in range(7):
        if offset != 3:
            actions.save_shift(
                township,
                unit=chengguan,
                day=today + timedelta(days=offset),
                leader_name="张镇长",
                staff_name="李值班",
                staff_phone="0000-1234567",
            )
    CalendarDay.objects.update_or_create(
        date=today + timedelta(days=1), defaults={"kind": "holiday", "name": "示范节"}
    )
    client.force_login(township)
    page = client.get(f"/admin/emergency/roster/?unit={chengguan.pk}").content.decode()
    assert "示范节" in page
    assert page.count('class="gap-row"') == 1
    gap_day = (today + timedelta(days=3)).isoformat()
    assert f'data-day="{gap_day}" class="gap-row"' in page

    desk = client.get("/admin/emergency/").content.decode()
    assert "李值班" in desk and f"城关镇 {gap_day}" in desk.replace("\n", "")

    posted = client.post(
        f"/admin/emergency/roster/?unit={chengguan.pk}",
        {
            "form": "shift",
            "unit": chengguan.pk,
            "day": gap_day,
            "staff_name": "王补位",
            "staff_phone": "13900000009",
        },
    )
    assert posted.status_code == 302
    assert DutyShift.objects.get(unit=chengguan, day=gap_day).staff_name == "王补位"
    client.post(
        "/admin/emergency/roster/",
        {"form": "note", "unit": chengguan.pk, "day": today.isoformat(), "text": "县道有积水。"},
    )
    assert HandoverNote.objects.get(unit=chengguan).text == "县道有积水。"


def test_contacts_and_plans_are_kept_per_unit(client):
    chengguan = Unit.objects.get(code="T01")
    client.force_login(township_officer())
    client.post(
        "/admin/emergency/contacts/",
        {
            "form": "contact",
            "unit": chengguan.pk,
            "name": "张镇长",
            "position": "镇长",
            "group": "leader",
            "mobile": "13900000001",
        },
    )
    assert chengguan.emergency_contacts.get().name == "张镇长"
    refused = client.post(
        "/admin/emergency/contacts/",
        {"form": "contact", "unit": chengguan.pk, "name": "x", "group": "leader", "mobile": "=1+1"},
    )
    assert "请填写正确的手机号码" in refused.content.decode()
    for note in ("初版", "修订"):
        pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
        client.post(
            "/admin/emergency/plans/",
            {"unit": chengguan.pk, "title": "城关镇防汛应急预案", "file": pdf, "note": note},
        )
    plan = EmergencyPlan.objects.get(unit=chengguan)
    assert [v.number for v in plan.versions.all()] == [2, 1]
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", content_type="application/pdf")
    page = client.post(
        "/admin/emergency/plans/", {"unit": chengguan.pk, "title": "假预案", "file": fake}
    )
    assert "格式不被接受" in page.content.decode()
    version = plan.versions.first()
    assert client.get(f"/admin/emergency/plans/file/{version.pk}/").status_code == 200
    client.force_login(township_officer("T02", "qs_duty"))
    assert client.get(f"/admin/emergency/plans/file/{version.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/admin/emergency/?x=%00",
        "/admin/emergency/roster/?unit=abc",
        "/admin/emergency/roster/?unit=999999",
        "/admin/emergency/roster/?start=2026-13-45",
        "/admin/emergency/roster/?start=%00",
        "/admin/emergency/contacts/?unit=-1",
        "/admin/emergency/plans/?unit=1e9",
        "/admin/emergency/warnings/999999/",
        "/admin/emergency/incidents/999999/bulletin.docx",
        "/emergency/warnings.json?x=%00",
        "/emergency/warnings.rss",
        "/emergency/warnings/?page=abc",
    ],
)
def test_strange_addresses_are_never_a_500(client, path):
    client.force_login(duty_officer())
    assert client.get(path).status_code in (200, 302, 403, 404)


def test_strange_posts_are_refused_in_chinese(client):
    client.force_login(duty_officer())
    chengguan = Unit.objects.get(code="T01")
    bad = report(client, chengguan, occurred_at="not a time", deaths="-1", level="9")
    assert bad.status_code == 200 and "有效" in bad.content.decode()
    future = report(client, chengguan, title="未来事件", occurred_at=moment(60), phoned_at="")
    assert future.status_code == 200 and "发生时间不能晚于当前时间" in future.content.decode()
    warning = client.post(
        "/admin/emergency/warnings/new/",
        {
            "kind": "rainstorm",
            "level": "purple",
            "area": "x",
            "text": "x",
            "valid_until": moment(-5),
        },
    )
    assert warning.status_code == 200
    assert "有效期必须晚于当前时间" in warning.content.decode()
    posted = client.post(
        "/admin/emergency/contacts/", {"form": "remove", "unit": chengguan.pk, "contact": "x"}
    )
    assert posted.status_code == 404
