"""Searches that find nothing are counted per day for the office, without personal data, in a
table that stays small however it is flooded."""

from datetime import date, timedelta

import pytest
import time_machine

from conftest import persona
from opencounty.core.models import Role
from opencounty.search import actions
from opencounty.search.actions import loggable_text, note_zero_result
from opencounty.search.models import ZeroResultQuery
from opencounty.services.tests.helpers import county_hall

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 1)
SITE = ZeroResultQuery.Where.SITE


def counts(**filters) -> dict[str, int]:
    rows = ZeroResultQuery.objects.filter(**filters)
    return {row.query: row.count for row in rows}


def test_searches_that_find_nothing_are_counted_per_day_and_place(client):
    with time_machine.travel("2026-12-01 10:00 +08:00"):
        for _ in range(3):
            client.get("/search/", {"q": "火星移民"})
        client.get(county_hall().url + "search/", {"q": "火星移民"})
    with time_machine.travel("2026-12-02 10:00 +08:00"):
        client.get("/search/", {"q": "火星移民"})
    assert counts(day=DAY, where=SITE) == {"火星移民": 3}
    assert counts(day=DAY, where=ZeroResultQuery.Where.SERVICES) == {"火星移民": 1}
    assert counts(day=DAY + timedelta(days=1)) == {"火星移民": 1}
    # Nothing but the text, the place, the day and the count is kept.
    fields = {f.name for f in ZeroResultQuery._meta.get_fields()}
    assert fields == {"id", "day", "where", "query", "count"}


def test_searches_that_find_something_or_are_filtered_are_not_counted(client):
    client.get("/search/", {"q": "政府"})
    client.get("/search/", {"q": "火星移民", "date_from": "2026-01-01"})
    client.get("/search/", {"q": "   "})
    assert not ZeroResultQuery.objects.exists()


def test_a_search_that_finds_nothing_is_counted_every_time_not_served_from_the_page_cache(
    client, settings
):
    first = client.get("/search/", {"q": "火星移民"})
    second = client.get("/search/", {"q": "火星移民"})
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert sum(counts().values()) == 2
    found = client.get("/search/", {"q": "政府"})
    assert client.get("/search/", {"q": "政府"})["X-Page-Cache"] == "hit", found


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("  火星\x00移民\r\n", "火星 移民"),
        ("\u202e火星\u200b移民", "火星移民"),
        ("ＡＢＣ 社保", "abc 社保"),
        ("身份证 11010519491231002X 丢了", "身份证 ＊ 丢了"),
        ("我的电话 138-0000-1234", "我的电话 ＊"),
        ("联系 someone@example.com 谢谢", "联系 ＊ 谢谢"),
        ("12345热线", "12345热线"),
        ("办" * 80, "办" * 30),
        ("13800001234", ""),
        ("。。！！", ""),
    ],
)
def test_the_log_keeps_no_personal_data_and_no_control_characters(typed, kept):
    assert loggable_text(typed) == kept


def test_a_flood_of_different_words_grows_one_counter_not_the_table(monkeypatch):
    monkeypatch.setattr(actions, "MAX_QUERIES_PER_DAY", 5)
    for n in range(20):
        note_zero_result(f"随机词{n}号", where=SITE, on=DAY)
    note_zero_result("随机词0号", where=SITE, on=DAY)
    rows = counts(day=DAY)
    assert len(rows) == 6
    assert rows["随机词0号"] == 2
    assert rows[actions.OTHER_QUERIES] == 15


def test_days_older_than_the_keeping_period_are_removed(monkeypatch):
    note_zero_result("旧词", where=SITE, on=DAY - timedelta(days=actions.KEEP_DAYS + 1))
    note_zero_result("近词", where=SITE, on=DAY - timedelta(days=actions.KEEP_DAYS))
    note_zero_result("今天的词", where=SITE, on=DAY)
    assert set(counts()) == {"近词", "今天的词"}


def test_the_office_reads_the_most_frequent_missed_words_and_can_add_them(client):
    with time_machine.travel("2026-12-01 10:00 +08:00"):
        for word, times in (("狗证", 4), ("医保", 2), ("火星移民", 1)):
            for _ in range(times):
                note_zero_result(word, where=SITE, on=DAY)
        client.force_login(persona("office_officer", "001", Role.INFORMATION_OFFICER))
        assert '"url": "/admin/search-misses/"' in client.get("/admin/").content.decode()
        html = client.get("/admin/search-misses/").content.decode()
        # Still on that day: a staff session ends 8 hours after its login, whatever today is.
        form = client.get("/admin/synonyms/new/?term=狗证").content.decode()
    assert html.index("狗证") < html.index("医保") < html.index("火星移民")
    assert "<td>4</td>" in html
    assert 'href="/admin/synonyms/new/?term=%E7%8B%97%E8%AF%81"' in html
    assert "已在同义词表中" in html  # 医保 is in the table already
    assert 'value="狗证"' in form


def test_only_the_office_reads_the_report(client):
    client.force_login(persona("cg_officer", "T01", Role.INFORMATION_OFFICER))
    assert client.get("/admin/search-misses/").status_code in (302, 403)
    assert '"url": "/admin/search-misses/"' not in client.get("/admin/").content.decode()
