"""Hostile text in every parameter of the public catalogue and the API: never a 500."""

import json

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["\x00", "-1", "1e309", "abc", '"', "organization:", 'tags:"', "../..", "*:*"]),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=HOSTILE, unit=HOSTILE, classification=HOSTILE, page=HOSTILE)
def test_the_public_catalogue_survives_anything(db, q, unit, classification, page):
    response = Client().get(
        "/data/", {"q": q, "unit": unit, "classification": classification, "page": page}
    )
    assert response.status_code in (200, 400)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    action=st.sampled_from(
        [
            "package_list",
            "package_show",
            "package_search",
            "organization_list",
            "organization_show",
            "tag_list",
        ]
    ),
    values=st.dictionaries(
        st.sampled_from(["q", "fq", "rows", "start", "id", "limit", "offset", "all_fields"]),
        st.one_of(HOSTILE, st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
        max_size=4,
    ),
    as_json=st.booleans(),
)
def test_the_api_answers_ckans_envelope_whatever_it_is_sent(db, action, values, as_json):
    client = Client()
    if as_json:
        response = client.post(
            f"/api/3/action/{action}", json.dumps(values), content_type="application/json"
        )
    else:
        plain = {k: v for k, v in values.items() if isinstance(v, str | int)}
        response = client.get(f"/api/3/action/{action}", plain)
    assert response.status_code in (200, 400, 404, 409)
    body = response.json()
    assert body["success"] is (response.status_code == 200)
