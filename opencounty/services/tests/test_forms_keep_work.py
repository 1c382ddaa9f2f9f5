"""Forms that keep the citizen's work (issue 10 §7): files survive a failed submit, the
error summary links each error to its field, no field is asked twice, a printable
receipt, and the query code by SMS or e-mail when the applicant asks."""

import io
import logging
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from opencounty.core import held_uploads
from opencounty.core.storage import PrivateStorage
from opencounty.services.forms import ApplicationForm
from opencounty.services.models import Application, ApplicationMaterial, ServiceFormField
from opencounty.services.tests.helpers import PDF, PNG, live_item
from opencounty.services.tests.test_applying_online import answer_from, filled_form

pytestmark = pytest.mark.django_db


def held_token(html: str) -> str:
    return re.search(r'name="held_uploads" value="([^"]*)"', html).group(1)


def fresh_captcha(client, item) -> dict:
    token, answer = answer_from(client.get(f"/services/apply/{item.code}/").content.decode())
    return {"captcha_token": token, "captcha_answer": answer}


def test_files_survive_a_failed_submit_and_are_stored_with_the_corrected_one(client):
    item = live_item()
    required, optional = item.materials.all()
    first = filled_form(client, item) | {"phone": "abc"}
    refused = client.post(f"/services/apply/{item.code}/", first)
    html = refused.content.decode()
    assert not Application.objects.exists()
    assert "已保留您上次选择的文件：申请书.pdf" in html and "照片.png" in html
    token = held_token(html)
    assert token
    # The second submit carries no files at all: only the token and the corrected phone.
    second = {
        key: value
        for key, value in filled_form(client, item).items()
        if not key.startswith("material_")
    } | {"held_uploads": token}
    accepted = client.post(f"/services/apply/{item.code}/", second)
    assert "您的申请已提交" in accepted.content.decode()
    stored = {m.material_id: m for m in ApplicationMaterial.objects.all()}
    assert (
        stored[required.pk].file.read() == PDF and stored[required.pk].original_name == "申请书.pdf"
    )
    assert stored[optional.pk].file.read() == PNG
    # The held copies are gone once the application is stored.
    assert held_uploads.entries(token) == []


def test_a_new_file_replaces_the_held_one(client):
    item = live_item()
    required, _optional = item.materials.all()
    html = client.post(
        f"/services/apply/{item.code}/", filled_form(client, item) | {"phone": "abc"}
    ).content.decode()
    replacement = SimpleUploadedFile("新申请书.pdf", PDF + b"v2")
    client.post(
        f"/services/apply/{item.code}/",
        filled_form(client, item)
        | {"held_uploads": held_token(html), f"material_{required.pk}": replacement},
    )
    stored = ApplicationMaterial.objects.get(material=required)
    assert stored.original_name == "新申请书.pdf" and stored.file.read() == PDF + b"v2"


def test_a_refused_file_is_not_held_and_must_be_chosen_again(client):
    item = live_item()
    required, optional = item.materials.all()
    form = filled_form(client, item) | {
        f"material_{required.pk}": SimpleUploadedFile("evil.html", b"<script>x</script>")
    }
    html = client.post(f"/services/apply/{item.code}/", form).content.decode()
    kept = held_uploads.entries(held_token(html))
    assert [e["key"] for e in kept] == [f"material_{optional.pk}"]


def test_a_forged_or_expired_token_gives_nothing_back(client, settings):
    item = live_item()
    html = client.post(
        f"/services/apply/{item.code}/", filled_form(client, item) | {"phone": "abc"}
    ).content.decode()
    token = held_token(html)
    assert held_uploads.entries(token + "x") == []
    assert held_uploads.entries("held") == []
    settings.HELD_UPLOADS_MAX_AGE = -1
    assert held_uploads.entries(token) == []
    # And the files behind it are purged by the hourly command.
    out = io.StringIO()
    call_command("purge_held_uploads", stdout=out)
    assert "已删除 1 个过期的暂存文件夹" in out.getvalue()
    assert PrivateStorage().listdir(held_uploads.FOLDER)[0] == []


def test_held_files_are_encrypted_like_every_private_file(client):
    item = live_item()
    client.post(f"/services/apply/{item.code}/", filled_form(client, item) | {"phone": "abc"})
    storage = PrivateStorage()
    (folder,) = storage.listdir(held_uploads.FOLDER)[0]
    for name in storage.listdir(f"{held_uploads.FOLDER}/{folder}")[1]:
        raw = open(storage.path(f"{held_uploads.FOLDER}/{folder}/{name}"), "rb").read()
        assert b"%PDF" not in raw and "申请书".encode() not in raw


def test_the_error_summary_links_each_error_to_its_field(client):
    item = live_item()
    required, _optional = item.materials.all()
    form = filled_form(client, item) | {"phone": "abc", "data_shop_name": "", "data_business": ""}
    del form[f"material_{required.pk}"]
    html = client.post(f"/services/apply/{item.code}/", form).content.decode()
    summary = re.search(r"<div class=\"errors error-summary\".*?</div>", html, re.S).group(0)
    links = dict(re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary))
    assert links["id_phone"].startswith("联系电话：请填写正确的手机号码")
    assert links["id_data_shop_name"].startswith("店铺名称：")
    assert links["id_data_business_0"].startswith("经营类别：")  # the first radio of the group
    assert links[f"id_material_{required.pk}"] == "申请书：请上传“申请书”。"
    for anchor in links:
        assert f'id="{anchor}"' in html


def test_a_field_the_applicant_block_already_has_is_not_asked_twice():
    item = live_item()
    item.form_fields.add(
        ServiceFormField(name="applicant", label="申请人（单位）名称", field_type="text"),
        ServiceFormField(name="tel", label="联系电话", field_type="text"),
    )
    labels = [str(field.label) for field in ApplicationForm(item).fields.values()]
    assert labels.count("联系电话") == 1
    assert not any("申请人（单位）名称" == label for label in labels)


def test_the_receipt_is_printable_and_shows_the_code_once(client):
    item = live_item()
    html = client.post(f"/services/apply/{item.code}/", filled_form(client, item)).content.decode()
    application = Application.objects.select_related("case").get()
    assert application.case.receipt_number in html and 'id="query-code"' in html
    assert "打印回执" in html and "网上申请回执" in html
    assert "申请书.pdf" in html and "13800001234" not in html  # the phone is masked
    lookup = client.get("/cases/lookup/").content.decode()
    assert 'id="query-code"' not in lookup


def test_the_query_code_is_mailed_through_a_real_smtp_server_when_asked(client, smtp_server):
    item = live_item()
    form = filled_form(client, item) | {
        "email": "xiuying@example.com",
        "send_code_by_email": "on",
    }
    html = client.post(f"/services/apply/{item.code}/", form).content.decode()
    code = re.search(r'id="query-code">([A-Z2-9]+)<', html).group(1)
    case = Application.objects.get().case
    (mail,) = smtp_server.to("xiuying@example.com")
    body = mail.get_content()
    assert case.receipt_number in body and code in body
    assert "已发送到您的电子邮箱" in html


def test_the_query_code_goes_by_sms_through_the_configured_backend(client, caplog, settings):
    settings.SMS_BACKEND = "logging"
    item = live_item()
    with caplog.at_level(logging.INFO, logger="opencounty.services.sms"):
        html = client.post(
            f"/services/apply/{item.code}/", filled_form(client, item) | {"send_code_by_sms": "on"}
        ).content.decode()
    code = re.search(r'id="query-code">([A-Z2-9]+)<', html).group(1)
    assert "13800001234" in caplog.text and code in caplog.text
    assert "已用短信发送到您的手机" in html


def test_no_message_without_an_address_to_send_it_to(client, smtp_server):
    item = live_item()
    form = filled_form(client, item) | {
        "phone": "0571-88886666",
        "send_code_by_sms": "on",
        "send_code_by_email": "on",
    }
    html = client.post(f"/services/apply/{item.code}/", form).content.decode()
    assert not Application.objects.exists() and smtp_server.messages == []
    assert "短信只能发送到手机号码" in html and "请填写电子邮箱" in html
