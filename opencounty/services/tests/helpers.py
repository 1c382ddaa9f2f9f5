"""Service items built in code for the tests: complete guides, live or draft."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from opencounty.core.models import Unit
from opencounty.services.models import (
    ServiceFAQ,
    ServiceIndexPage,
    ServiceItemPage,
    ServiceMaterial,
    ServiceStep,
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
    item.steps = steps or [ServiceStep(name="受理", days=1), ServiceStep(name="审查决定", days=9)]
    item.faqs = [ServiceFAQ(question="可以委托他人办理吗？", answer="可以，须携带授权委托书。")]
    if live:
        item.first_published_at = item.last_published_at = timezone.now()
    else:
        item.has_unpublished_changes = True
    hall_of(unit).add_child(instance=item)
    if not live:
        item.save_revision()
    return item
