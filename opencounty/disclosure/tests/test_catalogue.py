"""Catalogue metadata on articles: index numbers, validity on the original page, the 20-day limit."""

import threading
from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from opencounty.disclosure import catalogue as c
from opencounty.disclosure.catalogue_admin import late_entries, lateness_warning
from opencounty.disclosure.index_numbers import assign_index_number
from opencounty.disclosure.models import CatalogueRecord, IndexNumber
from opencounty.portal.models import ArticlePage
from opencounty.portal.tests.helpers import column_of

pytestmark = pytest.mark.django_db


def catalogued_article(unit_code: str, title: str, **record) -> ArticlePage:
    """A draft policy article of the unit carrying catalogue metadata, saved as an editor would."""
    fields = {
        "document_number": "城政发〔2026〕3号",
        "subject": c.Subject.AGRICULTURE,
        "statutory_category": "a21t_homestead",
        "document_class": c.DocumentClass.NORMATIVE,
        "genre": c.Genre.OPINION,
        "made_on": date(2026, 3, 2),
    } | record
    article = ArticlePage(title=title, body="<p>宅基地审核办法正文。</p>", live=False)
    article.catalogue = [CatalogueRecord(**fields)]
    column_of(unit_code, "policies").add_child(instance=article)
    return article


def publish(article: ArticlePage, on: datetime | None = None) -> ArticlePage:
    revision = article.save_revision()
    revision.publish()
    if on is not None:
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=on)
    return ArticlePage.objects.get(pk=article.pk)


def test_publishing_takes_an_index_number_that_later_publications_keep():
    first = publish(catalogued_article("T01", "城关镇宅基地审核办法"))
    number = IndexNumber.objects.get(page=first)
    assert number.number == f"T01/2026-{number.sequence:05d}"

    first.title = "城关镇宅基地审核办法（修订）"
    publish(first)
    assert IndexNumber.objects.get(page=first).number == number.number

    second = publish(catalogued_article("T01", "城关镇农田水利管护办法"))
    assert IndexNumber.objects.get(page=second).sequence == number.sequence + 1


def test_a_deleted_articles_number_is_never_reused():
    gone = publish(catalogued_article("T01", "将被删除的文件"))
    number = IndexNumber.objects.get(page=gone).number
    gone.delete()
    kept = IndexNumber.objects.get(number=number)
    assert kept.page_id is None
    later = publish(catalogued_article("T01", "后来的文件"))
    assert IndexNumber.objects.get(page=later).number != number


def test_articles_without_catalogue_metadata_get_no_number():
    article = ArticlePage(title="普通新闻", body="<p>新闻。</p>", live=False)
    column_of("T01", "news").add_child(instance=article)
    publish(article)
    assert not IndexNumber.objects.filter(page=article).exists()


def test_bad_metadata_gets_chinese_errors():
    record = CatalogueRecord(
        subject=c.Subject.GENERAL,
        statutory_category="a20_01",
        genre=c.Genre.NOTICE,
        made_on=date(2026, 3, 2),
        changed_on=date(2026, 3, 1),
        disclosure_mode=c.DisclosureMode.NOT_DISCLOSED,
        validity=c.Validity.REPEALED,
    )
    with pytest.raises(ValidationError) as raised:
        record.clean()
    errors = raised.value.message_dict
    assert errors["not_disclosed_reason"] == ["不予公开的，请写明理由。"]
    assert errors["validity_changed_on"] == ["已废止或已失效的，请填写废止或失效日期。"]
    assert errors["changed_on"] == ["变更日期不能早于成文日期。"]


def test_the_original_page_shows_the_metadata_and_that_it_was_repealed(client):
    article = publish(
        catalogued_article(
            "T01",
            "城关镇旧宅基地办法",
            validity=c.Validity.REPEALED,
            validity_changed_on=date(2026, 6, 30),
        )
    )
    html = client.get(article.url).content.decode()
    assert IndexNumber.objects.get(page=article).number in html
    assert "城政发〔2026〕3号" in html
    assert "宅基地使用情况审核" in html
    assert "本文件已废止（2026-06-30）" in html
    assert "宅基地审核办法正文" in html


def test_information_disclosed_on_request_shows_the_entry_but_not_the_content(client):
    article = publish(
        catalogued_article("T01", "城关镇内部名册", disclosure_mode=c.DisclosureMode.ON_REQUEST)
    )
    html = client.get(article.url).content.decode()
    assert "城关镇内部名册" in html
    assert "宅基地审核办法正文" not in html
    assert "/disclosure/apply/T01/" in html


def test_the_twenty_working_day_limit_is_counted_on_the_calendar():
    # 2 March 2026 (Monday) + 20 working days ends on Monday 30 March.
    assert c.publication_lag(date(2026, 3, 2), date(2026, 3, 30)) == 20
    assert not c.is_late(date(2026, 3, 2), date(2026, 3, 30))
    assert c.is_late(date(2026, 3, 2), date(2026, 3, 31))
    # Across Mid-Autumn and National Day 2026 (25-27 September and 1-7 October off,
    # Saturday 10 October worked): made on 25 September, the 20th working day is 29 October.
    assert c.publication_lag(date(2026, 9, 25), date(2026, 10, 29)) == 20
    assert c.is_late(date(2026, 9, 25), date(2026, 10, 30))


def test_late_publication_warns_the_editor_and_the_supervision_list(chengguan_officer):
    on_time = publish(
        catalogued_article("T01", "按时公开的文件"),
        on=timezone.make_aware(datetime(2026, 3, 30, 10)),
    )
    late = publish(
        catalogued_article("T01", "超期公开的文件"),
        on=timezone.make_aware(datetime(2026, 3, 31, 10)),
    )
    assert lateness_warning(on_time) is None
    assert "2026-03-02" in lateness_warning(late) and "第二十六条" in lateness_warning(late)

    from opencounty.core.models import Unit

    today = date(2026, 11, 23)
    titles = {e.record.page.title for e in late_entries([Unit.objects.get(code="T01")], today)}
    assert "超期公开的文件" in titles and "按时公开的文件" not in titles
    other = {e.record.page.title for e in late_entries([Unit.objects.get(code="T02")], today)}
    assert "超期公开的文件" not in other


def test_the_supervision_list_is_scoped_to_the_officers_unit(
    client, chengguan_officer, qingshi_officer
):
    from conftest import PASSWORD

    publish(
        catalogued_article("T01", "城关镇超期文件"),
        on=timezone.make_aware(datetime(2026, 4, 30, 10)),
    )
    client.login(username=qingshi_officer.username, password=PASSWORD)
    assert "城关镇超期文件" not in client.get("/admin/disclosure-catalogue/late/").content.decode()
    client.login(username=chengguan_officer.username, password=PASSWORD)
    assert "城关镇超期文件" in client.get("/admin/disclosure-catalogue/late/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_never_share_an_index_number():
    from conftest import build_small_county

    build_small_county()
    writers, each = 4, 5
    articles = [catalogued_article("T01", f"并发文件{i}") for i in range(writers * each)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def number(batch) -> None:
        try:
            barrier.wait()
            for article in batch:
                assign_index_number(article)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=number, args=(articles[i::writers],)) for i in range(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(
        IndexNumber.objects.filter(page__in=articles).values_list("sequence", flat=True)
    )
    assert len(sequences) == writers * each
    assert sequences == list(range(sequences[0], sequences[0] + writers * each))


def test_the_annual_reports_normative_document_counts():
    from opencounty.core.models import Unit

    township = Unit.objects.get(code="T02")
    before = c.normative_document_counts([township], 2026)["normative"]
    publish(catalogued_article("T02", "本年制发", made_on=date(2026, 2, 2)))
    publish(
        catalogued_article(
            "T02",
            "本年制发又废止",
            made_on=date(2026, 2, 3),
            validity=c.Validity.REPEALED,
            validity_changed_on=date(2026, 9, 1),
        )
    )
    publish(
        catalogued_article(
            "T02",
            "往年制发明年失效",
            made_on=date(2024, 5, 6),
            validity=c.Validity.EXPIRED,
            validity_changed_on=date(2027, 1, 10),
        )
    )
    publish(catalogued_article("T02", "其他文件", document_class=c.DocumentClass.OTHER))
    after = c.normative_document_counts([township], 2026)["normative"]
    assert after["made"] - before["made"] == 2
    assert after["repealed"] - before["repealed"] == 1
    assert after["in_force"] - before["in_force"] == 2  # 本年制发 and 往年制发明年失效
    assert c.normative_document_counts([township], 2026)["regulation"] == {
        "made": 0,
        "repealed": 0,
        "in_force": 0,
    }
