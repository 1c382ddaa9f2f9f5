"""Demo service catalogue: the county's hall, a hall in every department's sub-site, the
service center's windows and the service items with complete guides (a few drafts are
deliberately incomplete, to show the check).

Items are made live directly through the tree API, like the structure pages: sending
hundreds of guides through the review workflow would only make the demo slow.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from opencounty.core.models import Unit
from opencounty.demo import vocabulary as v
from opencounty.portal.models import ColumnPage, PortalHomePage
from opencounty.services.models import (
    ServiceFAQ,
    ServiceFormField,
    ServiceIndexPage,
    ServiceItemPage,
    ServiceMaterial,
    ServiceStep,
    ServiceWindow,
)

ITEM_COUNT = 262
INCOMPLETE_EVERY = 52  # items 7, 59, 111, ... are left incomplete, as drafts
INCOMPLETE_OFFSET = 7
TYPE_CODES = {
    "licensing": "XK",
    "confirmation": "QR",
    "payment": "JF",
    "levy": "ZS",
    "reward": "JL",
    "adjudication": "CJ",
    "other_power": "QT",
    "public_service": "GG",
}
SCOPES = {"i": "individuals", "o": "organisations", "b": "both"}
KINDS = [("immediate", 25), ("promised", 55), ("joint", 10), ("reported", 10)]
FORM_FIELDS = [
    ("applicant", "申请人（单位）名称", "text", ""),
    ("phone", "联系电话", "text", ""),
    ("reason", "申请事由", "textarea", ""),
    ("wanted_on", "期望办理日期", "date", ""),
    ("quantity", "申请数量", "number", ""),
    ("delivery", "结果领取方式", "choice", "窗口领取、邮寄送达"),
]
HOURS = "工作日 8:30-12:00，14:30-17:30（法定节假日除外）"
COMPLAINT_PHONE = "0000-12345"
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class ItemPlan:
    """One demo item, decided before anything is written."""

    department: str  # unit code
    title: str
    item_type: str
    scope: str
    life_events: list[str]
    topics: list[str]
    kind: str = "promised"
    online: bool = False
    incomplete: bool = False
    partners: list[str] = field(default_factory=list)  # other departments of a 联办件
    number: int = 0


def plan_items(rng: random.Random, count: int = ITEM_COUNT) -> list[ItemPlan]:
    """Every department's base items first, then variants (变更、延续…) until `count`."""
    codes = {name: f"D{i:02d}" for i, name in enumerate(v.DEPARTMENTS, start=1)}
    base = []
    for name, entries in v.SERVICE_ITEMS.items():
        for title, item_type, scope, events, topics in entries:
            base.append((codes[name], title, item_type, scope, events.split(), topics.split()))
    variants = [
        (code, f"{title}{suffix}", item_type, scope, events, topics)
        for suffix in v.SERVICE_ITEM_VARIANTS
        for code, title, item_type, scope, events, topics in base
    ]
    chosen = base + variants[: max(0, count - len(base))]
    plans = []
    per_department: dict[str, int] = {}
    weights = [w for _, w in KINDS]
    for index, (code, title, item_type, scope, events, topics) in enumerate(chosen[:count]):
        per_department[code] = per_department.get(code, 0) + 1
        kind = rng.choices([k for k, _ in KINDS], weights)[0]
        others = [c for c in codes.values() if c != code]
        plans.append(
            ItemPlan(
                department=code,
                title=title,
                item_type=item_type,
                scope=SCOPES[scope],
                life_events=events,
                topics=topics,
                kind=kind,
                online=rng.random() < 0.6,
                incomplete=index % INCOMPLETE_EVERY == INCOMPLETE_OFFSET,
                partners=rng.sample(others, rng.randint(1, 2)) if kind == "joint" else [],
                number=per_department[code],
            )
        )
    return plans


def item_code(plan: ItemPlan) -> str:
    return f"SFX-{plan.department}-{TYPE_CODES[plan.item_type]}-{plan.number:03d}"


# -- halls -------------------------------------------------------------------------------


def _first_published() -> object:
    return timezone.now() - timedelta(days=400)


def county_hall(home: PortalHomePage) -> ServiceIndexPage:
    """The county's hall, in the menu where the 办事服务 column was (which it replaces)."""
    existing = ServiceIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    hall = ServiceIndexPage(
        title="办事服务",
        slug="services",
        show_in_menus=True,
        intro="示范县网上办事大厅：按部门、按人生事件和按主题查找事项，查看办事指南（演示数据）。",
    )
    hall.first_published_at = hall.last_published_at = _first_published()
    old_column = ColumnPage.objects.child_of(home).filter(slug="services", numchild=0).first()
    if old_column is not None:
        old_column.delete()
    if Page.objects.child_of(home).filter(slug=hall.slug).exists():
        hall.slug = "service-hall"
    following = Page.objects.child_of(home).filter(slug="interaction").first()
    if following is not None:
        following.add_sibling(pos="left", instance=hall)
    else:
        home.refresh_from_db()
        home.add_child(instance=hall)
    return hall


def department_hall(unit: Unit) -> ServiceIndexPage:
    existing = ServiceIndexPage.objects.child_of(unit.root_page).first()
    if existing is not None:
        return existing
    hall = ServiceIndexPage(
        title="办事服务", slug="services", show_in_menus=True, intro=f"{unit.name}办理的事项。"
    )
    hall.first_published_at = hall.last_published_at = _first_published()
    unit.root_page.add_child(instance=hall)
    return hall


# -- windows -----------------------------------------------------------------------------


def build_windows(rng: random.Random) -> int:
    """The 26 windows; each department at the windows of its field (the rest at 综合受理)."""
    departments = list(Unit.objects.filter(kind=Unit.Kind.DEPARTMENT).order_by("code"))
    placed = {name for names in v.WINDOW_DEPARTMENTS.values() for name in names}

    def stationed_at(window_name: str) -> list[Unit]:
        if window_name in v.EVERYONE_WINDOWS:
            return []
        if window_name == v.GENERAL_WINDOW:
            return [
                unit for unit in departments if unit.short_name.removeprefix("县") not in placed
            ]
        names = v.WINDOW_DEPARTMENTS.get(window_name, [])
        return [unit for unit in departments if unit.short_name.removeprefix("县") in names]

    made = 0
    for number, name in enumerate(v.SERVICE_WINDOW_NAMES, start=1):
        window, created = ServiceWindow.objects.get_or_create(
            number=number,
            defaults={"name": name, "location": f"县便民服务中心{1 + (number - 1) // 10}楼"},
        )
        if not created:
            continue
        made += 1
        window.departments.set(stationed_at(name))
        window.staff.set(_window_staff(number, rng))
    return made


def _window_staff(number: int, rng: random.Random) -> list:
    User = get_user_model()
    people = []
    for seat in (1, 2):
        user, created = User.objects.get_or_create(
            username=f"window{number:02d}_{seat}",
            defaults={"first_name": rng.choice(v.SURNAMES) + rng.choice(v.GIVEN)},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        people.append(user)
    return people


def window_of(unit: Unit) -> ServiceWindow | None:
    return ServiceWindow.objects.filter(departments=unit).order_by("number").first()


# -- items -------------------------------------------------------------------------------


def _document(title: str, unit: Unit, filename: str):
    with disable_reference_index_auto_update():
        return _make_document(title, unit, filename)


def _make_document(title: str, unit: Unit, filename: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title, collection=unit.collection)
    document.file.save(filename, ContentFile(_PDF), save=False)
    document.save()
    return document


def _basis(rng: random.Random, title: str) -> str:
    name = title.split("（")[0]
    return rng.choice(v.SERVICE_BASES).format(name=name, n=rng.randint(5, 60))


def _materials(plan: ItemPlan, unit: Unit, rng: random.Random, code: str, sample):
    # A change or renewal (变更、延续…) uses the same application form as the item itself.
    form_name = plan.title.split("（")[0]
    blank = _document(f"（演示）{form_name}申请表", unit, f"{code}-form.pdf")
    materials = [
        ServiceMaterial(
            name=f"{plan.title}申请表",
            form="electronic" if plan.online else "original",
            copies=1,
            blank_form=blank,
            sample=sample,
            sort_order=0,
        )
    ]
    offered = [
        name
        for name in v.SERVICE_MATERIALS[1:]
        if plan.scope != "individuals" or name not in v.ORGANISATION_MATERIALS
    ]
    names = rng.sample(offered, rng.randint(1, 3))
    forms = ["original", "copy", "both", "electronic"]
    for order, name in enumerate(names, start=1):
        materials.append(
            ServiceMaterial(
                name=name,
                form=rng.choice(forms),
                copies=rng.randint(1, 2),
                required=rng.random() < 0.85,
                note="验原件，留存复印件。" if name == "申请人身份证明" else "",
                sort_order=order,
            )
        )
    return materials


def _steps(plan: ItemPlan, unit: Unit, units: dict[str, Unit], limits: tuple[int, int]):
    statutory, promised = limits
    if plan.kind == "immediate":
        return [ServiceStep(name="受理并办结", description="材料齐全、符合条件的当场办结。")]
    steps = [ServiceStep(name="受理", description="窗口审核材料，符合条件的予以受理。", days=1)]
    if plan.kind == "joint":
        for partner in [unit, *_partners(plan, units)]:
            steps.append(
                ServiceStep(
                    name=f"{partner.short_name.removeprefix('县')}审查",
                    unit=partner,
                    days=max(1, promised - 2),
                )
            )
    else:
        steps.append(ServiceStep(name="审查", days=max(1, promised - 2)))
    if plan.kind == "reported":
        steps.append(ServiceStep(name="报上级机关审批", description="报市级主管部门审批。", days=1))
    steps.append(ServiceStep(name="决定并送达", days=1))
    for order, step in enumerate(steps):
        step.sort_order = order
    return steps


def _partners(plan: ItemPlan, units: dict[str, Unit]) -> list[Unit]:
    """The planned partner departments; in a smaller county, others that exist stand in."""
    chosen = [units[code] for code in plan.partners if code in units]
    spare = [u for code, u in sorted(units.items()) if code != plan.department and u not in chosen]
    while len(chosen) < len(plan.partners) and spare:
        chosen.append(spare.pop(0))
    return chosen


def _form_fields(rng: random.Random) -> list[ServiceFormField]:
    chosen = rng.sample(FORM_FIELDS[2:], rng.randint(0, 2))
    fields = FORM_FIELDS[:2] + chosen
    return [
        ServiceFormField(name=name, label=label, field_type=kind, choices=choices, sort_order=order)
        for order, (name, label, kind, choices) in enumerate(fields)
    ]


def _item(plan: ItemPlan, units: dict[str, Unit], rng: random.Random, sample) -> ServiceItemPage:
    unit = units[plan.department]
    code = item_code(plan)
    statutory = rng.choice([5, 10, 15, 20, 30])
    promised = 0 if plan.kind == "immediate" else max(1, statutory // 2)
    window = window_of(unit)
    charged = plan.item_type == "licensing" and rng.random() < 0.15
    item = ServiceItemPage(
        title=plan.title,
        slug=code.lower(),
        code=code,
        item_type=plan.item_type,
        item_kind=plan.kind,
        department=unit,
        basis=_basis(rng, plan.title),
        scope=plan.scope,
        conditions=f"申请人符合{plan.title}的法定条件，材料齐全、符合法定形式。",
        procedure="申请人提交材料，窗口受理后按下列环节办理，办结后送达结果。",
        handling_office=f"{unit.name}行政审批股",
        window=window,
        place=f"县便民服务中心{window.number}号窗口" if window else unit.disclosure_address,
        hours=HOURS,
        statutory_days=statutory,
        promised_days=None if plan.kind == "immediate" else promised,
        is_free=not charged,
        fees="按件收取工本费10元。" if charged else "",
        fee_basis="《示范省行政事业性收费目录清单》" if charged else "",
        visits=0 if plan.online else rng.choice([1, 1, 2]),
        consultation_phone=unit.disclosure_phone,
        complaint_phone=COMPLAINT_PHONE,
        online_application=plan.online,
        life_events=plan.life_events,
        enterprise_topics=plan.topics,
    )
    item.materials = _materials(plan, unit, rng, code, sample)
    item.steps = _steps(plan, unit, units, (statutory, promised))
    item.faqs = [
        ServiceFAQ(question=q, answer=a, sort_order=i)
        for i, (q, a) in enumerate(rng.sample(v.SERVICE_FAQS, 2))
    ]
    item.form_fields = _form_fields(rng) if plan.online else []
    if plan.incomplete:
        _leave_incomplete(item, rng)
    return item


def _leave_incomplete(item: ServiceItemPage, rng: random.Random) -> None:
    gaps = [("basis", ""), ("complaint_phone", ""), ("hours", ""), ("conditions", "")]
    for name, value in rng.sample(gaps, 2):
        setattr(item, name, value)
    item.faqs = []


def build_items(rng: random.Random, count: int = ITEM_COUNT) -> tuple[int, int]:
    """Items of the departments that exist; returns (live items made, drafts made)."""
    units = {u.code: u for u in Unit.objects.filter(kind=Unit.Kind.DEPARTMENT)}
    existing = set(ServiceItemPage.objects.values_list("code", flat=True))
    halls: dict[str, ServiceIndexPage] = {}
    samples: dict[str, object] = {}
    live = drafts = 0
    made = []
    for plan in plan_items(rng, count):
        unit = units.get(plan.department)
        item_rng = random.Random(f"{rng.random()}")  # one stream per item, so skipping is stable
        if unit is None or unit.root_page is None or item_code(plan) in existing:
            continue
        if plan.department not in halls:
            halls[plan.department] = department_hall(unit)
            samples[plan.department] = _document(
                f"（演示）{unit.short_name}申请表示范文本", unit, f"{unit.code}-sample.pdf"
            )
        item = _item(plan, units, item_rng, samples[plan.department])
        # Every child row's save would refresh the page's references: index each page once.
        with disable_reference_index_auto_update():
            _add_item(halls[plan.department], item, plan.incomplete)
        made.append(item)
        if plan.incomplete:
            drafts += 1
        else:
            live += 1
    for item in made:
        ReferenceIndex.create_or_update_for_object(item)
    return live, drafts


def _add_item(hall: ServiceIndexPage, item: ServiceItemPage, draft: bool) -> None:
    hall.refresh_from_db(fields=["numchild", "path", "depth"])
    if draft:
        item.live = False
        item.has_unpublished_changes = True
        hall.add_child(instance=item)
        item.save_revision()
        return
    item.first_published_at = item.last_published_at = _first_published()
    hall.add_child(instance=item)


def build_services(seed: int, count: int = ITEM_COUNT) -> dict[str, int]:
    """The whole demo catalogue; idempotent (a second run adds only what is missing)."""
    rng = random.Random(f"services-{seed}")
    home = PortalHomePage.objects.first()
    with transaction.atomic():
        county_hall(home)
        for unit in Unit.objects.filter(kind=Unit.Kind.DEPARTMENT, root_page__isnull=False):
            department_hall(unit)
        windows = build_windows(rng)
        live, drafts = build_items(rng, count)
    return {"windows": windows, "live": live, "drafts": drafts}
