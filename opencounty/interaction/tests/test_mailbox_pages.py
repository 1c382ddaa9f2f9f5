"""The mailbox as the public and the staff see it: the form, the list, statistics, rating, mail."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import PASSWORD
from opencounty.cases.models import Case
from opencounty.cases.notify import deadline_warnings
from opencounty.core.captcha import NUMBERS
from opencounty.core.models import Unit
from opencounty.interaction import kinds as k
from opencounty.interaction.letters import actions
from opencounty.interaction.models import Letter
from opencounty.interaction.tests.test_letters import write

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def answer_from(html: str) -> tuple[str, str]:
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    a, b = re.search(r"请计算：(\S) 加 (\S) 等于", html).groups()
    return token, str(NUMBERS.index(a) + NUMBERS.index(b))


def letter_form(client, **overrides) -> dict:
    token, answer = answer_from(client.get("/interaction/letters/write/").content.decode())
    return {
        "letter_kind": "suggestion",
        "addressed_to": str(Unit.objects.get(code="T02").pk),
        "title": "建议增设公交站",
        "content": "青石镇中学门口没有公交站，学生上学不便。",
        "name": "赵六",
        "phone": "13911112222",
        "email": "",
        "may_publish": "on",
        "captcha_token": token,
        "captcha_answer": answer,
    } | overrides


def test_a_citizen_writes_and_gets_a_receipt_number_and_query_code(client):
    data = letter_form(client) | {"attachments": [SimpleUploadedFile("photo.pdf", PDF)]}
    response = client.post("/interaction/letters/write/", data)
    html = response.content.decode()
    letter = Letter.objects.get(case__title="建议增设公交站")
    assert letter.case.receipt_number in html
    assert re.search(r'id="query-code">[A-Z2-9]{8}<', html)
    assert letter.addressed_to.code == "T02" and letter.may_publish
    assert letter.attachments.get().file.read().startswith(b"%PDF")
    assert response["Cache-Control"].startswith("max-age=0")


def test_bad_input_gets_chinese_errors_and_stores_nothing(client):
    data = letter_form(client, phone="12345", title="", captcha_answer="99")
    html = client.post("/interaction/letters/write/", data).content.decode()
    assert "请填写正确的手机号码或固定电话" in html
    assert "必需字段" in html
    assert "验证问题回答错误" in html
    assert not Letter.objects.exists()


def test_an_attachment_is_judged_by_its_content_not_its_name(client):
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is a program")
    html = client.post(
        "/interaction/letters/write/", letter_form(client) | {"attachments": [fake]}
    ).content.decode()
    assert "格式不被接受" in html
    assert not Letter.objects.exists()


def test_a_reused_captcha_answer_is_refused(client):
    data = letter_form(client)
    client.post("/interaction/letters/write/", data)
    html = client.post("/interaction/letters/write/", data | {"title": "再来一封"}).content.decode()
    assert "验证问题已使用过" in html
    assert Letter.objects.count() == 1


def test_the_public_list_shows_published_replies_without_personal_data(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, chengguan_officer, text="李四光先生：已要求菜市场整改。")
    case = actions.approve_reply(case, chengguan_reviewer)
    case = actions.publish_reply(case, chengguan_reviewer)
    private, _code = write(title="私密来信", content="不公开的内容", may_publish=False)

    listing = client.get("/interaction/letters/").content.decode()
    assert "城关镇菜市场噪音扰民" in listing and "私密来信" not in listing
    assert "示范县城关镇" in listing
    detail = client.get(f"/interaction/letters/{case.receipt_number}/").content.decode()
    assert "已要求菜市场整改" in detail
    assert "13900001111" not in detail and "李四光" not in detail
    assert client.get(f"/interaction/letters/{private.case.receipt_number}/").status_code == 404


def test_statistics_count_received_replied_on_time_and_average_days(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, chengguan_officer, text="已处理。")
    actions.approve_reply(case, chengguan_reviewer)
    write(content="还没答复的另一封")
    html = client.get("/interaction/letters/statistics/").content.decode()
    assert "共收到来信 2 件，已答复 1 件，其中按期答复 1 件。" in html
    assert "平均答复用时 0.0 个工作日" in html


def test_the_writer_rates_after_looking_the_letter_up(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, query_code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    case = actions.draft_reply(case, chengguan_officer, text="已处理。")
    case = actions.approve_reply(case, chengguan_reviewer)
    found = client.post(
        "/cases/lookup/", {"receipt_number": case.receipt_number, "query_code": query_code}
    ).content.decode()
    assert "您对答复的评价" in found and "已处理。" in found
    wrong = client.post(
        "/interaction/letters/rate/",
        {"receipt_number": case.receipt_number, "query_code": "WRONG234", "rating": "satisfied"},
    )
    assert wrong.status_code == 403
    assert Case.objects.get(pk=case.pk).state == k.REPLIED
    rated = client.post(
        "/interaction/letters/rate/",
        {
            "receipt_number": case.receipt_number,
            "query_code": query_code,
            "rating": "dissatisfied",
            "reopen": "on",
        },
    )
    assert "来信将重新办理" in rated.content.decode()
    assert Case.objects.get(pk=case.pk).state == k.ROUTED


def test_mail_goes_to_the_unit_and_the_writer_through_a_real_smtp_server(
    smtp_server,
    dispatcher,
    chengguan_officer,
    chengguan_reviewer,
    django_capture_on_commit_callbacks,
):
    chengguan_officer.email = "officer@chengguan.example"
    chengguan_officer.save()
    with django_capture_on_commit_callbacks(execute=True):
        letter, _code = write()
        case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    arrived = smtp_server.to("officer@chengguan.example")
    assert len(arrived) == 1 and case.receipt_number in arrived[0]["Subject"]
    assert "新办件" in arrived[0]["Subject"]
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.draft_reply(case, chengguan_officer, text="已处理。")
        actions.approve_reply(case, chengguan_reviewer)
    to_writer = smtp_server.to("writer@example.com")
    assert len(to_writer) == 1 and "已答复" in to_writer[0]["Subject"]
    assert "查询码" in to_writer[0].get_content()


def test_deadline_warnings_are_mailed_once_per_colour(
    smtp_server, dispatcher, chengguan_officer, django_capture_on_commit_callbacks
):
    chengguan_officer.email = "officer@chengguan.example"
    chengguan_officer.save()
    letter, _code = write(letter_kind=Letter.Kind.CONSULTATION)
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    due = case.due_on
    with django_capture_on_commit_callbacks(execute=True):
        assert deadline_warnings(due - timedelta(days=1)) >= 1
        assert deadline_warnings(due - timedelta(days=1)) == 0
        assert deadline_warnings(due + timedelta(days=3)) >= 1
    subjects = [m["Subject"] for m in smtp_server.to("officer@chengguan.example")]
    assert any("即将到期" in s for s in subjects) and any("已超期" in s for s in subjects)
    assert len([s for s in subjects if case.receipt_number in s]) == 2


def test_each_unit_sees_its_own_inbox_and_the_office_sees_the_long_unanswered(
    client, dispatcher, chengguan_officer, qingshi_officer
):
    letter, _code = write()
    case = actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    old, _code = write(content="三个多月前的来信")
    Case.objects.filter(pk=old.case.pk).update(submitted_at=timezone.now() - timedelta(days=100))

    client.login(username=qingshi_officer.username, password=PASSWORD)
    assert case.receipt_number not in client.get("/admin/letters/").content.decode()
    assert client.get(f"/admin/letters/{case.pk}/").status_code in (302, 403)

    client.login(username=chengguan_officer.username, password=PASSWORD)
    assert case.receipt_number in client.get("/admin/letters/").content.decode()

    client.login(username=dispatcher.username, password=PASSWORD)
    inbox = client.get("/admin/letters/").content.decode()
    assert 'id="long-unanswered"' in inbox and old.case.receipt_number in inbox


def test_an_officer_drafts_and_the_reviewer_approves_through_the_screens(
    client, dispatcher, chengguan_officer, chengguan_reviewer
):
    letter, _code = write()
    client.login(username=dispatcher.username, password=PASSWORD)
    url = f"/admin/letters/{letter.case.pk}/"
    t01 = Unit.objects.get(code="T01")
    client.post(url, {"verb": "route", "route-to_unit": t01.pk, "route-note": "请核查"})
    client.login(username=chengguan_officer.username, password=PASSWORD)
    client.post(url, {"verb": "draft_reply", "draft_reply-text": "经核查，已整改。"})
    refused = client.post(url, {"verb": "approve_reply"}, follow=True).content.decode()
    assert "答复须由承办单位的审核人审核" in refused
    client.login(username=chengguan_reviewer.username, password=PASSWORD)
    page = client.get(url).content.decode()
    assert "经核查，已整改。" in page
    client.post(url, {"verb": "approve_reply"})
    case = Case.objects.get(pk=letter.case.pk)
    assert case.state == k.REPLIED and case.reply == "经核查，已整改。"


def test_staff_of_the_handling_unit_download_an_attachment(
    client, dispatcher, chengguan_officer, qingshi_officer
):
    data = letter_form(client) | {"attachments": [SimpleUploadedFile("现场.pdf", PDF)]}
    client.post("/interaction/letters/write/", data)
    letter = Letter.objects.get()
    actions.route(letter.case, dispatcher, to_unit=Unit.objects.get(code="T01"))
    url = f"/admin/letters/{letter.case.pk}/attachments/{letter.attachments.get().pk}/"
    client.force_login(qingshi_officer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(chengguan_officer)
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
