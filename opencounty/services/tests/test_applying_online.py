"""Applying online: the form built from the item's own fields, uploads checked by content
and size, everything stored before the receipt number and query code are shown."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from opencounty.cases.models import Case
from opencounty.core.captcha import NUMBERS
from opencounty.services import kinds as k
from opencounty.services.forms import ApplicationForm
from opencounty.services.models import Application, ApplicationMaterial
from opencounty.services.tests.helpers import PDF, PNG, live_item

pytestmark = pytest.mark.django_db


def answer_from(html: str) -> tuple[str, str]:
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    a, b = re.search(r"请计算：(\S) 加 (\S) 等于", html).groups()
    return token, str(NUMBERS.index(a) + NUMBERS.index(b))


def filled_form(client, item, **overrides) -> dict:
    token, answer = answer_from(client.get(f"/services/apply/{item.code}/").content.decode())
    required, optional = item.materials.all()
    return {
        "name": "王秀英",
        "id_number": "11010519491231002x",
        "phone": "13800001234",
        "email": "",
        "data_shop_name": "秀英小吃",
        "data_business": "餐饮",
        "data_area": "45.5",
        "data_opening": "2026-12-01",
        f"material_{required.pk}": SimpleUploadedFile("申请书.pdf", PDF),
        f"material_{optional.pk}": SimpleUploadedFile("照片.png", PNG),
        "captcha_token": token,
        "captcha_answer": answer,
    } | overrides


def test_the_form_is_built_from_the_items_own_fields_and_materials():
    item = live_item()
    form = ApplicationForm(item)
    assert form.fields["data_shop_name"].label == "店铺名称"
    assert form.fields["data_shop_name"].required
    assert [c for c, _label in form.fields["data_business"].choices] == ["餐饮", "零售"]
    assert form.fields["data_area"].__class__.__name__ == "DecimalField"
    assert form.fields["data_opening"].__class__.__name__ == "DateField"
    assert not form.fields["data_opening"].required
    required, optional = item.materials.all()
    assert form.fields[f"material_{required.pk}"].required
    assert not form.fields[f"material_{optional.pk}"].required
    assert list(form.fields)[:4] == ["name", "id_number", "phone", "email"]
    assert list(form.fields)[-1] == "captcha_answer"


def test_an_applicant_applies_and_gets_a_receipt_number_and_query_code(client):
    item = live_item()
    response = client.post(f"/services/apply/{item.code}/", filled_form(client, item))
    html = response.content.decode()
    application = Application.objects.get(item=item)
    case = application.case
    assert case.kind == k.APPLICATION.code and case.state == k.SUBMITTED
    assert case.unit.code == "D01" and case.title == "食品经营许可"
    assert case.receipt_number in html and re.search(r'id="query-code">[A-Z2-9]{8}<', html)
    assert application.form_data == {
        "shop_name": "秀英小吃",
        "business": "餐饮",
        "area": "45.5",
        "opening": "2026-12-01",
    }
    assert case.submitter_id_number == "11010519491231002X"
    with connection.cursor() as cursor:
        cursor.execute("SELECT submitter_id_number FROM cases_case WHERE id = %s", [case.pk])
        (raw,) = cursor.fetchone()
    assert "11010519491231002X" not in raw  # encrypted at rest
    stored = {m.name: m for m in application.uploaded_materials.all()}
    assert stored["申请书"].file.read().startswith(b"%PDF")
    assert stored["营业场所照片"].original_name == "照片.png"
    with pytest.raises(ValueError):
        stored["申请书"].file.url  # noqa: B018 - private: no public URL
    assert response["Cache-Control"].startswith("max-age=0")


def test_bad_input_gets_chinese_errors_and_stores_nothing(client):
    item = live_item()
    required = item.materials.first()
    data = filled_form(
        client,
        item,
        name="",
        id_number="123",
        phone="12345",
        data_shop_name="",
        data_business="批发",
        captcha_answer="99",
    )
    data.pop(f"material_{required.pk}")
    html = client.post(f"/services/apply/{item.code}/", data).content.decode()
    for message in [
        "提交未成功",
        "请填写18位身份证号码或统一社会信用代码",
        "请填写正确的手机号码",
        "请上传“申请书”",
        "验证问题回答错误",
        "必需字段",
        "选择一个有效的选项",
    ]:
        assert message in html, message
    assert not Application.objects.exists()
    assert not Case.objects.filter(kind=k.APPLICATION.code).exists()


def test_a_file_is_judged_by_its_content_not_its_name(client):
    item = live_item()
    required = item.materials.first()
    disguised = SimpleUploadedFile("申请书.pdf", b"MZ\x90\x00 this is a program, not a PDF")
    html = client.post(
        f"/services/apply/{item.code}/",
        filled_form(client, item, **{f"material_{required.pk}": disguised}),
    ).content.decode()
    assert "格式不被接受" in html
    assert not ApplicationMaterial.objects.exists()

    # The name must say what the content is: a PDF called .jpeg is refused too (issue 11 §9).
    real_pdf_with_odd_name = SimpleUploadedFile("scan.jpeg", PDF)
    html = client.post(
        f"/services/apply/{item.code}/",
        filled_form(client, item, **{f"material_{required.pk}": real_pdf_with_odd_name}),
    ).content.decode()
    assert "扩展名与内容不符" in html and not ApplicationMaterial.objects.exists()
    client.post(
        f"/services/apply/{item.code}/",
        filled_form(
            client, item, **{f"material_{required.pk}": SimpleUploadedFile("SCAN.PDF", PDF)}
        ),
    )
    assert ApplicationMaterial.objects.get(name="申请书").original_name == "SCAN.PDF"


def test_a_file_over_the_size_limit_is_refused(client):
    item = live_item()
    required = item.materials.first()
    too_big = SimpleUploadedFile("申请书.pdf", PDF + b"0" * (10 * 1024 * 1024))
    html = client.post(
        f"/services/apply/{item.code}/",
        filled_form(client, item, **{f"material_{required.pk}": too_big}),
    ).content.decode()
    assert "超过 10 MB" in html
    assert not Application.objects.exists()


def test_only_live_items_that_allow_it_take_online_applications(client):
    offline = live_item(code="XK-002", online=False)
    assert client.get(f"/services/apply/{offline.code}/").status_code == 404
    unpublished = live_item(code="XK-003")
    unpublished.unpublish()
    assert client.get(f"/services/apply/{unpublished.code}/").status_code == 404
    assert client.get("/services/apply/NO-SUCH-ITEM/").status_code == 404
