"""A unit catalogues its resources: generated unique codes, per-unit access, review before
publication, every change audited."""

import pytest
from django.core.exceptions import PermissionDenied

from opencounty.core.models import AuditEntry, Unit
from opencounty.datacatalogue import access, actions
from opencounty.datacatalogue.models import Resource
from opencounty.datacatalogue.tests.conftest import ITEMS, publish_open, resource_data


def test_codes_are_built_from_classification_and_unit_and_never_repeat(
    draft, jiaoyu_officer, education
):
    second = actions.save_resource(education, jiaoyu_officer, resource_data(), ITEMS)
    basic = actions.save_resource(
        education,
        jiaoyu_officer,
        resource_data(classification=Resource.Classification.BASIC),
        ITEMS,
    )
    assert draft.code.startswith("2D02/")
    assert basic.code.startswith("1D02/")
    assert len({draft.code, second.code, basic.code}) == 3
    assert int(second.code.split("/")[1]) == int(draft.code.split("/")[1]) + 1
    assert draft.slug == draft.code.lower().replace("/", "-")


def test_conditional_or_no_sharing_needs_a_reason_and_a_basis(jiaoyu_officer, education):
    with pytest.raises(actions.CatalogueRefused, match="理由"):
        actions.save_resource(
            education,
            jiaoyu_officer,
            resource_data(sharing=Resource.Sharing.NONE, sharing_basis="某法"),
            ITEMS,
        )
    assert (
        not Resource.objects.filter(unit=education, sharing=Resource.Sharing.NONE)
        .exclude(sharing_condition__startswith="涉及")
        .filter(name="学校名录")
        .exists()
    )


def test_a_township_cannot_catalogue_for_a_department_nor_see_its_drafts(
    draft, chengguan_officer, education
):
    with pytest.raises(PermissionDenied):
        actions.save_resource(education, chengguan_officer, resource_data(), ITEMS)
    assert not access.visible_resources(chengguan_officer).filter(pk=draft.pk).exists()
    with pytest.raises(PermissionDenied):
        actions.submit_for_review(draft, chengguan_officer)


def test_the_officer_cannot_publish_the_reviewer_can_after_review(
    draft, jiaoyu_officer, jiaoyu_reviewer
):
    actions.upload_file(
        draft,
        jiaoyu_officer,
        filename="a.csv",
        data="学校名称,在校学生数,建校日期\n一小,3,2000-01-01\n".encode(),
    )
    with pytest.raises(actions.CatalogueRefused):
        actions.publish(draft, jiaoyu_reviewer)  # not submitted yet
    actions.submit_for_review(draft, jiaoyu_officer)
    with pytest.raises(PermissionDenied):
        actions.publish(draft, jiaoyu_officer)
    published = actions.publish(draft, jiaoyu_reviewer)
    assert published.state == Resource.State.PUBLISHED
    assert published.is_open
    logged = list(
        AuditEntry.objects.filter(object_id=str(draft.pk), object_type="datacatalogue.resource")
        .order_by("pk")
        .values_list("action", "outcome")
    )
    assert ("datacatalogue.save", "success") in logged
    assert ("datacatalogue.publish", "failure") in logged
    assert logged[-1] == ("datacatalogue.publish", "success")


def test_an_open_resource_is_not_published_without_a_validated_file(
    draft, jiaoyu_officer, jiaoyu_reviewer
):
    actions.submit_for_review(draft, jiaoyu_officer)
    with pytest.raises(actions.CatalogueRefused, match="数据文件"):
        actions.publish(draft, jiaoyu_reviewer)
    draft.refresh_from_db()
    assert draft.state == Resource.State.AWAITING_REVIEW


def test_a_published_resource_is_withdrawn_before_it_changes(
    draft, jiaoyu_officer, jiaoyu_reviewer, education
):
    publish_open(draft, jiaoyu_officer, jiaoyu_reviewer)
    with pytest.raises(actions.CatalogueRefused):
        actions.save_resource(
            education, jiaoyu_officer, resource_data(name="改名"), ITEMS, resource=draft
        )
    actions.withdraw(draft, jiaoyu_reviewer)
    changed = actions.save_resource(
        education, jiaoyu_officer, resource_data(name="改名"), ITEMS, resource=draft
    )
    assert changed.name == "改名" and changed.state == Resource.State.DRAFT
    assert AuditEntry.objects.filter(
        action="datacatalogue.save", object_id=str(draft.pk), details__changed=["name"]
    ).exists()


def test_the_county_office_publishes_any_units_resource(
    draft, jiaoyu_officer, office_headline_reviewer
):
    actions.upload_file(
        draft, jiaoyu_officer, filename="a.csv", data="学校名称,在校学生数,建校日期\n".encode()
    )
    actions.submit_for_review(draft, jiaoyu_officer)
    assert actions.publish(draft, office_headline_reviewer).state == Resource.State.PUBLISHED


def test_the_demo_catalogue_has_sixty_resources_and_ten_open_datasets(demo_catalogue):
    assert Resource.objects.count() >= 60
    open_ones = Resource.objects.filter(
        state=Resource.State.PUBLISHED, opening=Resource.Opening.UNCONDITIONAL
    )
    assert open_ones.count() == 10
    assert all(r.files.count() == 2 and r.items.exists() for r in open_ones)
    assert Unit.objects.filter(data_resources__isnull=False).distinct().count() >= 4
