"""The completeness check of a service guide: every key element of domain-rules section 3."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Children:
    """What the check needs of a guide's materials, steps and questions."""

    materials: list[tuple[str, str, int]]  # (name, form, copies) of each material
    has_steps: bool
    has_faqs: bool


def _children_of(item) -> Children:
    return Children(
        [(material.name, material.form, material.copies) for material in item.materials.all()],
        bool(list(item.steps.all())),
        bool(list(item.faqs.all())),
    )


def missing_elements(item, children: Children | None = None) -> list[str]:
    """Names (in Chinese) of the guide's missing key elements, in the guide's order; the
    materials, steps and questions read from the item unless given."""
    children = children or _children_of(item)
    missing = []

    def need(present: object, label: Promise) -> None:
        if not present:
            missing.append(str(label))  # translated only when missing: reports check hundreds

    need(item.title, _("事项名称"))
    need(item.code, _("事项编码"))
    need(item.item_type, _("事项类型"))
    need(item.basis.strip(), _("设定依据"))
    need(item.scope, _("服务对象"))
    need(item.conditions.strip(), _("受理条件"))
    need(children.materials, _("申请材料"))
    need(
        all(name and form and copies for name, form, copies in children.materials),
        _("材料形式和份数"),
    )
    need(children.has_steps or item.procedure.strip(), _("办理流程"))
    need(item.handling_office or item.department_id, _("办理机构"))
    need(item.place, _("办理地点"))
    need(item.hours, _("办理时间"))
    need(item.statutory_days is not None, _("法定办结时限"))
    if item.item_kind != "immediate":
        need(item.promised_days is not None, _("承诺办结时限"))
    if not item.is_free:
        need(item.fees.strip() and item.fee_basis.strip(), _("收费标准及依据"))
    need(item.visits is not None, _("到办事现场次数"))
    need(item.consultation_phone, _("咨询电话"))
    need(item.complaint_phone, _("监督投诉电话"))
    need(children.has_faqs, _("常见问题"))
    return missing


def current_version(item, revision=None):
    """The item as last saved: a draft's latest revision, else the live row.

    Only the revision's values are checked here, so its references are not looked up one by
    one (Wagtail's `as_object` checks every foreign key with a query of its own). `revision`
    is the item's latest revision when the caller has loaded it already."""
    if item.has_unpublished_changes and item.latest_revision_id:
        revision = revision or item.latest_revision
        draft = type(item).from_serializable_data(revision.content, check_fks=False)
        draft.pk = draft.id = item.pk
        return draft
    return item


def guide_report(units) -> list[tuple[object, list[str]]]:
    """Every item (live or draft) of the units' departments with its missing elements (five
    queries, whatever the number of items: only the drafts' revisions are loaded, and of the
    live items' materials, steps and questions only what the check reads)."""
    from wagtail.models import Revision

    from opencounty.services.models import ServiceFAQ, ServiceItemPage, ServiceMaterial, ServiceStep

    items = list(
        ServiceItemPage.objects.filter(department__in=units)
        .select_related("department")
        .order_by("department__kind", "department__order", "code")
    )
    revisions = Revision.objects.in_bulk(
        [item.latest_revision_id for item in items if item.has_unpublished_changes]
    )
    materials: dict[int, list] = defaultdict(list)
    for item_id, *material in (
        ServiceMaterial.objects.filter(item__department__in=units)
        .order_by("item_id", "sort_order")
        .values_list("item_id", "name", "form", "copies")
    ):
        materials[item_id].append(tuple(material))
    with_steps = set(
        ServiceStep.objects.filter(item__department__in=units).values_list("item_id", flat=True)
    )
    with_faqs = set(
        ServiceFAQ.objects.filter(item__department__in=units).values_list("item_id", flat=True)
    )
    report = []
    for item in items:
        version = current_version(item, revisions.get(item.latest_revision_id))
        if version is item:
            children = Children(materials[item.pk], item.pk in with_steps, item.pk in with_faqs)
            report.append((item, missing_elements(item, children)))
        else:  # a draft: its own materials, steps and questions, from the revision
            report.append((item, missing_elements(version)))
    return report


def incomplete_guides(units) -> dict[int, int]:
    """For supervision: per unit id, how many of its items' guides miss a key element.

    Every given unit is a key (0 when all its guides are complete); drafts count as last saved.
    """
    counts = {unit.pk: 0 for unit in units}
    for item, missing in guide_report(units):
        if missing:
            counts[item.department_id] += 1
    return counts
