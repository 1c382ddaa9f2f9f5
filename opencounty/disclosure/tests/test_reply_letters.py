import io
from datetime import date

import pytest
from docx import Document

from opencounty.disclosure import actions, letters
from opencounty.disclosure.models import DisclosureRequest
from opencounty.disclosure.outcomes import SUB_REASONS, Outcome
from opencounty.disclosure.tests.test_disclosure_requests import apply

REGULATION = "《中华人民共和国政府信息公开条例》"
# The articles each letter must cite, written out by hand from the regulation.
EXPECTED_BASIS = {
    ("disclosed", ""): "第三十六条第二项",
    ("partly", ""): "第三十七条",
    ("not_disclosed", "state_secret"): "第十四条",
    ("not_disclosed", "prohibited_by_law"): "第十四条",
    ("not_disclosed", "endangers_security"): "第十四条",
    ("not_disclosed", "third_party_rights"): "第十五条",
    ("not_disclosed", "internal_affairs"): "第十六条第一款",
    ("not_disclosed", "process_information"): "第十六条第二款",
    ("not_disclosed", "enforcement_files"): "第十六条第二款",
    ("not_disclosed", "query_matters"): "第三十六条第七项",
    ("cannot_provide", "not_held"): "第三十六条第四项",
    ("cannot_provide", "needs_new_processing"): "第三十八条",
    ("cannot_provide", "unclear_after_correction"): "第三十条",
    ("not_handled", "petition"): "第三十九条第一款",
    ("not_handled", "repeat"): "第三十六条第六项",
    ("not_handled", "publication"): "第三十九条第二款",
    ("not_handled", "excessive"): "第三十五条",
    ("not_handled", "confirmation"): "第三十八条",
    ("other", "correction_overdue"): "第三十条",
    ("other", "fee_overdue"): "第四十二条，《政府信息公开信息处理费管理办法》",
    ("other", "other"): "第三十六条",
}


def text_of(docx_bytes: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs)


def test_every_statutory_outcome_and_sub_reason_has_an_expected_basis():
    statutory = {("disclosed", ""), ("partly", "")} | {
        (str(outcome), code) for outcome, rows in SUB_REASONS.items() for code, _label in rows
    }
    assert statutory == set(EXPECTED_BASIS)


@pytest.mark.django_db
@pytest.mark.parametrize(("outcome", "sub_reason"), sorted(EXPECTED_BASIS))
def test_the_letter_for_each_outcome_cites_its_basis_and_the_remedies(
    chengguan_officer, outcome, sub_reason
):
    request, _ = apply(document_number="城政发〔2026〕3号")
    actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    request.refresh_from_db()
    text = text_of(
        letters.build_letter(
            request,
            outcome=outcome,
            sub_reason=sub_reason,
            explanation="具体说明（测试）",
            on=date(2026, 10, 9),
        )
    )
    assert "政府信息公开申请答复书" in text
    assert REGULATION in text and EXPECTED_BASIS[(outcome, sub_reason)] in text
    assert "60日内依法申请行政复议" in text and "6个月内依法提起行政诉讼" in text
    assert request.case.receipt_number in text
    assert "林示范：" in text and "2026年9月21日" in text and "2026年10月9日" in text
    assert "2026年城关镇城乡低保资金发放明细" in text and "城政发〔2026〕3号" in text
    assert "示范县城关镇人民政府" in text or request.case.unit.name in text
    assert request.case.unit.disclosure_phone in text
    assert ("通过电子邮件方式提供" in text) == (outcome in ("disclosed", "partly"))


@pytest.mark.django_db
def test_not_held_names_the_responsible_body_under_article_36_item_5(chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    actions.reply(
        case,
        chengguan_officer,
        outcome=Outcome.CANNOT_PROVIDE,
        sub_reason="not_held",
        text="经核查，该信息由县民政局制作。",
        responsible_body="示范县民政局",
    )
    request.refresh_from_db()
    text = text_of(letters.reply_letter(request))
    assert "负责公开该政府信息的行政机关为示范县民政局" in text
    assert "第三十六条第五项" in text and "第三十六条第四项" not in text
    assert "经核查，该信息由县民政局制作。" in text


@pytest.mark.django_db
def test_an_officer_downloads_the_letter_once_the_request_is_replied(client, chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    client.force_login(chengguan_officer)
    url = f"/admin/disclosure-requests/{case.pk}/letter.docx"
    assert client.get(url).status_code == 404, "no letter before the reply"
    assert (
        "reply-letter" not in client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    )

    actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开，见附件。")
    assert url in client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert f"{case.receipt_number}.docx" in response["Content-Disposition"]
    text = text_of(response.content)
    assert "予以公开" in text and "第三十六条第二项" in text and "予以公开，见附件。" in text


@pytest.mark.django_db
def test_staff_of_another_unit_cannot_download_the_letter(
    client, chengguan_officer, qingshi_officer
):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开。")
    client.force_login(qingshi_officer)
    response = client.get(f"/admin/disclosure-requests/{case.pk}/letter.docx")
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403)
    assert "wordprocessingml" not in response.get("Content-Type", "")
    assert not response.content.startswith(b"PK"), "no .docx is sent"


def draft_fields(**fields) -> dict:
    values = {"outcome": "", "sub_reason": "", "responsible_body": "", "text": "", "on": ""}
    values.update(fields)
    return {f"reply-{name}": value for name, value in values.items()}


@pytest.mark.django_db
def test_an_officer_previews_the_letter_for_a_chosen_outcome_before_replying(
    client, chengguan_officer
):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    client.force_login(chengguan_officer)
    assert (
        'id="letter-draft"' in client.get(f"/admin/disclosure-requests/{case.pk}/").content.decode()
    )
    url = f"/admin/disclosure-requests/{case.pk}/letter-draft.docx"
    response = client.post(
        url,
        draft_fields(
            outcome="cannot_provide",
            sub_reason="not_held",
            responsible_body="示范县民政局",
            text="经核查，该信息由县民政局制作。",
        ),
    )
    assert response.status_code == 200
    text = text_of(response.content)
    assert "政府信息公开申请答复书（草稿）" in text and "示范县民政局" in text
    assert "第三十六条第五项" in text
    stored = DisclosureRequest.objects.get(pk=request.pk)
    assert stored.outcome == "" and stored.case.state == "registered", "a preview changes nothing"

    refused = client.post(url, draft_fields(outcome="not_disclosed", text="不予公开"), follow=True)
    assert "请选择具体情形" in refused.content.decode()
    assert not refused.content.startswith(b"PK")


@pytest.mark.django_db
def test_staff_of_another_unit_cannot_preview_a_letter(client, chengguan_officer, qingshi_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    client.force_login(qingshi_officer)
    response = client.post(
        f"/admin/disclosure-requests/{case.pk}/letter-draft.docx",
        draft_fields(outcome="disclosed", text="予以公开"),
    )
    assert response.status_code in (302, 403)
    assert not response.content.startswith(b"PK")


@pytest.mark.django_db
def test_the_fee_overdue_letter_recalls_the_fee_notice(chengguan_officer):
    request, _ = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 11, 2))
    case = actions.notify_fee(
        case, chengguan_officer, on=date(2026, 11, 4), method="pages", pages=50
    )
    actions.reply(
        case,
        chengguan_officer,
        on=date(2026, 12, 3),
        outcome=Outcome.OTHER,
        sub_reason="fee_overdue",
        text="逾期未缴费。",
    )
    request.refresh_from_db()
    text = text_of(letters.reply_letter(request))
    assert "2026年11月4日向您发出收费通知，信息处理费200.00元，缴费期限至2026年12月2日" in text
    assert "不再处理该政府信息公开申请" in text and "2026年12月3日" in text
