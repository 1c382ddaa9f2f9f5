"""Applications as staff and applicants see them: the inbox with colours, the handling
page with a form per legal verb, per-step forms for the step's department, and the
public lookup with steps, notice, result, rating and appeal."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import PASSWORD, persona
from opencounty.cases.models import Case
from opencounty.core.calendar import add_working_days
from opencounty.core.models import AuditEntry, Role
from opencounty.services import actions
from opencounty.services import kinds as k
from opencounty.services.models import Rectification
from opencounty.services.tests.helpers import PDF, apply_for, live_item

pytestmark = pytest.mark.django_db

JOINT_STEPS = [("市场监管审查", "D01", 3), ("消防安全审查", "D02", 8)]


def logged_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def lookup(client, case, code) -> str:
    return client.post(
        "/cases/lookup/", {"receipt_number": case.receipt_number, "query_code": code}
    ).content.decode()


def test_the_inbox_shows_due_dates_in_yellow_and_red(client):
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    item = live_item(promised_days=2)
    late, _code = apply_for(item)
    today = timezone.localdate()
    # Accepted long ago: overdue; accepted today with 2 working days: within the window.
    actions.accept(late, officer, on=today - timedelta(days=30))
    soon, _code = apply_for(item)
    actions.accept(soon, officer, on=today)
    waiting, _code = apply_for(item)
    html = logged_in(client, officer).get("/admin/applications/").content.decode()
    assert late.receipt_number in html and waiting.receipt_number in html
    assert 'data-warning="red"' in html and 'data-warning="yellow"' in html
    assert "已超期" in html and "即将到期" in html

    stranger = persona("t01_officer", "T01", Role.INFORMATION_OFFICER)
    client.logout()
    html = logged_in(client, stranger).get("/admin/applications/").content.decode()
    assert late.receipt_number not in html


def test_the_handling_page_offers_the_legal_verbs_and_performs_them(client):
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    case, _code = apply_for(live_item())
    staff = logged_in(client, officer)
    page = staff.get(f"/admin/applications/{case.pk}/").content.decode()
    for verb in ('data-verb="accept"', 'data-verb="notify_missing"', 'data-verb="reject"'):
        assert verb in page
    assert 'data-verb="approve"' not in page and "秀英小吃" in page
    material = case.application.uploaded_materials.get()
    download = staff.get(f"/admin/applications/materials/{material.pk}/")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert "no-store" in download["Cache-Control"]
    assert AuditEntry.objects.filter(action="application.material_read", actor=officer).exists()
    stranger = persona("t01_officer", "T01", Role.INFORMATION_OFFICER)
    staff.logout()
    logged_in(staff, stranger)
    for refused in (
        f"/admin/applications/materials/{material.pk}/",
        f"/admin/applications/{case.pk}/",
    ):
        response = staff.get(refused)  # Wagtail sends a refused user back to the dashboard
        assert response.status_code == 302 and response.url == "/admin/"
    staff.logout()
    logged_in(staff, officer)

    response = staff.post(
        f"/admin/applications/{case.pk}/", {"verb": "reject", "reject-reasons": ""}
    )
    assert (
        "这个字段是必填项" in response.content.decode() or "必需字段" in response.content.decode()
    )
    assert Case.objects.get(pk=case.pk).state == k.SUBMITTED
    staff.post(f"/admin/applications/{case.pk}/", {"verb": "accept"})
    assert Case.objects.get(pk=case.pk).state == k.ACCEPTED


def test_the_steps_of_a_joint_item_show_their_own_due_dates_and_forms_for_their_department(
    client,
):
    d01 = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    d02 = persona("d02_officer", "D02", Role.INFORMATION_OFFICER)
    item = live_item(code="LB-001", item_kind="joint", steps=JOINT_STEPS)
    case, _code = apply_for(item)
    case = actions.accept(case, d01)
    steps = {s.unit.code: s for s in case.application.steps.all()}
    today = timezone.localdate()
    html = logged_in(client, d02).get(f"/admin/applications/{case.pk}/").content.decode()
    assert add_working_days(today, 3).strftime("%Y-%m-%d") in html
    assert add_working_days(today, 8).strftime("%Y-%m-%d") in html
    assert f'data-verb="approve_step-{steps["D02"].pk}"' in html
    assert f'data-verb="approve_step-{steps["D01"].pk}"' not in html
    assert 'data-verb="accept"' not in html  # D02 is not the item's window

    client.post(
        f"/admin/applications/{case.pk}/",
        {
            "verb": f"approve_step-{steps['D01'].pk}",
            f"approve_step-{steps['D01'].pk}-document_number": "",
        },
    )
    steps["D01"].refresh_from_db()
    assert steps["D01"].decision == ""  # D02 cannot decide D01's step
    client.post(
        f"/admin/applications/{case.pk}/",
        {
            "verb": f"refuse_step-{steps['D02'].pk}",
            f"refuse_step-{steps['D02'].pk}-reasons": "消防通道不足",
        },
    )
    steps["D02"].refresh_from_db()
    assert steps["D02"].decision == "refused"


def test_the_applicant_follows_the_notice_supplements_sees_the_result_and_rates(client):
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    case, code = apply_for(live_item())
    actions.notify_missing(case, officer, missing="请补充营业场所照片")
    html = lookup(client, case, code)
    assert "一次性告知补正" in html and "请补充营业场所照片" in html and "提交补正" in html
    response = client.post(
        "/services/supplement/",
        {
            "receipt_number": case.receipt_number,
            "query_code": code,
            "note": "已补充",
            "files": [SimpleUploadedFile("照片.pdf", PDF)],
        },
    )
    assert "补正材料已提交" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == k.SUBMITTED

    case = actions.accept(Case.objects.get(pk=case.pk), officer)
    case = actions.refuse(case, officer, reasons="场所面积不足")
    html = lookup(client, case, code)
    assert "办结：不予" in html and "场所面积不足" in html and "提交评价" in html
    wrong = client.post(
        "/services/evaluate/",
        {"receipt_number": case.receipt_number, "query_code": "WRONGCODE"}
        | dict.fromkeys(["overall", "efficiency", "guide", "convenience"], "5"),
    )
    assert wrong.status_code == 403
    response = client.post(
        "/services/evaluate/",
        {
            "receipt_number": case.receipt_number,
            "query_code": code,
            "overall": "1",
            "efficiency": "2",
            "guide": "3",
            "convenience": "2",
        },
    )
    assert "感谢您的评价" in response.content.decode()
    fix = Rectification.objects.get(application__case=case).case
    actions.record_outcome(fix, officer, outcome="已复核并向申请人说明")
    actions.feed_back(fix, officer)
    html = lookup(client, case, code)
    assert "已复核并向申请人说明" in html and "提交申诉" in html
    client.post(
        "/services/appeal/",
        {"receipt_number": case.receipt_number, "query_code": code, "text": "说明不清"},
    )
    assert Case.objects.get(pk=fix.pk).state == k.APPEALED
    assert "提交申诉" not in lookup(client, case, code)


def test_a_bad_evaluation_gets_a_chinese_error_and_changes_nothing(client):
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    case, code = apply_for(live_item())
    case = actions.accept(case, officer)
    case = actions.approve(case, officer)
    response = client.post(
        "/services/evaluate/",
        {"receipt_number": case.receipt_number, "query_code": code, "overall": "5"},
    )
    assert response.status_code == 400 and "请对“办事效率”作出评价" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == k.COMPLETED
