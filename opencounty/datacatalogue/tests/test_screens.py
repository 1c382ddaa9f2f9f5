"""The staff screens and the public catalogue: what each person sees."""

from opencounty.datacatalogue.models import Resource
from opencounty.datacatalogue.tests.conftest import publish_open


def test_an_officer_catalogues_a_resource_on_the_screen(client, jiaoyu_officer, education):
    client.force_login(jiaoyu_officer)
    response = client.post(
        "/admin/datacatalogue/new/",
        {
            "unit": education.pk,
            "name": "校车线路",
            "summary": "全县校车线路与站点。",
            "classification": "2",
            "format": "spreadsheet",
            "update_frequency": "yearly",
            "sharing": "none",
            "sharing_condition": "",
            "sharing_basis": "",
            "opening": "none",
            "keywords": "",
            "items_text": "线路名称，字符型，20\n站点数，整数型",
        },
    )
    assert "须写明条件或理由" in response.content.decode()
    assert not Resource.objects.filter(name="校车线路").exists()
    response = client.post(
        "/admin/datacatalogue/new/",
        {
            "unit": education.pk,
            "name": "校车线路",
            "summary": "全县校车线路与站点。",
            "classification": "2",
            "format": "spreadsheet",
            "update_frequency": "yearly",
            "sharing": "unconditional",
            "opening": "none",
            "items_text": "线路名称，字符型，20\n站点数，整数型",
        },
    )
    saved = Resource.objects.get(name="校车线路")
    assert response.status_code == 302
    assert [(i.name, i.data_type, i.length) for i in saved.items.all()] == [
        ("线路名称", "string", 20),
        ("站点数", "integer", None),
    ]
    page = client.get(f"/admin/datacatalogue/{saved.pk}/").content.decode()
    assert saved.code in page and "送审" in page


def test_bad_item_lines_are_explained(client, jiaoyu_officer, education):
    client.force_login(jiaoyu_officer)
    page = client.post(
        "/admin/datacatalogue/new/",
        {"unit": education.pk, "items_text": "名称，文本型"},
    ).content.decode()
    assert "第 1 行的类型应为" in page


def test_a_township_sees_published_resources_but_not_a_departments_drafts(
    demo_catalogue, client, draft, chengguan_officer
):
    client.force_login(chengguan_officer)
    assert client.get(f"/admin/datacatalogue/{draft.pk}/").status_code == 404
    listing = client.get("/admin/datacatalogue/?scope=all").content.decode()
    assert draft.code not in listing
    assert Resource.objects.filter(state="published").first().code in listing


def test_the_public_catalogue_lists_filters_and_shows_a_dataset(
    client, draft, jiaoyu_officer, jiaoyu_reviewer
):
    assert client.get(f"/data/{draft.slug}/").status_code == 404
    publish_open(draft, jiaoyu_officer, jiaoyu_reviewer)
    listing = client.get("/data/", {"q": "学校", "unit": draft.unit.pk}).content.decode()
    assert f"/data/{draft.slug}/" in listing
    assert "公共厕所" not in listing
    by_class = client.get("/data/", {"classification": "1"}).content.decode()
    assert f"/data/{draft.slug}/" not in by_class
    page = client.get(f"/data/{draft.slug}/").content.decode()
    assert "在校学生数" in page and "整数型" in page and "download.csv" in page
    download = client.get(f"/data/{draft.slug}/download.csv")
    assert download.status_code == 200 and download.content.startswith("学校名称".encode())
    assert client.get(f"/data/{draft.slug}/download.exe").status_code == 404
    for query in ({"unit": "x"}, {"classification": "9"}, {"page": "abc"}, {"q": "a\x00b"}):
        assert client.get("/data/", query).status_code in (200, 400)


def test_the_next_page_keeps_the_filters(demo_catalogue, client, monkeypatch):
    from opencounty.datacatalogue import views

    monkeypatch.setattr(views, "PER_PAGE", 1)
    listing = client.get("/data/", {"classification": "2", "q": "名录"}).content.decode()
    assert "q=%E5%90%8D%E5%BD%95&amp;classification=2&amp;page=2" in listing
    second = client.get("/data/", {"classification": "2", "q": "名录", "page": "2"})
    assert "第 2 / " in second.content.decode()
