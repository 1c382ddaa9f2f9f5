"""Online surveys: who may answer when, how often, and what the results count."""

from __future__ import annotations

import json
from datetime import timedelta
from io import BytesIO

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from opencounty.core.models import AuditEntry
from opencounty.interaction.models import SurveyAnswer, SurveyPage
from opencounty.interaction.surveys.actions import AnswerRefused, answer_survey, phone_key
from opencounty.interaction.surveys.results import tally
from opencounty.interaction.tests.survey_helpers import (
    answer,
    filled,
    form_token,
    make_survey,
    names,
)

PHONE = SurveyPage.OneAnswerPer.PHONE
BOTH = SurveyPage.OneAnswerPer.BROWSER_AND_PHONE


def stored(page: SurveyPage) -> int:
    return SurveyAnswer.objects.filter(page=page).count()


def results_url(page: SurveyPage) -> str:
    return page.url + page.reverse_subpage("results")


@pytest.mark.django_db
def test_a_citizen_answers_and_the_answer_is_stored_before_the_thanks(client):
    page = make_survey()
    response = answer(
        client, page, filled(page, channels=("政府网站", "手机App"), text="希望延长办公时间")
    )
    assert "您的答卷已提交成功" in response.content.decode()
    sheet = SurveyAnswer.objects.get(page=page)
    field = names(page)
    assert sheet.form_data[field["您的年龄段"]] == "30-60岁"
    assert sheet.form_data[field["您常用的办事渠道"]] == ["政府网站", "手机App"]
    assert sheet.form_data[field["您对政务服务的总体评价"]] == 4
    assert sheet.form_data[field["您的意见和建议"]] == "希望延长办公时间"
    assert "form_token" not in sheet.form_data and "phone" not in sheet.form_data


@pytest.mark.django_db
def test_the_same_browser_cannot_answer_twice(client):
    page = make_survey()
    answer(client, page, filled(page))
    html = client.get(page.url).content.decode()
    assert "您已经参与过本次调查" in html
    assert 'name="form_token"' not in html
    # Even a questionnaire opened in another browser is refused when sent with this browser's cookie.
    other = Client()
    token_page = other.get(page.url).content.decode()
    response = client.post(page.url, {**filled(page), "form_token": form_token(token_page)})
    assert "您已经参与过本次调查" in response.content.decode()
    assert stored(page) == 1


@pytest.mark.django_db
def test_one_questionnaire_sent_twice_counts_once(client):
    page = make_survey()
    payload = {**filled(page), "form_token": form_token(client.get(page.url).content.decode())}
    Client().post(page.url, payload)  # a double click that lost its cookie on the way
    response = Client().post(page.url, payload)
    assert "您已经参与过本次调查" in response.content.decode()
    assert stored(page) == 1


@pytest.mark.django_db
def test_a_questionnaire_without_a_valid_token_is_not_stored(client):
    page = make_survey()
    response = client.post(page.url, {**filled(page), "form_token": "forged"})
    assert "页面已失效，请刷新页面后重新填写" in response.content.decode()
    assert stored(page) == 0


@pytest.mark.django_db
def test_one_answer_per_phone_whatever_the_browser(client):
    page = make_survey(one_answer_per=PHONE)
    response = answer(client, page, filled(page), phone="13800138000")
    assert "您的答卷已提交成功" in response.content.decode()
    refused = answer(Client(), page, filled(page), phone="13800138000")
    assert "您已经参与过本次调查" in refused.content.decode()
    # A family sharing one computer: another phone may answer from the same browser.
    answer(client, page, filled(page), phone="13900139000")
    assert stored(page) == 2


@pytest.mark.django_db
def test_the_phone_is_kept_only_as_a_keyed_hash(client):
    page = make_survey(one_answer_per=PHONE)
    answer(client, page, filled(page), phone="13800138000")
    sheet = SurveyAnswer.objects.get(page=page)
    assert sheet.phone_key == phone_key(page, "13800138000")
    row = json.dumps(list(SurveyAnswer.objects.filter(pk=sheet.pk).values()), default=str)
    assert "13800138000" not in row


@pytest.mark.django_db
def test_the_database_lets_only_one_of_two_quick_submits_from_one_phone_count():
    page = make_survey(one_answer_per=PHONE)
    answer_survey(page, answers={}, form_token="first", phone="13800138000")
    with pytest.raises(IntegrityError), transaction.atomic():
        # What a second request that passed the look-up at the same moment would insert.
        SurveyAnswer.objects.create(
            page=page, form_data={}, browser_key="second", phone_key=phone_key(page, "13800138000")
        )
    with pytest.raises(AnswerRefused):
        answer_survey(page, answers={}, form_token="third", phone="13800138000")
    assert stored(page) == 1


@pytest.mark.django_db
def test_browser_and_phone_both_limit(client):
    page = make_survey(one_answer_per=BOTH)
    answer(client, page, filled(page), phone="13800138000")
    assert "您已经参与过本次调查" in client.get(page.url).content.decode()
    refused = answer(Client(), page, filled(page), phone="13800138000")
    assert "您已经参与过本次调查" in refused.content.decode()
    answer(Client(), page, filled(page), phone="13700137000")
    assert stored(page) == 2


@pytest.mark.django_db
def test_a_phone_is_asked_for_and_checked_when_the_survey_limits_phones(client):
    page = make_survey(one_answer_per=PHONE)
    html = client.get(page.url).content.decode()
    assert "手机号码" in html
    response = answer(client, page, filled(page), phone="12345")
    assert "请输入11位手机号码" in response.content.decode()
    response = answer(client, page, filled(page), phone="")
    assert "请填写手机号码" in response.content.decode()
    assert stored(page) == 0


@pytest.mark.django_db
def test_a_survey_not_yet_open_shows_no_questionnaire_and_takes_no_answer(client):
    page = make_survey(opens_in_days=2, closes_in_days=9)
    html = client.get(page.url).content.decode()
    assert "本次调查尚未开始" in html
    assert '<form method="post"' not in html
    response = client.post(page.url, {**filled(page), "form_token": "x"})
    assert "本次调查尚未开始" in response.content.decode()
    with pytest.raises(AnswerRefused, match="尚未开始"):
        answer_survey(page, answers={}, form_token="y")
    assert stored(page) == 0


@pytest.mark.django_db
def test_a_closed_survey_takes_no_answer(client):
    page = make_survey(opens_in_days=-9, closes_in_days=-2)
    # The questionnaire was opened while the survey ran, and sent after it closed.
    page.closes_at = timezone.now() + timedelta(days=1)
    page.save()
    token = form_token(client.get(page.url).content.decode())
    page.closes_at = timezone.now() - timedelta(minutes=1)
    page.save()
    response = client.post(page.url, {**filled(page), "form_token": token})
    assert "本次调查已于" in response.content.decode()
    assert stored(page) == 0


@pytest.mark.django_db
def test_required_questions_must_be_answered_and_choices_must_be_offered(client):
    page = make_survey()
    field = names(page)
    data = filled(page)
    del data[field["您的年龄段"]]
    data[field["您常用的办事渠道"]] = ["乱填的渠道"]
    response = answer(client, page, data)
    html = response.content.decode()
    assert "提交未成功" in html
    assert "请回答本题" in html
    assert "请从给出的选项中选择" in html
    assert stored(page) == 0
    assert page.answered_cookie_name() not in response.cookies
    # The free-text question is optional.
    answer(client, page, filled(page, text=""))
    assert stored(page) == 1


KNOWN_ANSWERS = [
    # age, channels, rating, text
    ("30岁以下", ["政府网站"], 5, "很方便"),
    ("30-60岁", ["政府网站", "手机App"], 4, ""),
    ("30-60岁", ["政务服务大厅"], 3, "排队太久"),
    ("60岁以上", ["政务服务大厅", "政府网站"], 1, ""),
]


def fill_known_answers(page: SurveyPage) -> None:
    field = names(page)
    for number, (age, channels, rating, text) in enumerate(KNOWN_ANSWERS):
        answer_survey(
            page,
            answers={
                field["您的年龄段"]: age,
                field["您常用的办事渠道"]: channels,
                field["您对政务服务的总体评价"]: rating,
                field["您的意见和建议"]: text,
            },
            form_token=f"known-{number}",
        )


def close(page: SurveyPage) -> None:
    page.opens_at = timezone.now() - timedelta(days=10)
    page.closes_at = timezone.now() - timedelta(days=1)
    page.save()


@pytest.mark.django_db
def test_result_counts_are_exact_for_a_known_set_of_answers():
    page = make_survey()
    fill_known_answers(page)
    results = tally(page)
    assert results.total == 4
    age, channels, rating, text = results.questions
    assert [(o.label, o.count, o.percent) for o in age.options] == [
        ("30岁以下", 1, 25.0),
        ("30-60岁", 2, 50.0),
        ("60岁以上", 1, 25.0),
    ]
    assert [(o.label, o.count, o.percent) for o in channels.options] == [
        ("政府网站", 3, 75.0),
        ("政务服务大厅", 2, 50.0),
        ("手机App", 1, 25.0),
    ]
    assert [o.count for o in rating.options] == [1, 0, 1, 1, 1]
    assert rating.average == 3.25
    assert text.answered == 2
    assert sorted(text.texts) == ["很方便", "排队太久"]


@pytest.mark.django_db
def test_results_are_public_when_the_survey_closes_without_the_free_texts(client):
    page = make_survey()
    fill_known_answers(page)
    close(page)
    html = client.get(results_url(page)).content.decode()
    assert "共收到 4 份答卷" in html
    assert '<th scope="row">30-60岁</th>\n        <td class="count">2</td>' in html
    assert "50.0%" in html
    assert "平均 3.25 分" in html
    assert "文字回答 2 条" in html
    assert "排队太久" not in html
    assert "查看调查结果" in client.get(page.url).content.decode()


@pytest.mark.django_db
def test_results_are_hidden_while_open_unless_shown_live(client):
    page = make_survey()
    fill_known_answers(page)
    html = client.get(results_url(page)).content.decode()
    assert "调查结果将在调查结束" in html
    assert "共收到" not in html and "30-60岁" not in html
    page.results_live = True
    page.save()
    html = client.get(results_url(page)).content.decode()
    assert "共收到 4 份答卷" in html


@pytest.mark.django_db
def test_staff_of_the_owning_unit_read_every_free_text_and_export_to_excel(client, county_officer):
    page = make_survey()
    fill_known_answers(page)
    answer_survey(
        page,
        answers={names(page)["您的意见和建议"]: '=HYPERLINK("http://example.org")'},
        form_token="formula",
    )
    client.force_login(county_officer)
    html = client.get(f"/admin/surveys/{page.pk}/results/").content.decode()
    assert "排队太久" in html and "很方便" in html
    response = client.get(f"/admin/surveys/{page.pk}/export/")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["统计结果", "原始答卷"]
    summary = [row for row in book["统计结果"].iter_rows(values_only=True)]
    assert ("答卷总数", 5, None) in summary
    assert ("30-60岁", 2, 50.0) in summary
    assert ("政府网站", 3, 75.0) in summary
    raw = list(book["原始答卷"].iter_rows(values_only=True))
    assert raw[0][2:] == (
        "您的年龄段",
        "您常用的办事渠道",
        "您对政务服务的总体评价",
        "您的意见和建议",
    )
    assert len(raw) == 1 + 5
    assert raw[2][2:] == ("30-60岁", "政府网站；手机App", 4, None)
    formula_cell = book["原始答卷"].cell(row=6, column=6)
    assert formula_cell.data_type == "s" and formula_cell.value.startswith("=HYPERLINK")
    assert AuditEntry.objects.filter(action="survey.export", object_id=str(page.pk)).exists()


@pytest.mark.django_db
def test_staff_of_another_unit_see_no_answers(client, chengguan_officer):
    page = make_survey()
    fill_known_answers(page)
    client.force_login(chengguan_officer)
    for url in (
        f"/admin/surveys/{page.pk}/export/",
        f"/admin/surveys/{page.pk}/results/",
        f"/admin/forms/submissions/{page.pk}/",
    ):
        response = client.get(url)
        # Wagtail's admin turns a refusal into a redirect to the dashboard with a message.
        assert response.status_code == 302 and response["Location"] == "/admin/", url
    assert not AuditEntry.objects.filter(action="survey.export").exists()


@pytest.mark.django_db
def test_wagtails_answer_list_shows_the_answers_and_links_results_and_export(
    client, county_officer
):
    page = make_survey()
    fill_known_answers(page)
    client.force_login(county_officer)
    html = client.get(f"/admin/forms/submissions/{page.pk}/").content.decode()
    assert "排队太久" in html
    assert f"/admin/surveys/{page.pk}/export/" in html
    assert "selected-submissions" not in html  # answer sheets are not deleted from the list


@pytest.mark.django_db
def test_a_survey_must_close_after_it_opens():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="结束时间须晚于开始时间"):
        make_survey(opens_in_days=3, closes_in_days=1)


@pytest.mark.django_db
def test_a_survey_passes_the_review_workflow_like_every_page(county_officer, county_reviewer):
    from opencounty.portal.tests.helpers import act, submit

    page = make_survey()
    page.live = False
    page.save()
    page.save_revision(user=county_officer)
    submit(page, county_officer)
    page.refresh_from_db()
    assert not page.live
    act(page, county_reviewer, "approve")
    assert page.live


@pytest.mark.django_db
def test_staff_build_surveys_in_the_page_editor_with_the_four_question_types(
    client, county_officer
):
    from opencounty.interaction.tests.survey_helpers import interaction_column

    client.force_login(county_officer)
    column = interaction_column()
    html = client.get(f"/admin/pages/add/interaction/surveypage/{column.pk}/").content.decode()
    for label in ("单选题", "多选题", "评分题（1-5分）", "文字题", "开始时间", "答题限制"):
        assert label in html, label
    page = make_survey()
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert page.title in client.get("/admin/forms/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_quick_submits_from_one_phone_at_the_same_moment_count_once():
    import threading

    from django.db import connection

    from conftest import build_small_county

    build_small_county()
    page = make_survey(one_answer_per=PHONE)
    senders = 4
    barrier = threading.Barrier(senders)
    outcomes: list[str] = []

    def send(number: int) -> None:
        try:
            barrier.wait()
            answer_survey(page, answers={}, form_token=f"tab-{number}", phone="13800138000")
            outcomes.append("stored")
        except AnswerRefused:
            outcomes.append("refused")
        except BaseException as exc:  # noqa: BLE001 - reported below
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * (senders - 1) + ["stored"]
    assert stored(page) == 1


@pytest.mark.django_db
def test_the_editor_preview_shows_the_questionnaire_even_before_the_survey_opens():
    page = make_survey(opens_in_days=5, closes_in_days=10)
    response = page.make_preview_request(preview_mode="")
    response.render()
    html = response.content.decode()
    assert "预览：提交按钮不可用" in html
    assert "1. 您的年龄段" in html and "4分 满意" in html


@pytest.mark.django_db
def test_clearing_the_cookie_does_not_buy_unlimited_votes_from_one_address(settings):
    """Issue 11: one answer per browser was only a cookie. Each fresh browser (no cookie) from
    the same address may answer until SURVEY_ANSWERS_PER_ADDRESS, counted in the database."""
    settings.SURVEY_ANSWERS_PER_ADDRESS = 3
    page = make_survey()
    for _ in range(3):
        fresh = Client(REMOTE_ADDR="10.9.0.1")
        answer(fresh, page, filled(page))
    fresh = Client(REMOTE_ADDR="10.9.0.1")
    token = form_token(fresh.get(page.url).content.decode())
    response = fresh.post(page.url, {**filled(page), "form_token": token})
    assert "本网络地址提交的答卷已达上限" in response.content.decode()
    assert stored(page) == 3
    # Another address still answers, and the limit counts per survey.
    answer(Client(REMOTE_ADDR="10.9.0.2"), page, filled(page))
    assert stored(page) == 4
    # A forged forwarding header from an untrusted client changes nothing.
    forged = Client(REMOTE_ADDR="10.9.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    token = form_token(forged.get(page.url).content.decode())
    response = forged.post(page.url, {**filled(page), "form_token": token})
    assert "本网络地址提交的答卷已达上限" in response.content.decode() and stored(page) == 4
