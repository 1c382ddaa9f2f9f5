"""PostgreSQL chooses the window of a word found in many pages from its statistics
(docs/decisions/0026, 0027): however wrong they are, it ranks the newest WINDOW matches and
no more, and every page of results lists each match once."""

import pytest
from django.db import connection

from opencounty.portal.tests.helpers import column_of
from opencounty.search import engine
from opencounty.search.query import search_articles
from opencounty.search.tests.helpers import daily_articles, publish, titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner only"),
]


def _analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {engine.ENTRY_TABLE}")


def test_a_window_reaching_too_far_back_still_ranks_only_the_newest(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW", 5)
    old = publish(column_of("T01"), "葡萄葡萄葡萄", "葡萄葡萄葡萄葡萄葡萄。", days_ago=20)
    daily_articles(column_of("T01"), "葡萄", 12, lambda day: f"葡萄简报{day}")
    _analyze()
    # As if the statistics put the five newest matches a year back: every match is in range.
    monkeypatch.setattr(engine._PostgreSQL, "since", lambda self: 1)
    found = search_articles("葡萄")
    assert titles(found) == [f"葡萄简报{day}" for day in range(1, 13)] + [old.title]


def test_words_that_go_together_page_once_when_the_count_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW", 3)
    monkeypatch.setattr(engine, "EXACT_COUNT_UP_TO", 5)
    ids = daily_articles(column_of("T01"), "防汛 抗旱", 12, lambda day: f"防汛抗旱简报{day}")
    publish(column_of("T02"), "防汛物资", "防汛物资清点。", days_ago=2)  # one word only
    _analyze()
    # The planner takes 防汛 and 抗旱 for independent: its estimate of both is far too low.
    monkeypatch.setattr(engine, "_estimate", lambda cursor, sql, params: 1)
    found = search_articles("防汛 抗旱")
    assert found.at_least and found.total == 5
    now, matches = found.now, found.exact_count

    def page(offset: int, limit: int) -> list[int]:
        rows = engine.ranked(
            found.exact, found.filters, now=now, limit=limit, offset=offset, matches=matches
        )
        return [pk for pk, _score in rows]

    drivers = []
    driver = engine._PostgreSQL._driver
    monkeypatch.setattr(
        engine._PostgreSQL, "_driver", lambda self, expr: drivers.append(expr) or driver(self, expr)
    )
    listed = page(0, 20)
    assert drivers  # the window was read by the rarer word, then the whole query
    assert sorted(listed) == sorted(ids)
    assert [pk for start in range(0, 12, 4) for pk in page(start, 4)] == listed
