import pytest

from opencounty.interaction.models import SurveyAnswer
from opencounty.interaction.tests.survey_helpers import make_survey

pytestmark = pytest.mark.browser


def _describe(violations):
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def _fits_the_phone(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth") <= 390 + 1


def test_a_citizen_answers_a_survey_on_a_phone_and_reads_the_live_results(phone, axe):
    survey = make_survey(results_live=True)
    phone.goto(survey.url)
    assert phone.get_by_role("heading", level=1).inner_text() == "政务服务满意度调查"
    violations = axe(phone)
    assert violations == [], _describe(violations)
    assert _fits_the_phone(phone)

    # Sent without the required answers: Chinese errors, nothing stored.
    phone.get_by_role("button", name="提交答卷").click()
    assert "提交未成功" in phone.get_by_role("alert").inner_text()
    assert phone.locator(".field-error").first.inner_text().strip() == "请回答本题。"
    assert axe(phone) == []
    assert SurveyAnswer.objects.count() == 0

    phone.get_by_label("30-60岁", exact=True).check()
    phone.get_by_label("政府网站", exact=True).check()
    phone.get_by_label("手机App", exact=True).check()
    phone.get_by_label("4分 满意", exact=True).check()
    phone.get_by_label("您的意见和建议").fill("希望手机上办事更方便")
    phone.get_by_role("button", name="提交答卷").click()
    assert "您的答卷已提交成功" in phone.get_by_role("status").inner_text()
    sheet = SurveyAnswer.objects.get()
    assert sorted(sheet.form_data.values(), key=str) == sorted(
        [4, "30-60岁", ["政府网站", "手机App"], "希望手机上办事更方便"], key=str
    )

    phone.goto(survey.url)
    assert "您已经参与过本次调查" in phone.get_by_role("alert").inner_text()
    assert phone.locator("form.survey-form").count() == 0

    phone.get_by_role("link", name="查看调查结果").click()
    assert "共收到 1 份答卷" in phone.locator("main").inner_text()
    age = phone.get_by_role("table", name="1. 您的年龄段：各选项人数和比例")
    row = age.get_by_role("row", name="30-60岁")
    assert "100.0%" in row.inner_text()
    violations = axe(phone)
    assert violations == [], _describe(violations)
    assert _fits_the_phone(phone)
