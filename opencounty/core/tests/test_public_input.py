"""What the public types in: identity numbers, credit codes, phones and amounts are checked;
control characters never reach the database; lengths are those of the columns; a hostile
value gets a Chinese error and stores nothing, never a 500 (issue 11, D2-D4; issue 10 §7)."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from opencounty.core.captcha import NUMBERS
from opencounty.core.public_forms import clean_text
from opencounty.core.validators import (
    clean_credit_code,
    clean_id_number,
    clean_id_or_credit_code,
    clean_phone,
)
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.tests.test_public_application import VALID as DISCLOSURE
from opencounty.interaction.models import ErrorReport, Letter
from opencounty.services.models import Application, ApplicationMaterial
from opencounty.services.tests.helpers import PDF, live_item
from opencounty.services.tests.test_applying_online import filled_form


def captcha_of(html: str) -> dict:
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    a, b = re.search(r"请计算：(\S) 加 (\S) 等于", html).groups()
    return {"captcha_token": token, "captcha_answer": str(NUMBERS.index(a) + NUMBERS.index(b))}


# Identity numbers (GB 11643-1999) and credit codes (GB 32100-2015)


@pytest.mark.parametrize(
    "number", ["11010519491231002X", "11010519491231002x", "110101199003071233"]
)
def test_identity_numbers_with_the_right_check_digit_pass(number):
    assert clean_id_number(number) == number.upper()


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验位"),  # one digit off: the check digit catches it
        ("110101199003071234", "校验位"),
        ("110105194902300024", "出生日期不存在"),  # 30 February
        ("110105209912310028", "出生日期不正确"),  # born in the future
        ("110105180012310021", "出生日期不正确"),
        ("11010519491231002", "应为18位"),
        ("abc", "应为18位"),
    ],
)
def test_identity_numbers_that_cannot_exist_are_refused_in_chinese(number, message):
    with pytest.raises(ValidationError) as refused:
        clean_id_number(number, today=date(2026, 11, 29))
    assert message in refused.value.messages[0]


def test_credit_codes_are_checked_by_their_check_character():
    assert clean_credit_code("91350100m000100y43") == "91350100M000100Y43"
    for wrong in ("91350100M000100Y44", "91350100M000100Y4", "9135010OM000100Y43"):
        with pytest.raises(ValidationError):
            clean_credit_code(wrong)
    assert clean_id_or_credit_code("91350100M000100Y43") == "91350100M000100Y43"
    assert clean_id_or_credit_code("11010519491231002x") == "11010519491231002X"


@pytest.mark.parametrize("phone", ["13800001234", "0571-88886666", "057188886666"])
def test_mobiles_and_landlines_pass(phone):
    assert clean_phone(phone) == phone


@pytest.mark.parametrize("phone", ["abc", "12345", "1380000123", "23800001234"])
def test_other_phones_are_refused(phone):
    with pytest.raises(ValidationError):
        clean_phone(phone)


@pytest.mark.django_db
def test_an_application_with_a_wrong_check_digit_abc_phone_and_negative_area_stores_nothing(
    client,
):
    item = live_item()
    form = filled_form(client, item) | {
        "id_number": "110105194912310021",
        "phone": "abc",
        "data_area": "-3",
    }
    response = client.post(f"/services/apply/{item.code}/", form)
    html = response.content.decode()
    assert response.status_code == 200 and not Application.objects.exists()
    assert "身份证号码校验位不正确" in html
    assert "请填写正确的手机号码或固定电话" in html
    assert "请填写不小于0的数" in html


@pytest.mark.django_db
def test_a_disclosure_request_with_a_wrong_credit_code_is_refused(client):
    form = DISCLOSURE | {
        "applicant_type": "commercial",
        "organisation_name": "示范商贸有限公司",
        "legal_representative": "林示范",
        "id_type": "credit_code",
        "id_number": "91350100M000100Y44",
    }
    html = client.post("/disclosure/apply/T01/", form).content.decode()
    assert "统一社会信用代码校验位不正确" in html and not DisclosureRequest.objects.exists()
    good = client.post("/disclosure/apply/T01/", form | {"id_number": "91350100M000100Y43"})
    assert "您的申请已提交" in good.content.decode()


# Control characters and NUL


def test_control_characters_are_stripped_and_line_breaks_kept_only_where_lines_belong():
    hostile = "标题\x07\x1b[31m\x85\u200b文字\r\n第二行\t缩进\x7f"
    assert clean_text(hostile, multiline=True) == "标题[31m\u200b文字\n第二行\t缩进"
    assert clean_text(hostile, multiline=False) == "标题[31m\u200b文字 第二行 缩进"


@pytest.mark.django_db
def test_a_letter_with_control_characters_is_stored_without_them(client):
    form = {
        "letter_kind": "consultation",
        "title": "路灯\x00\x07坏了",
        "content": "幸福路的路灯\x1b坏了。\r\n请尽快修理。\x9b",
        "name": "王秀英\x0b",
        "phone": "13800001234",
    }
    refused = client.post(
        "/interaction/letters/write/",
        form | captcha_of(client.get("/interaction/letters/write/").content.decode()),
    )
    assert refused.status_code == 200 and not Letter.objects.exists()
    assert "空字符" in refused.content.decode()  # NUL is refused, not silently dropped
    form["title"] = "路灯\x07坏了"
    client.post(
        "/interaction/letters/write/",
        form | captcha_of(client.get("/interaction/letters/write/").content.decode()),
    )
    letter = Letter.objects.select_related("case").get()
    assert letter.case.title == "路灯坏了" and letter.case.submitter_name == "王秀英"
    assert letter.content == "幸福路的路灯坏了。\n请尽快修理。"


@pytest.mark.django_db
def test_d3_percent_00_in_an_error_report_address_names_no_page_and_is_not_a_500(client):
    report = {
        "page_url": "http://localhost/xinwen/%00/",
        "error_type": ErrorReport.ErrorType.TYPO,
        "description": "第二段有错字。",
        "name": "王纠错",
        "phone": "13912345678",
    }
    html = client.get("/error-report/").content.decode()
    response = client.post("/error-report/", report | captcha_of(html))
    assert response.status_code == 200
    stored = ErrorReport.objects.select_related("case__unit").get()
    assert stored.page_id is None and stored.case.unit.kind == "county_office"
    # A NUL itself (what %00 decodes to) never reaches a query: a Chinese error, nothing stored.
    html = client.get("/error-report/").content.decode()
    response = client.post(
        "/error-report/", report | {"page_url": "http://localhost/\x00"} | captcha_of(html)
    )
    assert response.status_code == 200 and ErrorReport.objects.count() == 1
    assert "空字符" in response.content.decode()


# Lengths are those of the columns the values end in


@pytest.mark.django_db
def test_d2_a_101_character_organisation_name_is_refused_before_the_database(client):
    form = DISCLOSURE | {
        "applicant_type": "commercial",
        "organisation_name": "示" * 101,
        "legal_representative": "林示范",
        "id_type": "credit_code",
        "id_number": "91350100M000100Y43",
    }
    response = client.post("/disclosure/apply/T01/", form)
    assert response.status_code == 200 and not DisclosureRequest.objects.exists()
    assert "100" in response.content.decode()
    ok = client.post("/disclosure/apply/T01/", form | {"organisation_name": "示" * 100})
    stored = DisclosureRequest.objects.select_related("case").get()
    assert "您的申请已提交" in ok.content.decode() and len(stored.case.submitter_name) == 100


@pytest.mark.django_db
def test_d4_an_85_character_chinese_file_name_is_shortened_keeping_its_extension(client):
    item = live_item()
    long_name = "关于申请食品经营许可的" * 8 + "申请书扫描件.pdf"  # 94 characters, 270 bytes
    required, _optional = item.materials.all()
    form = filled_form(client, item) | {
        f"material_{required.pk}": SimpleUploadedFile(long_name, PDF, "application/pdf")
    }
    response = client.post(f"/services/apply/{item.code}/", form)
    assert response.status_code == 200 and "您的申请已提交" in response.content.decode()
    stored = ApplicationMaterial.objects.get(material=required)
    file_name = stored.file.name.rsplit("/", 1)[1]
    assert file_name.endswith(".pdf") and len(file_name.encode()) <= 90
    assert len(stored.file.name) <= 300 and len(stored.original_name) <= 100
    assert stored.original_name.endswith(".pdf") and stored.original_name.startswith("关于申请")
    assert stored.file.read() == PDF


@pytest.mark.django_db
def test_the_400_page_speaks_chinese(client, settings):
    settings.DEBUG = False
    response = client.get("/search/", {"q": "x"}, HTTP_HOST="bad host")
    assert response.status_code == 400 and "请求有误" in response.content.decode()
