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
