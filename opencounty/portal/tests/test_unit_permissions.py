import pytest

from opencounty.portal.tests.helpers import column_of, draft_article


@pytest.mark.django_db
def test_an_officer_can_edit_pages_of_their_own_township(chengguan_officer):
    column = column_of("T01")
    permissions = column.permissions_for_user(chengguan_officer)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()


@pytest.mark.django_db
def test_an_officer_cannot_edit_another_townships_pages(chengguan_officer, qingshi_officer):
    foreign = draft_article(column_of("T02"), qingshi_officer, "青石镇草稿")
    assert not foreign.permissions_for_user(chengguan_officer).can_edit()
    assert not column_of("T02").permissions_for_user(chengguan_officer).can_add_subpage()


@pytest.mark.django_db
def test_an_officer_cannot_open_another_units_page_in_the_admin(
    client, chengguan_officer, qingshi_officer
):
    foreign = draft_article(column_of("T02"), qingshi_officer, "青石镇草稿")
    client.force_login(chengguan_officer)
    response = client.get(f"/admin/pages/{foreign.pk}/edit/")
    assert response.status_code in (302, 403)
    own = draft_article(column_of("T01"), chengguan_officer, "城关镇草稿")
    response = client.get(f"/admin/pages/{own.pk}/edit/")
    assert response.status_code == 200
    assert "城关镇草稿" in response.content.decode()


@pytest.mark.django_db
def test_nobody_in_a_unit_can_publish_without_review(chengguan_officer, chengguan_reviewer):
    article = draft_article(column_of("T01"), chengguan_officer, "待审稿件")
    assert not article.permissions_for_user(chengguan_officer).can_publish()
    assert not article.permissions_for_user(chengguan_reviewer).can_publish()


@pytest.mark.django_db
def test_county_government_staff_do_not_get_rights_over_sub_sites(county_officer):
    assert column_of("T01").permissions_for_user(county_officer).can_edit() is False
    from opencounty.portal.tests.helpers import county_column

    assert county_column("news").permissions_for_user(county_officer).can_edit()
