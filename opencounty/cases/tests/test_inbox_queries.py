"""The shared case inbox reads a page of cases in a fixed number of queries: fifty letters
cost what five cost, whatever each row shows (unit, colour, the kind's own columns)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD
from opencounty.cases import staff_views
from opencounty.supervision.tests.helpers import disclosure_request, letter, staff

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "kind, make",
    [
        ("letter", lambda: letter("T01")),
        ("disclosure", lambda: disclosure_request("T01", received_on=None)),
    ],
)
def test_fifty_cases_cost_the_queries_of_five(client, django_assert_num_queries, kind, make):
    for _ in range(5):
        make()
    client.login(username=staff("T01").username, password=PASSWORD)
    url = staff_views.inbox_url(kind)
    client.get(url)  # the first request fills what later ones keep
    five = queries_for(client, url)
    for _ in range(45):
        make()
    with django_assert_num_queries(five):
        response = client.get(url)
    assert len(response.context["rows"]) >= 50


def test_the_inbox_is_read_a_page_at_a_time_most_urgent_first(client, monkeypatch):
    monkeypatch.setattr(staff_views, "PAGE_ROWS", 4)
    for _ in range(10):
        letter("T01")
    client.login(username=staff("T01").username, password=PASSWORD)
    url = staff_views.inbox_url("letter")
    first = client.get(url, {"state": ""})
    total = first.context["page"].paginator.count
    assert total >= 10 and len(first.context["rows"]) == 4
    pages = -(-total // 4)
    body = first.content.decode()
    assert f"第 1 页，共 {pages} 页（第 1–4 条，共 {total} 条）" in body
    assert 'href="?state=&amp;page=2" rel="next"' in body
    seen = [case.pk for case, _warning in first.context["rows"]]
    for number in range(2, pages + 1):
        seen += [case.pk for case, _w in client.get(url, {"page": number}).context["rows"]]
    whole = staff_views._ordered(staff_views.actions.visible_cases(staff("T01"), "letter"))
    assert seen == list(whole.values_list("pk", flat=True))
    for asked, shown in (("x", 1), ("0", 1), ("-1", 1), ("999", pages)):
        response = client.get(url, {"page": asked})
        assert response.status_code == 200 and response.context["page"].number == shown, asked
