"""The county e-government office keeps the synonym table in the admin; the next search uses
it; every change is audited; nobody else may change it."""

import pytest
from django.core.exceptions import PermissionDenied

from conftest import persona
from opencounty.core.models import AuditEntry, Role
from opencounty.portal.tests.helpers import column_of
from opencounty.search import actions
from opencounty.search.models import Synonym
from opencounty.search.query import search_site
from opencounty.search.tests.helpers import guide, publish, titles
from opencounty.services.tests.helpers import county_hall

pytestmark = pytest.mark.django_db


def menu_offers(client, url: str) -> bool:
    """Whether the admin's sidebar (its items travel as JSON) links to `url`."""
    return f'"url": "{url}"' in client.get("/admin/").content.decode()


@pytest.fixture
def office_officer(db):
    """An information officer of the county e-government office."""
    return persona("office_officer", "001", Role.INFORMATION_OFFICER)


@pytest.fixture
def dog_licence(django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    publish(column_of("T01"), "犬只登记管理办法解读", "养犬人应当办理犬只登记。", capture=capture)
    guide("D01", "T-QZ-001", "犬只登记", capture=capture)


def test_the_table_starts_with_the_common_abbreviations_of_government_services():
    table = {row.term: row.expansion_list() for row in Synonym.objects.all()}
    assert table["医保"] == ["医疗保障", "医疗保险"]
    assert table["社保"] == ["社会保险", "社会保障"]
    assert table["低保"] == ["最低生活保障"]
    assert table["公积金"] == ["住房公积金"]
    assert table["新农合"] == ["新型农村合作医疗"]
    assert table["一件事"] == ["一件事一次办"]
    assert table["身份证"] == ["居民身份证"]
    assert table["户口"] == ["户籍"]
    assert table["准生证"][0] == "生育登记"
    assert len(table) >= 30


def test_the_office_adds_an_entry_in_the_admin_and_the_next_search_uses_it(
    client, office_officer, dog_licence, django_capture_on_commit_callbacks
):
    assert titles(search_site("狗证")) == []
    client.force_login(office_officer)
    assert menu_offers(client, "/admin/synonyms/")
    listing = client.get("/admin/synonyms/", {"q": "医疗保障"}).content.decode()
    assert "医疗保障、医疗保险" in listing and "最低生活保障" not in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/synonyms/new/",
            {
                "term": " 狗证 ",
                "expansions": "犬只登记，养犬登记证",
                "bidirectional": "on",
                "active": "on",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = Synonym.objects.get(term="狗证")
    assert entry.expansions == "犬只登记、养犬登记证"
    assert set(titles(search_site("狗证"))) == {"犬只登记管理办法解读", "犬只登记"}
    client.logout()
    hall = client.get(county_hall().url + "search/", {"q": "狗证"}).content.decode()
    assert "“狗证”共找到 1 个事项" in hall
    record = AuditEntry.objects.filter(action="search.synonym_save").latest("id")
    assert record.actor == office_officer
    assert record.details["entry"]["term"] == "狗证"
    assert record.details["before"] is None


def test_an_edit_and_a_deletion_are_audited_with_what_was_there_before(client, office_officer):
    entry = Synonym.objects.get(term="低保")
    client.force_login(office_officer)
    response = client.post(
        f"/admin/synonyms/edit/{entry.pk}/",
        {"term": "低保", "expansions": "最低生活保障、城乡低保", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    record = AuditEntry.objects.filter(action="search.synonym_save").latest("id")
    assert record.details["before"]["expansions"] == "最低生活保障"
    assert record.details["entry"]["expansions"] == "最低生活保障、城乡低保"
    assert record.details["entry"]["bidirectional"] is False
    assert client.post(f"/admin/synonyms/delete/{entry.pk}/").status_code == 302
    assert not Synonym.objects.filter(term="低保").exists()
    deleted = AuditEntry.objects.filter(action="search.synonym_delete").latest("id")
    assert deleted.details["entry"]["term"] == "低保"


def test_a_deactivated_entry_no_longer_widens_the_search(
    office_officer, django_capture_on_commit_callbacks
):
    entry = Synonym.objects.get(term="医保")
    assert "医疗保障" in search_site("医保").terms
    entry.active = False
    with django_capture_on_commit_callbacks(execute=True):
        actions.save_synonym(entry, actor=office_officer)
    assert search_site("医保").terms == ["医保"]


def test_bad_entries_are_refused_in_chinese_and_nothing_is_saved(client, office_officer):
    client.force_login(office_officer)
    before = Synonym.objects.count()
    cases = [
        ({"term": "医", "expansions": "医疗"}, "常用说法应为 2 至 20 个字"),
        ({"term": "狗证", "expansions": "  、 "}, "请至少填写一个规范全称"),
        ({"term": "狗证", "expansions": "狗证"}, "规范全称不能与常用说法相同"),
        ({"term": "狗证", "expansions": "犬"}, "每个规范全称应为 2 至 30 个字"),
        ({"term": "狗证", "expansions": "、".join(f"犬只登记{n}" for n in range(9))}, "最多 8 个"),
        ({"term": "医保", "expansions": "医疗保障"}, "已存在"),
    ]
    for data, message in cases:
        response = client.post("/admin/synonyms/new/", {**data, "active": "on"})
        assert response.status_code == 200, data
        assert message in response.content.decode(), (data, message)
    assert Synonym.objects.count() == before


def test_invisible_characters_are_stripped_from_an_entry(client, office_officer):
    client.force_login(office_officer)
    response = client.post(
        "/admin/synonyms/new/",
        {"term": "狗\u200b证", "expansions": "犬只\u202e登记", "active": "on"},
    )
    assert response.status_code == 302
    entry = Synonym.objects.get(term="狗证")
    assert entry.expansions == "犬只登记"


@pytest.mark.parametrize(
    "who",
    [
        ("cg_officer", "T01", Role.INFORMATION_OFFICER),
        ("cg_admin", "T01", Role.UNIT_ADMINISTRATOR),
        ("office_auditor", "001", Role.AUDIT_ADMINISTRATOR),
        ("office_security", "001", Role.SECURITY_ADMINISTRATOR),
    ],
    ids=["township officer", "township administrator", "audit admin", "security admin"],
)
def test_staff_outside_the_offices_working_roles_cannot_change_the_table(client, who):
    user = persona(*who)
    entry = Synonym.objects.get(term="医保")
    client.force_login(user)
    assert not menu_offers(client, "/admin/synonyms/")
    assert client.get("/admin/synonyms/").status_code in (302, 403)
    response = client.post("/admin/synonyms/new/", {"term": "狗证", "expansions": "犬只登记"})
    assert response.status_code in (302, 403)
    response = client.post(
        f"/admin/synonyms/edit/{entry.pk}/", {"term": "医保", "expansions": "医院"}
    )
    assert response.status_code in (302, 403)
    assert client.post(f"/admin/synonyms/delete/{entry.pk}/").status_code in (302, 403)
    assert not Synonym.objects.filter(term="狗证").exists()
    assert Synonym.objects.get(pk=entry.pk).expansions == "医疗保障、医疗保险"
    with pytest.raises(PermissionDenied):
        actions.save_synonym(Synonym(term="狗证", expansions="犬只登记"), actor=user)
    with pytest.raises(PermissionDenied):
        actions.delete_synonym(entry, actor=user)
    refused = AuditEntry.objects.filter(outcome="refused", actor=user)
    assert set(refused.values_list("action", flat=True)) == {
        "search.synonym_save",
        "search.synonym_delete",
    }
