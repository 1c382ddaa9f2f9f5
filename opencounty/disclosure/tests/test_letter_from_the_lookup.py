"""The applicant downloads the reply letter from the progress lookup: a POST with the receipt
number and query code, checked again, counted against the lookup's limit, never cached, and
the query code never in a URL."""

import io
import re
from datetime import date

import pytest
from docx import Document

from opencounty.cases.actions import LOOKUP_ATTEMPTS_PER_HOUR
from opencounty.core.models import AuditEntry
from opencounty.disclosure import actions
from opencounty.disclosure.outcomes import Outcome
from opencounty.disclosure.tests.test_disclosure_requests import apply

pytestmark = pytest.mark.django_db

DOWNLOAD = "/disclosure/reply-letter/"


@pytest.fixture
def answered(chengguan_officer):
    request, query_code = apply()
    case = actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    actions.reply(case, chengguan_officer, outcome=Outcome.DISCLOSED, text="予以公开，见附件。")
    return case, query_code


def pair(case, query_code: str) -> dict:
    return {"receipt_number": case.receipt_number, "query_code": query_code}


def test_the_lookup_offers_the_letter_as_a_form_that_keeps_the_code_out_of_urls(client, answered):
    case, query_code = answered
    page = client.post("/cases/lookup/", pair(case, query_code)).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*id="reply-letter-form"', page)
    assert form and form.group(1) == DOWNLOAD
    assert "下载答复书（Word）" in page
    urls = re.findall(r'(?:href|action|src)="([^"]*)"', page)
    assert urls and not any(query_code in url for url in urls)


def test_the_right_pair_downloads_the_letter_and_the_download_is_audited(client, answered):
    case, query_code = answered
    response = client.post(DOWNLOAD, pair(case, query_code))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert f'filename="{case.receipt_number}.docx"' in response["Content-Disposition"]
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert case.receipt_number in text and "予以公开，见附件。" in text
    entry = AuditEntry.objects.get(action="disclosure.reply_letter_downloaded")
    assert entry.object_id == str(case.pk) and entry.actor is None


def test_a_wrong_code_gets_no_letter_and_a_chinese_refusal(client, answered):
    case, _query_code = answered
    response = client.post(DOWNLOAD, pair(case, "WRONG234"))
    assert response.status_code == 403
    assert not response.content.startswith(b"PK")
    assert "未找到办件" in response.content.decode()
    assert not AuditEntry.objects.filter(action="disclosure.reply_letter_downloaded").exists()


def test_wrong_codes_at_the_download_lock_the_client_out_of_the_lookup_too(client, answered):
    case, query_code = answered
    for _attempt in range(LOOKUP_ATTEMPTS_PER_HOUR):
        assert client.post(DOWNLOAD, pair(case, "WRONG234")).status_code == 403
    assert client.post(DOWNLOAD, pair(case, query_code)).status_code == 403
    locked = client.post("/cases/lookup/", pair(case, query_code)).content.decode()
    assert "未找到办件" in locked and "予以公开，见附件。" not in locked


def test_the_download_is_a_post_only(client, answered):
    case, query_code = answered
    assert client.get(DOWNLOAD, pair(case, query_code)).status_code == 405


def test_before_the_answer_there_is_no_letter_to_download(client, chengguan_officer):
    request, query_code = apply()
    actions.register(request.case, chengguan_officer, on=date(2026, 9, 21))
    page = client.post("/cases/lookup/", pair(request.case, query_code)).content.decode()
    assert "reply-letter-form" not in page
    response = client.post(DOWNLOAD, pair(request.case, query_code))
    assert response.status_code == 404 and "尚未答复" in response.content.decode()


def test_a_letter_from_the_mailbox_gets_no_disclosure_reply_letter(client):
    from opencounty.interaction.tests.test_letters import write

    letter, query_code = write()
    response = client.post(DOWNLOAD, pair(letter.case, query_code))
    assert response.status_code == 403 and not response.content.startswith(b"PK")
