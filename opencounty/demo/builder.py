"""Build the fictional 示范县 deterministically from a seed.

Structure pages (home, columns, sub-sites) go through Wagtail's tree API;
articles are bulk-inserted with precomputed tree paths so that a million of
them can be made on one machine.
"""

from __future__ import annotations

import random
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site, Workflow, WorkflowPage, WorkflowTask
from wagtail.search.backends import get_search_backend

from opencounty.core.actions import assign_role, sync_unit_roles
from opencounty.core.calendar import seed_from_chinesecalendar
from opencounty.core.models import Role, Unit, WordRule
from opencounty.demo import datacatalogue, emergency, meetings, powers
from opencounty.demo import vocabulary as v
from opencounty.demo.annual_reports import build_reports
from opencounty.demo.applications import build_applications
from opencounty.demo.catalogue import catalogue_policies, platform_page
from opencounty.demo.consultations import build_consultations
from opencounty.demo.disclosure import build_requests
from opencounty.demo.error_reports import build_error_reports
from opencounty.demo.interpretations import link_interpretations
from opencounty.demo.letters import build_letters
from opencounty.demo.officedocs import build_documents
from opencounty.demo.services import ITEM_COUNT, build_services
from opencounty.demo.submissions import build_submissions
from opencounty.demo.surveys import build_surveys
from opencounty.portal.models import (
    ArticleAttachment,
    ArticlePage,
    ColumnPage,
    LeaderPage,
    OrganisationPage,
    PortalHomePage,
    PortalSettings,
    SubsiteIndexPage,
    TopicPage,
    UnitReviewTask,
    UnitSitePage,
)
from opencounty.search.index import index_pages

Kind = ColumnPage.Kind

COUNTY_COLUMNS = [
    # title, slug, kind, headline, in menu
    ("概况", "overview", Kind.OVERVIEW, False, True),
    ("机构职能", "organisation", Kind.ORGANISATION, False, True),
    ("领导信息", "leaders", Kind.LEADERS, False, True),
    ("政务动态", "news", Kind.NEWS, True, True),
    ("通知公告", "notices", Kind.NOTICE, True, True),
    ("政策文件", "policies", Kind.POLICY, True, True),
    ("政策解读", "interpretations", Kind.INTERPRETATION, True, True),
    ("政府信息公开", "disclosure", Kind.DISCLOSURE, False, True),
    ("办事服务", "services", Kind.SERVICES, False, True),
    ("互动交流", "interaction", Kind.INTERACTION, False, True),
]
UNIT_COLUMNS = [
    ("工作动态", "news", Kind.NEWS),
    ("通知公告", "notices", Kind.NOTICE),
    ("政策文件", "policies", Kind.POLICY),
]
ARTICLE_KINDS = {
    Kind.NEWS: v.NEWS_TITLES,
    Kind.NOTICE: v.NOTICE_TITLES,
    Kind.POLICY: v.POLICY_TITLES,
    Kind.INTERPRETATION: v.INTERPRETATION_TITLES,
}
DEMO_ACCOUNTS = [
    # username, unit code, role
    ("chengguan_officer", "T01", Role.INFORMATION_OFFICER),
    ("chengguan_reviewer", "T01", Role.REVIEWER),
    ("chengguan_admin", "T01", Role.UNIT_ADMINISTRATOR),
    ("qingshi_officer", "T02", Role.INFORMATION_OFFICER),
    ("qingshi_reviewer", "T02", Role.REVIEWER),
    ("jiaoyu_officer", "D02", Role.INFORMATION_OFFICER),
    ("jiaoyu_reviewer", "D02", Role.REVIEWER),
    ("fagai_officer", "D01", Role.INFORMATION_OFFICER),
    ("yingji_officer", "D20", Role.INFORMATION_OFFICER),
    ("yingji_reviewer", "D20", Role.REVIEWER),
    ("liangchu_officer", "D41", Role.INFORMATION_OFFICER),
    ("county_officer", "000", Role.INFORMATION_OFFICER),
    ("county_reviewer", "000", Role.REVIEWER),
    ("county_admin", "000", Role.UNIT_ADMINISTRATOR),
    ("office_headline", "001", Role.HEADLINE_REVIEWER),
    ("office_dispatcher", "001", Role.INFORMATION_OFFICER),
    ("office_sysadmin", "001", Role.SYSTEM_ADMINISTRATOR),
    ("office_secadmin", "001", Role.SECURITY_ADMINISTRATOR),
    ("office_auditor", "001", Role.AUDIT_ADMINISTRATOR),
]
RECENT_DAYS = 14
SPREAD_DAYS = 730
INDEX_CHUNK = 2000
# Articles the demo puts in Wagtail's own search index (the admin's page search) at most.
ADMIN_INDEX_LIMIT = 20_000
INSERT_CHUNK = 5000

# A one-page PDF, so attachments open in any reader.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclass
class DemoLogin:
    username: str
    password: str
    role: str
    unit: str


Report = Callable[[str], None]


def logins_file() -> Path:
    return Path(settings.VAR_DIR) / "demo-logins.txt"


def is_built() -> bool:
    return PortalHomePage.objects.exists()


def is_complete() -> bool:
    """Every phase of a full build has left its data (a build that stopped half-way has not)."""
    from opencounty.disclosure.models import AnnualReport, DisclosureRequest
    from opencounty.interaction.models import ConsultationPage, ErrorReport, Letter, SurveyPage
    from opencounty.officedocs.models import OfficialDocument
    from opencounty.services.models import Application, ServiceItemPage
    from opencounty.submissions.models import Submission

    newer = (powers, datacatalogue, emergency, meetings)
    return all(part.is_built() for part in newer) and all(
        model.objects.exists()
        for model in (
            PortalHomePage,
            ServiceItemPage,
            ArticlePage,
            DisclosureRequest,
            AnnualReport,
            Letter,
            SurveyPage,
            ConsultationPage,
            ErrorReport,
            Application,
            OfficialDocument,
            Submission,
        )
    )


class _Step:
    """Times the steps of a long phase, one report line each when it took a while."""

    def __init__(self, report: Report) -> None:
        self.report = report

    def timed(self, name: str, work: Callable[[], object]):
        started = time.perf_counter()
        result = work()
        seconds = time.perf_counter() - started
        if seconds >= 1:
            self.report(f"  {name}（{seconds:.1f} 秒）")
        return result


class _Phases:
    """Runs each phase in its own transaction, so that a phase is there whole or not at all
    and a later build completes what is missing; collects the timings."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.timings: dict[str, float] = {}

    def run(self, name: str, work: Callable[[], object], message: Callable[[object, float], str]):
        started = time.perf_counter()
        with transaction.atomic():
            result = work()
        self.timings[name] = time.perf_counter() - started
        self.report(message(result, self.timings[name]))
        return result


def build(
    *,
    seed: int = 1,
    articles: int = 2000,
    townships: int = len(v.TOWNSHIPS),
    departments: int = len(v.DEPARTMENTS),
    accounts: bool = True,
    service_items: int = ITEM_COUNT,
    report: Report = print,
) -> dict[str, float]:
    """Build (or complete) the demo county on today's date, whatever it is. Returns timings
    in seconds per phase. Each phase commits or rolls back whole and skips what exists.

    Tests build a smaller county (fewer townships and departments, no accounts file).
    """
    rng = random.Random(seed)
    phases = _Phases(report)

    def structure():
        _tree_roots()
        made = _units(townships, departments)
        home = _structure(made, rng)
        for unit in made.values():
            sync_unit_roles(unit)
        _workflows(home)
        _word_rules()
        return made

    units = phases.run(
        "structure",
        structure,
        lambda made, t: f"结构：{len(made)} 个单位，{Page.objects.count()} 个页面（{t:.1f} 秒）",
    )
    phases.run(
        "services",
        lambda: build_services(seed, service_items),
        lambda made, t: (
            f"政务服务：新增 {made['live']} 个事项、{made['drafts']} 个待补全草稿、"
            f"{made['windows']} 个窗口（{t:.1f} 秒）"
        ),
    )

    def content():
        existing = ArticlePage.objects.count()
        step = _Step(report)
        new_ids = step.timed(
            "写入文章", lambda: _articles(max(0, articles - existing), units, rng, report)
        )
        catalogued = step.timed("公开目录", lambda: catalogue_policies(new_ids, rng))
        step.timed("政策解读关联", lambda: link_interpretations(new_ids))
        return new_ids, catalogued, _index(new_ids, step)

    phases.run(
        "articles",
        content,
        lambda made, t: (
            f"文章：新增 {len(made[0])} 篇，共 {ArticlePage.objects.count()} 篇，"
            f"公开目录 {made[1]} 件，均已加入检索索引（{t:.1f} 秒）"
        ),
    )
    if not accounts:
        return phases.timings
    phases.run(
        "accounts", lambda: _accounts(units), lambda made, t: f"演示账号：新增 {len(made)} 个"
    )
    today = timezone.localdate()
    cases = [
        ("disclosure", lambda: build_requests(rng, today), "依申请公开：{} 件"),
        ("annual_reports", lambda: build_reports(today), "信息公开年度报告：{} 份"),
        ("letters", lambda: build_letters(rng, today), "信箱来信：{} 件"),
        ("surveys", lambda: build_surveys(rng, timezone.now()), "网上调查：新增 {} 项"),
        ("consultations", lambda: build_consultations(today), "意见征集：新增 {} 项"),
        ("error_reports", lambda: build_error_reports(today), "网站纠错：{} 件"),
        ("applications", lambda: build_applications(rng, today), "网上办事申请：{} 件"),
        ("officedocs", lambda: build_documents(today), "公文交换：{} 份公文"),
        ("submissions", lambda: build_submissions(rng, today), "政务信息报送：{} 条"),
    ]
    for name, work, words in cases:
        phases.run(name, work, lambda made, t, words=words: f"{words.format(made)}（{t:.1f} 秒）")
    # The newer domains each print their own line (opencounty/demo/<name>.py).
    for name, part in (
        ("powers", powers),
        ("datacatalogue", datacatalogue),
        ("emergency", emergency),
        ("meetings", meetings),
    ):
        phases.run(
            name, lambda part=part: part.build(rng, today), lambda line, t: f"{line}（{t:.1f} 秒）"
        )
    return phases.timings


def _units(townships: int, departments: int) -> dict[str, Unit]:
    specs = [
        ("000", f"{v.COUNTY}人民政府", "县政府", Unit.Kind.COUNTY_GOVERNMENT, None),
        ("001", f"{v.COUNTY}电子政务办公室", "县电子政务办", Unit.Kind.COUNTY_OFFICE, "000"),
    ]
    specs += [
        (f"D{i:02d}", f"{v.COUNTY}{name}", f"县{name}", Unit.Kind.DEPARTMENT, "000")
        for i, name in enumerate(v.DEPARTMENTS[:departments], start=1)
    ]
    specs += [
        (f"T{i:02d}", f"{v.COUNTY}{name}", name, Unit.Kind.TOWNSHIP, "000")
        for i, name in enumerate(v.TOWNSHIPS[:townships], start=1)
    ]
    units: dict[str, Unit] = {}
    for order, (code, name, short, kind, parent) in enumerate(specs):
        phone = f"0000-{6000000 + order:07d}"
        unit, _ = Unit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "parent": units.get(parent) if parent else None,
                "order": order,
                "disclosure_office": f"{short}办公室",
                "disclosure_address": f"{v.COUNTY}政务大道{order + 1}号",
                "disclosure_hours": "工作日 8:30-12:00，14:30-17:30",
                "disclosure_phone": phone,
                "disclosure_fax": phone,
                "disclosure_email": f"gk{code.lower()}@example.org",
            },
        )
        units[code] = unit
    return units


def _tree_roots() -> None:
    """Wagtail's migrations make these; a flushed test database has lost them."""
    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="根目录", slug="root", live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="根目录")
    seed_from_chinesecalendar()


def _add(parent: Page, page: Page) -> Page:
    page.first_published_at = page.last_published_at = timezone.now() - timedelta(days=SPREAD_DAYS)
    parent.add_child(instance=page)
    return page


def _structure(units: dict[str, Unit], rng: random.Random) -> PortalHomePage:
    existing = PortalHomePage.objects.first()
    if existing is not None:
        return existing
    _tree_roots()
    root = Page.get_first_root_node()
    for welcome in (
        root.get_children()
        .filter(depth=2, numchild=0)
        .exclude(content_type=ContentType.objects.get_for_model(PortalHomePage))
    ):
        Site.objects.filter(root_page=welcome).delete()
        welcome.delete()
    home = PortalHomePage(
        title=f"{v.COUNTY}人民政府门户网站",
        slug="home",
        intro="示范县是一个虚构的县，本站全部内容均为演示数据。",
    )
    root = Page.get_first_root_node()
    root.add_child(instance=home)
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": f"{v.COUNTY}人民政府",
        },
    )
    PortalSettings.objects.update_or_create(
        site=site,
        defaults={
            "site_name": f"{v.COUNTY}人民政府门户网站",
            "sponsor": f"{v.COUNTY}人民政府办公室",
            "organiser": f"{v.COUNTY}电子政务办公室",
            "contact": "0000-6000000（演示号码）",
            "site_id_code": "0000000000",
            "icp_number": "演示ICP备00000000号",
            "police_record_number": "演示公网安备00000000000000号",
        },
    )
    county = units["000"]
    county.root_page = home
    county.save(update_fields=["root_page"])
    columns = {}
    for title, slug, kind, headline, in_menu in COUNTY_COLUMNS:
        if kind == Kind.DISCLOSURE:
            _add(home, platform_page(county))
            continue
        if kind == Kind.SERVICES:
            continue  # the county's service hall, made by demo.services
        columns[slug] = _add(
            home,
            ColumnPage(
                title=title, slug=slug, kind=kind, is_headline=headline, show_in_menus=in_menu
            ),
        )
    _add(
        columns["overview"],
        ArticlePage(
            title=f"{v.COUNTY}概况",
            slug="about",
            body=f"<p>{v.COUNTY}是一个虚构的县，辖 {len(v.TOWNSHIPS)} 个乡镇（街道），用于演示县级政府网站群。</p>",
        ),
    )
    _add(
        columns["organisation"],
        OrganisationPage(
            title=f"{v.COUNTY}人民政府机构职能",
            slug="county-government",
            functions="<p>执行县人民代表大会及其常务委员会的决议，管理本县行政工作。</p>",
            address=county.disclosure_address,
            hours=county.disclosure_hours,
            phone=county.disclosure_phone,
            postcode="000000",
        ),
    )
    for order, position in enumerate(v.POSITIONS):
        name = rng.choice(v.SURNAMES) + v.GIVEN[order % len(v.GIVEN)]
        _add(
            columns["leaders"],
            LeaderPage(
                title=f"{position} {name}",
                slug=f"leader-{order + 1}",
                name=name,
                position=position,
                resume=f"<p>{name}，虚构人物，示范县{position}。</p>",
                duties=f"<p>负责{rng.choice(v.TOPICS)}、{rng.choice(v.TOPICS)}等方面工作。</p>",
                order=order,
            ),
        )
    topic = _add(
        home,
        TopicPage(
            title="乡村振兴专题",
            slug="rural-revitalisation",
            intro="<p>示范县推进乡村振兴工作专题（演示）。</p>",
        ),
    )
    _add(topic, ColumnPage(title="工作动态", slug="news", kind=Kind.NEWS))
    _add(topic, ColumnPage(title="政策文件", slug="policies", kind=Kind.POLICY))
    departments = _add(
        home, SubsiteIndexPage(title="部门子站", slug="departments", show_in_menus=False)
    )
    townships = _add(
        home, SubsiteIndexPage(title="乡镇（街道）子站", slug="townships", show_in_menus=False)
    )
    for code, unit in units.items():
        if unit.kind not in (Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP):
            continue
        parent = departments if unit.kind == Unit.Kind.DEPARTMENT else townships
        subsite = _add(
            parent,
            UnitSitePage(
                title=unit.name, slug=code.lower(), unit=unit, intro=f"{unit.name}网站（演示）。"
            ),
        )
        for title, slug, kind in UNIT_COLUMNS:
            _add(subsite, ColumnPage(title=title, slug=slug, kind=kind, show_in_menus=True))
        _add(
            subsite,
            OrganisationPage(
                title="机构职能",
                slug="organisation",
                show_in_menus=True,
                functions=f"<p>负责全县{rng.choice(v.TOPICS)}等工作（演示）。</p>",
                internal_bodies="<p>办公室、业务股、综合股。</p>",
                address=unit.disclosure_address,
                hours=unit.disclosure_hours,
                phone=unit.disclosure_phone,
                postcode="000000",
            ),
        )
        _add(subsite, platform_page(unit))
        unit.root_page = subsite
        unit.save(update_fields=["root_page"])
    return home


def _workflows(home: PortalHomePage) -> None:
    unit_task, _ = UnitReviewTask.objects.get_or_create(
        name="单位审核", defaults={"role": Role.REVIEWER}
    )
    office_task, _ = UnitReviewTask.objects.get_or_create(
        name="县电子政务办审核", defaults={"role": Role.HEADLINE_REVIEWER}
    )
    unit_flow, _ = Workflow.objects.get_or_create(name="单位审核发布")
    WorkflowTask.objects.get_or_create(
        workflow=unit_flow, task=unit_task, defaults={"sort_order": 0}
    )
    headline_flow, _ = Workflow.objects.get_or_create(name="头条栏目审核发布")
    WorkflowTask.objects.get_or_create(
        workflow=headline_flow, task=unit_task, defaults={"sort_order": 0}
    )
    WorkflowTask.objects.get_or_create(
        workflow=headline_flow, task=office_task, defaults={"sort_order": 1}
    )
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": unit_flow})
    for column in ColumnPage.objects.child_of(home).filter(is_headline=True):
        WorkflowPage.objects.update_or_create(page=column, defaults={"workflow": headline_flow})


def _word_rules() -> None:
    for kind, phrase, suggestion, note in v.WORD_RULES:
        WordRule.objects.get_or_create(
            phrase=phrase, defaults={"kind": kind, "suggestion": suggestion, "note": note}
        )


def _documents(units: dict[str, Unit], rng: random.Random, count: int) -> list:
    Document = get_document_model()
    existing = list(Document.objects.filter(title__startswith="（演示）").order_by("id"))
    if existing:
        return existing
    documents = []
    unit_list = [u for u in units.values() if u.collection_id]
    for i in range(count):
        topic = v.TOPICS[i % len(v.TOPICS)]
        title = "（演示）" + v.ATTACHMENT_TITLES[i % len(v.ATTACHMENT_TITLES)].format(topic=topic)
        unit = unit_list[i % len(unit_list)]
        document = Document(title=title, collection=unit.collection)
        document.file.save(f"demo-{i + 1}.pdf", ContentFile(_PDF), save=False)
        document.save()
        documents.append(document)
    return documents


def _article_text(kind: str, unit: Unit, rng: random.Random, published) -> tuple[str, str, str]:
    topic = rng.choice(v.TOPICS)
    year = published.year
    values = {
        "unit": unit.short_name if unit.kind != Unit.Kind.COUNTY_GOVERNMENT else v.COUNTY,
        "topic": topic,
        "year": year,
        "next_year": year + 2,
        "county": v.COUNTY,
    }
    title = rng.choice(ARTICLE_KINDS[kind]).format(**values)
    sentences = []
    for _ in range(rng.randint(4, 7)):
        sentence = rng.choice(v.SENTENCES).format(
            amount=rng.randint(20, 900),
            people=rng.randint(100, 9000),
            phone=rng.randint(1000000, 9999999),
            **values,
        )
        sentences.append(sentence)
    body = "".join(f"<p>{''.join(sentences[i : i + 2])}</p>" for i in range(0, len(sentences), 2))
    summary = sentences[0][:120]
    return title, summary, body


def _articles(count: int, units: dict[str, Unit], rng: random.Random, report: Report) -> list[int]:
    """Insert `count` articles over every article column, newest items in every news column."""
    if count <= 0:
        return []
    from opencounty.portal.units import unit_for_page

    columns = list(ColumnPage.objects.filter(kind__in=list(ARTICLE_KINDS)).order_by("path"))
    owners = {column.pk: unit_for_page(column) for column in columns}
    documents = _documents(units, rng, 40)
    now = timezone.now()
    plan: list[tuple[ColumnPage, object]] = []
    recent_columns = [c for c in columns if c.kind in (Kind.NEWS, Kind.NOTICE)]
    for column in recent_columns[: count // 2]:
        # Every news and notice column has something from the last two weeks.
        plan.append((column, now - timedelta(days=rng.uniform(0.1, RECENT_DAYS - 1))))
    while len(plan) < count:
        plan.append((rng.choice(columns), now - timedelta(days=rng.uniform(0, SPREAD_DAYS))))
    plan.sort(key=lambda item: (item[0].path, item[1]))

    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    next_step: dict[int, int] = {}
    for column in columns:
        last = (
            Page.objects.filter(path__startswith=column.path, depth=column.depth + 1)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        next_step[column.pk] = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    slug_base = Page.objects.filter(content_type=content_type).count()
    table = connection.ops.quote_name(ArticlePage._meta.db_table)
    child_sql = (
        f"INSERT INTO {table} (page_ptr_id, source, provider, summary, body, cover_image_id) "
        "VALUES (%s, %s, %s, %s, %s, NULL)"
    )
    created: list[int] = []
    for start in range(0, len(plan), INSERT_CHUNK):
        chunk = plan[start : start + INSERT_CHUNK]
        with transaction.atomic():
            pages, details = [], []
            for offset, (column, published) in enumerate(chunk):
                step = next_step[column.pk]
                next_step[column.pk] += 1
                slug = f"a{slug_base + start + offset + 1}"
                owner = owners[column.pk]
                title, summary, body = _article_text(column.kind, owner, rng, published)
                path = Page._get_path(column.path, column.depth + 1, step)
                pages.append(
                    Page(
                        content_type=content_type,
                        path=path,
                        depth=column.depth + 1,
                        numchild=0,
                        title=title,
                        draft_title=title,
                        slug=slug,
                        url_path=f"{column.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        locale=locale,
                        # Unique per tree path, so a later run that adds articles never repeats one.
                        translation_key=uuid.uuid5(uuid.NAMESPACE_URL, f"opencounty-demo:{path}"),
                    )
                )
                provider = rng.choice(v.SURNAMES) + rng.choice(v.GIVEN)
                details.append((summary, body, provider, column.kind == Kind.POLICY))
            Page.objects.bulk_create(pages, batch_size=1000)
            with connection.cursor() as cursor:
                cursor.executemany(
                    child_sql,
                    [
                        (page.pk, "", provider, summary, body)
                        for page, (summary, body, provider, _) in zip(pages, details, strict=True)
                    ],
                )
            attachments = [
                ArticleAttachment(
                    page_id=page.pk, document=documents[(page.pk) % len(documents)], sort_order=0
                )
                for page, detail in zip(pages, details, strict=True)
                if detail[3]
            ]
            ArticleAttachment.objects.bulk_create(attachments, batch_size=1000)
            created.extend(page.pk for page in pages)
        if len(plan) > INSERT_CHUNK:
            report(f"  已写入 {min(start + INSERT_CHUNK, len(plan))}/{len(plan)} 篇")
    for column in columns:
        column.numchild = Page.objects.filter(
            path__startswith=column.path, depth=column.depth + 1
        ).count()
        Page.objects.filter(pk=column.pk).update(numchild=column.numchild)
    return created


def _index(page_ids: list[int], step: _Step) -> int:
    # Site search's own index, in bulk (opencounty.search.index); the guides were indexed
    # as they were saved. Then Wagtail's backend, which only the admin's search uses.
    step.timed("网站搜索索引", lambda: index_pages(page_ids))
    step.timed("管理后台页面搜索索引", lambda: _admin_index(page_ids, step.report))
    return len(page_ids)


def _admin_index(page_ids: list[int], report: Report) -> None:
    backend = get_search_backend()
    admin_ids = page_ids
    if len(page_ids) > ADMIN_INDEX_LIMIT:
        # Wagtail's backend works out every object's fields in Python (~470 articles/s
        # here): a province-sized demo gives the admin's page search only its newest articles.
        new = set(page_ids)
        newest = ArticlePage.objects.order_by("-first_published_at", "-pk").values_list(
            "pk", flat=True
        )
        admin_ids = [pk for pk in newest.iterator() if pk in new][:ADMIN_INDEX_LIMIT]
        report(
            f"  管理后台的页面搜索只索引最新的 {len(admin_ids)} 篇（网站搜索已索引全部 "
            f"{len(page_ids)} 篇）；需要时运行 manage.py update_index 索引全部"
        )
    for start in range(0, len(admin_ids), INDEX_CHUNK):
        ids = admin_ids[start : start + INDEX_CHUNK]
        pages = ArticlePage.get_indexed_objects().filter(pk__in=ids)
        backend.add_bulk(ArticlePage, list(pages))
        if len(admin_ids) > INDEX_CHUNK * 5 and (start // INDEX_CHUNK) % 10 == 0:
            report(f"  已索引 {min(start + INDEX_CHUNK, len(admin_ids))}/{len(admin_ids)} 篇")


def _accounts(units: dict[str, Unit]) -> list[DemoLogin]:
    User = get_user_model()
    path = logins_file()
    if path.exists() and User.objects.filter(username=DEMO_ACCOUNTS[0][0]).exists():
        return []
    logins = []
    for username, code, role in DEMO_ACCOUNTS:
        unit = units.get(code)
        if unit is None:
            continue
        password = secrets.token_urlsafe(9)
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.first_name = f"{unit.short_name}{Role(role).label}"
        user.is_staff = True
        user.save()
        assign_role(user, unit, role)
        logins.append(DemoLogin(username, password, str(Role(role).label), unit.name))
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["演示账号（仅供本机开发使用）", f"{'账号':<22}{'密码':<16}{'角色':<14}单位"]
    lines += [f"{x.username:<22}{x.password:<16}{x.role:<14}{x.unit}" for x in logins]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return logins
