"""Service items built in code for the tests: complete guides, live or draft, and applications."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model

from opencounty.core.models import Unit
from opencounty.services import actions
from opencounty.services.models import (
    ServiceFAQ,
    ServiceFormField,
    ServiceIndexPage,
    ServiceItemPage,
    ServiceMaterial,
    ServiceStep,
    ServiceWindow,
)

COMPLETE = {
    "basis": "《中华人民共和国食品安全法》第三十五条",
    "scope": "both",
    "conditions": "有与经营的食品品种、数量相适应的经营场所。",
    "handling_office": "县市场监管局行政审批股",
    "place": "县便民服务中心3号窗口",
    "hours": "工作日 9:00-12:00，13:30-17:30",
    "statutory_days": 20,
    "promised_days": 10,
    "visits": 1,
    "consultation_phone": "0000-6000101",
    "complaint_phone": "0000-12345",
}


def in_order(steps: list[ServiceStep]) -> list[ServiceStep]:
    """Number the steps as the admin's ordered panel does (a list assigned in code leaves
    sort_order empty, and PostgreSQL returns rows with equal sort keys in any order)."""
    for order, step in enumerate(steps):
        step.sort_order = order
    return steps


def hall_of(unit: Unit) -> ServiceIndexPage:
    existing = ServiceIndexPage.objects.child_of(unit.root_page).first()
    if existing:
        return existing
    hall = ServiceIndexPage(title="办事服务", slug="services")
    unit.root_page.add_child(instance=hall)
    return hall


def county_hall() -> ServiceIndexPage:
    return hall_of(Unit.objects.get(code="000"))


def document(title: str):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save("form.pdf", ContentFile(b"%PDF-1.4\n%test\n"), save=False)
    doc.save()
    return doc


def make_item(
    unit_code: str,
    code: str,
    title: str,
    *,
    live: bool = True,
    steps: list[ServiceStep] | None = None,
    materials: list[ServiceMaterial] | None = None,
    **fields,
) -> ServiceItemPage:
    """A complete item in the unit's hall: live (made through the tree API) or a draft."""
    unit = Unit.objects.get(code=unit_code)
    values = COMPLETE | {"item_type": "licensing", "item_kind": "promised"} | fields
    item = ServiceItemPage(
        title=title, slug=code.lower(), code=code, department=unit, live=live, **values
    )
    item.materials = materials or [ServiceMaterial(name=f"{title}申请书", form="original")]
    item.steps = in_order(
        steps or [ServiceStep(name="受理", days=1), ServiceStep(name="审查决定", days=9)]
    )
    item.faqs = [ServiceFAQ(question="可以委托他人办理吗？", answer="可以，须携带授权委托书。")]
    if live:
        item.first_published_at = item.last_published_at = timezone.now()
    else:
        item.has_unpublished_changes = True
    hall_of(unit).add_child(instance=item)
    if not live:
        item.save_revision()
    return item


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def window(number: int = 3, *departments: Unit, staff=()) -> ServiceWindow:
    """A window numbered above the demo county's 26, so the two never collide."""
    created = ServiceWindow.objects.create(number=100 + number, name="综合受理窗口")
    created.departments.set(departments)
    created.staff.set(staff)
    return created


def live_item(
    unit_code: str = "D01",
    *,
    code: str = "XK-001",
    title: str = "食品经营许可",
    item_kind: str = "promised",
    item_type: str = "licensing",
    promised_days: int = 10,
    steps: list[tuple[str, str | None, int]] | None = None,
    item_window: ServiceWindow | None = None,
    online: bool = True,
) -> ServiceItemPage:
    """A published item with a complete guide, two form fields and two materials (one optional).
    `steps` are (name, unit code or None, days)."""
    unit = Unit.objects.get(code=unit_code)
    item = ServiceItemPage(
        title=title,
        slug=code.lower(),
        code=code,
        item_type=item_type,
        item_kind=item_kind,
        department=unit,
        online_application=online,
        window=item_window,
        **(COMPLETE | {"promised_days": promised_days}),
    )
    item.materials = [
        ServiceMaterial(name="申请书", form="electronic", required=True),
        ServiceMaterial(name="营业场所照片", form="electronic", required=False),
    ]
    item.steps = in_order(
        [
            ServiceStep(name=name, unit=Unit.objects.get(code=u) if u else None, days=days)
            for name, u, days in (steps or [("受理", None, 1), ("审查决定", None, 9)])
        ]
    )
    item.form_fields = [
        ServiceFormField(name="shop_name", label="店铺名称", field_type="text", required=True),
        ServiceFormField(
            name="business", label="经营类别", field_type="choice", choices="餐饮、零售"
        ),
        ServiceFormField(name="area", label="经营面积（平方米）", field_type="number"),
        ServiceFormField(name="opening", label="开业日期", field_type="date", required=False),
    ]
    hall_of(unit).add_child(instance=item)
    item.save_revision().publish()
    return ServiceItemPage.objects.get(pk=item.pk)


def apply_for(item: ServiceItemPage, **overrides):
    """An application as the public form stores it; returns (case, query code)."""
    fields = {
        "item": item,
        "name": "王秀英",
        "id_number": "11010519491231002X",
        "phone": "13800001234",
        "email": "applicant@example.com",
        "form_data": {"shop_name": "秀英小吃", "business": "餐饮", "area": "45", "opening": ""},
        "uploads": [(item.materials.first(), "申请书", SimpleUploadedFile("申请书.pdf", PDF))],
    } | overrides
    application, query_code = actions.submit_application(**fields)
    return application.case, query_code
