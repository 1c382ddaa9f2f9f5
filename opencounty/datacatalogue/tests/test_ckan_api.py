"""The CKAN-compatible Action API: CKAN's envelope, its error types and statuses, GET and POST,
only openly published resources, and no 500 whatever the parameters."""

import json

import pytest

from opencounty.datacatalogue.models import Resource
from opencounty.datacatalogue.tests.conftest import publish_open


def _get(client, action, **params):
    response = client.get(f"/api/3/action/{action}", params)
    return response.status_code, response.json()


def test_package_list_shows_only_openly_published_datasets(demo_catalogue, client, draft):
    status, body = _get(client, "package_list")
    assert status == 200 and body["success"] is True
    assert body["help"].endswith("/api/3/action/help_show?name=package_list")
    open_ones = Resource.objects.filter(state="published", opening="unconditional")
    assert sorted(body["result"]) == sorted(r.slug for r in open_ones)
    assert draft.slug not in body["result"]
    hidden = Resource.objects.filter(state="published").exclude(opening="unconditional").first()
    assert hidden.slug not in body["result"]


def test_package_show_by_name_or_id_and_not_found(client, draft, jiaoyu_officer, jiaoyu_reviewer):
    publish_open(draft, jiaoyu_officer, jiaoyu_reviewer)
    by_name = _get(client, "package_show", id=draft.slug)[1]["result"]
    by_id = _get(client, "package_show", id=str(draft.uuid))[1]["result"]
    assert by_name == by_id
    assert by_name["title"] == "学校名录"
    assert by_name["organization"]["name"] == "d02"
    assert [t["name"] for t in by_name["tags"]] == ["教育", "学校"]
    assert by_name["resources"][0]["format"] == "CSV"
    assert by_name["resources"][0]["url"].endswith(f"/data/{draft.slug}/download.csv")
    assert [i["name"] for i in by_name["data_items"]] == ["学校名称", "在校学生数", "建校日期"]
    status, body = _get(client, "package_show", id="no-such-dataset")
    assert status == 404
    assert body["success"] is False and body["error"]["__type"] == "Not Found Error"
    status, body = _get(client, "package_show")
    assert status == 409 and body["error"]["__type"] == "Validation Error" and "id" in body["error"]


def test_package_search_with_q_fq_rows_and_start(
    demo_catalogue, client, draft, jiaoyu_officer, jiaoyu_reviewer
):
    publish_open(draft, jiaoyu_officer, jiaoyu_reviewer)
    result = _get(client, "package_search", q="学校", fq="organization:d02")[1]["result"]
    assert draft.slug in [r["name"] for r in result["results"]]
    assert all(r["organization"]["name"] == "d02" for r in result["results"])
    tagged = _get(client, "package_search", fq='tags:"教育" +organization:D02')[1]["result"]
    assert tagged["count"] >= 1 and draft.slug in [r["name"] for r in tagged["results"]]
    everything = _get(client, "package_search", rows=2)[1]["result"]
    assert everything["count"] == 11 and len(everything["results"]) == 2
    rest = _get(client, "package_search", rows=100, start=2)[1]["result"]
    assert len(rest["results"]) == 9
    names = {r["name"] for r in everything["results"]} | {r["name"] for r in rest["results"]}
    assert len(names) == 11


def test_post_with_a_json_body_works_like_get(client, draft, jiaoyu_officer, jiaoyu_reviewer):
    publish_open(draft, jiaoyu_officer, jiaoyu_reviewer)
    response = client.post(
        "/api/3/action/package_search",
        json.dumps({"fq": "organization:d02", "rows": 5}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert draft.slug in [r["name"] for r in response.json()["result"]["results"]]
    assert client.post("/api/action/package_list").json()["success"] is True


def test_organizations_and_tags(demo_catalogue, client):
    orgs = _get(client, "organization_list")[1]["result"]
    assert orgs and all(name == name.lower() for name in orgs)
    full = _get(client, "organization_list", all_fields="true")[1]["result"]
    assert sum(o["package_count"] for o in full) == 10
    shown = _get(client, "organization_show", id=orgs[0], include_datasets="true")[1]["result"]
    assert shown["name"] == orgs[0] and len(shown["packages"]) == shown["package_count"]
    assert _get(client, "organization_show", id="nobody")[0] == 404
    tags = _get(client, "tag_list")[1]["result"]
    assert "学校" in tags and tags == sorted(tags)


@pytest.mark.parametrize(
    ("action", "params", "status", "kind"),
    [
        ("package_search", {"rows": "-1"}, 409, "Validation Error"),
        ("package_search", {"rows": "abc"}, 409, "Validation Error"),
        ("package_search", {"start": "1e999"}, 409, "Validation Error"),
        ("package_search", {"fq": "organization:"}, 400, "Search Query Error"),
        ("package_search", {"fq": "((garbage"}, 400, "Search Query Error"),
        ("package_search", {"fq": "secret_field:x"}, 400, "Search Query Error"),
        ("package_search", {"q": "\x00'; DROP TABLE"}, 200, None),
        ("package_list", {"limit": "x"}, 409, "Validation Error"),
        ("package_show", {"id": "../../etc/passwd"}, 404, "Not Found Error"),
        ("package_show", {"id": "a" * 5000}, 404, "Not Found Error"),
        ("no_such_action", {}, 400, "Bad Request"),
    ],
)
def test_strange_input_gets_ckans_error_never_a_500(db, client, action, params, status, kind):
    response = client.get(f"/api/3/action/{action}", params)
    assert response.status_code == status
    body = response.json()
    assert body["success"] is (kind is None)
    if kind:
        assert body["error"]["__type"] == kind


def test_rows_are_capped_and_bad_bodies_are_bad_requests(demo_catalogue, client, settings):
    settings.CKAN_API_ROWS_MAX = 3
    assert len(_get(client, "package_search", rows=999999)[1]["result"]["results"]) == 3
    for body in ("{not json", "[1, 2]", '{"rows": {"a": 1}}'):
        response = client.post(
            "/api/3/action/package_search", body, content_type="application/json"
        )
        assert response.status_code in (400, 409)
        assert response.json()["success"] is False
