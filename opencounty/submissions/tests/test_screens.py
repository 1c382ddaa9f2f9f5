"""The staff screens: what each person sees and what their clicks store."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import load_workbook

from opencounty.core.models import Unit
from opencounty.submissions import actions
from opencounty.submissions.models import Submission
from opencounty.submissions.tests.people import item_data, sent_item

pytestmark = pytest.mark.django_db


def form_data(**changes) -> dict:
    data = {**item_data(), "verb": "send"}
    data.update(changes)
    return data


def signed_in(client, user):
    client.force_login(user)
    return client


def text_of(response) -> str:
    return response.content.decode()


def test_an_officer_writes_and_sends_an_item_and_the_leader_approves_it(
    client, chengguan_officer, chengguan_reviewer
):
    signed_in(client, chengguan_officer)
    response = client.post("/admin/submissions/new/", form_data())
    item = Submission.objects.get(title=item_data()["title"])
    assert response.status_code == 302 and item.state == Submission.State.AWAITING_APPROVAL
    assert "信息已保存并送本单位领导审签" in text_of(client.get(response["Location"]))

    signed_in(client, chengguan_reviewer)
    page = text_of(client.get(f"/admin/submissions/{item.pk}/"))
    assert "审签并报送" in page
    response = client.post(f"/admin/submissions/{item.pk}/", {"verb": "approve"}, follow=True)
    item.refresh_from_db()
    assert item.state == Submission.State.SUBMITTED
    assert f"全县编号 {item.reference}" in text_of(response)


def test_another_township_sees_nothing_of_the_first_one_s_items(
    client, chengguan_officer, chengguan_reviewer, qingshi_officer, dispatcher
):
    draft = actions.save_draft(
        Unit.objects.get(code="T01"), chengguan_officer, item_data(title="城关镇草稿信息")
    )
    sent = sent_item(chengguan_officer, chengguan_reviewer, title="城关镇已报信息")
    signed_in(client, qingshi_officer)
    listing = text_of(client.get("/admin/submissions/"))
    assert "城关镇草稿信息" not in listing and "城关镇已报信息" not in listing
    for item in (draft, sent):
        assert client.get(f"/admin/submissions/{item.pk}/").status_code == 404
        assert client.get(f"/admin/submissions/{item.pk}/edit/").status_code == 404
        client.post(f"/admin/submissions/{item.pk}/", {"verb": "request_approval"})
    assert Submission.objects.get(pk=draft.pk).state == Submission.State.DRAFT
    signed_in(client, dispatcher)
    listing = text_of(client.get("/admin/submissions/"))
    assert "城关镇已报信息" in listing and "城关镇草稿信息" not in listing  # never a unit's draft
    assert client.get(f"/admin/submissions/{draft.pk}/").status_code == 404


def test_the_editor_adopts_into_an_issue_and_the_docx_carries_it(
    client, chengguan_officer, chengguan_reviewer, dispatcher, office_headline_reviewer
):
    item = sent_item(chengguan_officer, chengguan_reviewer)
    signed_in(client, dispatcher)
    client.post("/admin/submissions/bulletins/", {"bulletin": "affairs", "issued_on": "2026-03-03"})
    issue = item.__class__.issue.field.related_model.objects.get(bulletin="affairs")
    client.post(
        f"/admin/submissions/{item.pk}/",
        {
            "verb": "edit_text",
            "text-title": "城关镇改造老旧小区",
            "text-body": "改造完成。\n惠及八百户。",
        },
    )
    response = client.post(
        f"/admin/submissions/{item.pk}/",
        {"verb": "adopt", "adopt-issue": issue.pk, "adopt-adopted_on": "2026-03-03"},
        follow=True,
    )
    assert f"已采用到{issue}" in text_of(response)
    page = text_of(client.get(f"/admin/submissions/{item.pk}/"))
    assert "采用稿与原稿对照" in page and "惠及八百户" in page

    signed_in(client, office_headline_reviewer)
    client.post(f"/admin/submissions/bulletins/{issue.pk}/")
    issue.refresh_from_db()
    assert issue.state == "signed"
    response = client.get(f"/admin/submissions/bulletins/{issue.pk}/issue.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "政务信息" in text and f"{issue.year}年第{issue.number}期" in text
    assert "城关镇改造老旧小区" in text and "惠及八百户。" in text
    assert "（示范县城关镇人民政府供稿）" in text or "供稿）" in text
    assert "报：市政府办公室" in text
    assert document.paragraphs[0].runs[0].font.color.rgb == (0xE6, 0x00, 0x12)  # red masthead


def test_a_unit_sees_only_signed_issues(client, chengguan_officer, dispatcher):
    issue = actions.create_issue("politics", dispatcher)
    signed_in(client, chengguan_officer)
    assert client.get(f"/admin/submissions/bulletins/{issue.pk}/").status_code == 404
    assert client.get(f"/admin/submissions/bulletins/{issue.pk}/issue.docx").status_code == 404


def test_the_ranking_exports_to_excel_with_typed_text_kept_as_text(
    client, chengguan_officer, chengguan_reviewer, dispatcher
):
    item = sent_item(chengguan_officer, chengguan_reviewer, "2026-03-02 09:00")
    issue = actions.create_issue("affairs", dispatcher, on=item.submitted_at.date())
    actions.adopt(item, issue, dispatcher, on=item.submitted_at.date())
    Unit.objects.filter(code="T01").update(name='=HYPERLINK("http://evil.example","点")')
    signed_in(client, dispatcher)
    page = text_of(client.get("/admin/submissions/scores/?kind=month&year=2026&part=3"))
    assert "2026年3月" in page and "5.00" in page
    response = client.get("/admin/submissions/scores/scores.xlsx?kind=month&year=2026&part=3")
    sheet = load_workbook(io.BytesIO(response.content))["单位排名"]
    first = [cell.value for cell in sheet[3]]
    assert first[:3] == [1, '=HYPERLINK("http://evil.example","点")', 5]
    assert sheet["B3"].data_type == "s" and sheet["B3"].quotePrefix


def test_a_unit_sees_the_ranking_but_not_the_officers_nor_the_export(client, chengguan_officer):
    signed_in(client, chengguan_officer)
    page = text_of(client.get("/admin/submissions/scores/"))
    assert "单位排名" in page and "本单位" in page and "信息员排名" not in page
    refused = client.get("/admin/submissions/scores/scores.xlsx")
    assert refused.status_code in (302, 403) and "spreadsheet" not in refused["Content-Type"]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"body": "   "}, "必需字段"),
        ({"title": ""}, "必需字段"),
        ({"body": "长" * 20_001}, "20000"),
        ({"category": "research", "source_note": ""}, "须附原始痕迹资料"),
        ({"category": "special", "source_note": "照片"}, "专报须填写事件发生时间"),
        ({"category": "gossip"}, "选择一个有效的选项"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(
    client, chengguan_officer, changes, message
):
    signed_in(client, chengguan_officer)
    before = Submission.objects.count()
    response = client.post("/admin/submissions/new/", form_data(**changes), follow=True)
    assert message in text_of(response)
    stored = Submission.objects.exclude(state=Submission.State.DRAFT).count()
    if message == "须附原始痕迹资料":  # the draft is kept; it cannot be sent
        assert stored == 0
    else:
        assert Submission.objects.count() == before


def test_a_wrong_attachment_type_is_refused(client, chengguan_officer):
    signed_in(client, chengguan_officer)
    fake = SimpleUploadedFile("现场.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post("/admin/submissions/new/", {**form_data(), "attachment": fake})
    assert "格式不被接受" in text_of(response)
    assert not Submission.objects.exists()


def test_a_five_megabyte_paste_is_refused_whole(client, chengguan_officer):
    signed_in(client, chengguan_officer)
    response = client.post("/admin/submissions/new/", form_data(body="长" * (5 * 1024 * 1024 // 3)))
    assert response.status_code == 400 and "请求有误" in text_of(response)
    assert not Submission.objects.exists()


def test_an_illegal_step_is_explained_in_chinese(
    client, chengguan_officer, chengguan_reviewer, dispatcher
):
    item = sent_item(chengguan_officer, chengguan_reviewer)
    signed_in(client, dispatcher)
    response = client.post(
        f"/admin/submissions/{item.pk}/", {"verb": "return", "return-reason": ""}, follow=True
    )
    assert "理由：必需字段" in text_of(response)
    actions.return_submission(item, dispatcher, "请补充数据。")
    issue = actions.create_issue("affairs", dispatcher)
    response = client.post(
        f"/admin/submissions/{item.pk}/",
        {"verb": "adopt", "adopt-issue": issue.pk, "adopt-adopted_on": "2026-03-03"},
        follow=True,
    )
    assert "信息当前为“已退回”，不能采用" in text_of(response)
    item.refresh_from_db()
    assert item.state == Submission.State.RETURNED and item.issue is None
    signed_in(client, chengguan_officer)
    response = client.post(f"/admin/submissions/{item.pk}/", {"verb": "approve"}, follow=True)
    assert "只有本单位领导可以审签信息" in text_of(response) or "不能审签" in text_of(response)


def test_the_editor_merges_items_on_the_lead_item_s_page(
    client, chengguan_officer, chengguan_reviewer, qingshi_officer, qingshi_reviewer, dispatcher
):
    lead = sent_item(chengguan_officer, chengguan_reviewer, title="城关镇的信息")
    other = sent_item(qingshi_officer, qingshi_reviewer, title="青石镇的同类信息")
    signed_in(client, dispatcher)
    assert "青石镇的同类信息" in text_of(client.get(f"/admin/submissions/{lead.pk}/"))
    response = client.post(
        f"/admin/submissions/{lead.pk}/", {"verb": "merge", "merge-others": [other.pk]}, follow=True
    )
    assert "已合并 1 条信息" in text_of(response)
    other.refresh_from_db()
    assert other.state == Submission.State.MERGED and other.merged_into == lead


def test_an_item_the_text_check_stops_stays_one_draft(client, chengguan_officer):
    from opencounty.core.models import WordRule

    WordRule.objects.get_or_create(phrase="按装", defaults={"kind": "typo", "suggestion": "安装"})
    signed_in(client, chengguan_officer)
    response = client.post(
        "/admin/submissions/new/", form_data(body="为群众按装路灯。"), follow=True
    )
    assert "建议改为“安装”" in text_of(response)
    item = Submission.objects.get()
    assert item.state == Submission.State.DRAFT
    assert response.redirect_chain[-1][0] == f"/admin/submissions/{item.pk}/edit/"
    client.post(f"/admin/submissions/{item.pk}/edit/", form_data(body="为群众安装路灯。"))
    item.refresh_from_db()
    assert Submission.objects.count() == 1 and item.state == Submission.State.AWAITING_APPROVAL
