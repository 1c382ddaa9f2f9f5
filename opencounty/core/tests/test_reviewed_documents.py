"""Nothing public before review (issue 11, V9): a document an officer uploads is served to the
public only once a published page uses it."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from opencounty.core.models import Unit
from opencounty.portal.models import ArticleAttachment, ArticlePage
from opencounty.portal.tests.helpers import column_of

PDF = b"%PDF-1.4 a draft decision not yet approved"


def upload(unit_code: str = "T01"):
    document = get_document_model()(
        title="拟发文件（草稿）", collection=Unit.objects.get(code=unit_code).collection
    )
    document.file.save("draft-decision.pdf", ContentFile(PDF), save=True)
    return document


def fetch(client, document):
    return client.get(document.url)


@pytest.mark.django_db
def test_an_uploaded_document_is_not_served_to_the_public_until_a_published_page_uses_it(
    client, chengguan_officer
):
    document = upload()
    assert fetch(client, document).status_code == 404
    article = ArticlePage(title="关于某事项的决定", body="<p>正文</p>", live=False)
    article.attachments.add(ArticleAttachment(document=document))
    column_of("T01").add_child(instance=article)
    article.save_revision()
    assert fetch(client, document).status_code == 404, "a draft page does not make it public"
    article.save_revision().publish()
    response = fetch(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_staff_of_the_documents_unit_preview_it_others_do_not(
    client, chengguan_officer, qingshi_officer
):
    document = upload("T01")
    client.force_login(qingshi_officer)
    assert fetch(client, document).status_code == 404
    client.force_login(chengguan_officer)
    assert fetch(client, document).status_code == 200
