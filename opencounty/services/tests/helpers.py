"""Live service items that accept online applications, made in code as staff would."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from opencounty.core.models import Unit
from opencounty.services import actions
from opencounty.services.models import (
    ServiceFormField,
    ServiceItemPage,
    ServiceMaterial,
    ServiceStep,
    ServiceWindow,
)
from opencounty.services.tests.test_guide_completeness import COMPLETE, hall_of

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def window(number: int = 3, *departments: Unit, staff=()) -> ServiceWindow:
    created = ServiceWindow.objects.create(number=number, name="综合受理窗口")
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
    item.steps = [
        ServiceStep(name=name, unit=Unit.objects.get(code=u) if u else None, days=days)
        for name, u, days in (steps or [("受理", None, 1), ("审查决定", None, 9)])
    ]
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
