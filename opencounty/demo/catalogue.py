"""Demo catalogue: the disclosure platform pages with their guides, and catalogue metadata
(with index numbers) on every policy document of the demo county."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta

from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.core.numbering import reserve_numbers
from opencounty.disclosure import catalogue as c
from opencounty.disclosure.models import CatalogueRecord, DisclosurePage, IndexNumber
from opencounty.portal.models import ArticlePage, ColumnPage

GUIDE = (
    "<h2>一、主动公开</h2>"
    "<p>（一）公开范围：{name}依照《中华人民共和国政府信息公开条例》第二十条、第二十一条，"
    "主动公开本机关的政府信息。（二）公开形式：以本网站政府信息公开专栏为第一公开平台，"
    "并辅以政府公报、新闻发布会、公共查阅点等形式。（三）公开时限：政府信息形成或者变更之日起"
    "20个工作日内予以公开。</p>"
    "<h2>二、依申请公开</h2>"
    "<p>公民、法人或者其他组织可以通过网上申请、当面提交或者信函方式向本机关申请获取政府信息。"
    "本机关收到申请后，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；"
    "需要延长答复期限的，经工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>"
    "<h2>三、收费</h2><p>提供政府信息不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，"
    "按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>"
    "<h2>四、监督和救济</h2><p>申请人认为本机关在政府信息公开工作中侵犯其合法权益的，"
    "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>"
)
DOCUMENT_TYPE = {
    Unit.Kind.COUNTY_GOVERNMENT: "政发",
    Unit.Kind.DEPARTMENT: "发",
    Unit.Kind.TOWNSHIP: "政发",
}


# Ids in one `pk__in` query: SQLite refuses more than 32,766 variables (a million-article demo).
IDS_PER_QUERY = 10_000


def platform_page(unit: Unit) -> DisclosurePage:
    """A unit's disclosure platform page (the county government's is the county platform)."""
    return DisclosurePage(
        title="政府信息公开", slug="xxgk", show_in_menus=True, guide=GUIDE.format(name=unit.name)
    )


def catalogue_policies(page_ids: list[int], rng: random.Random) -> int:
    """Catalogue metadata on the new policy documents; index numbers taken per unit and year."""
    from opencounty.portal.units import unit_roots

    policy_columns = ColumnPage.objects.filter(kind=ColumnPage.Kind.POLICY)
    column_paths = [column.path for column in policy_columns]
    pages = [
        page
        for start in range(0, len(page_ids), IDS_PER_QUERY)
        for page in ArticlePage.objects.filter(pk__in=page_ids[start : start + IDS_PER_QUERY]).only(
            "id", "path", "first_published_at"
        )
        if page.path[: -ArticlePage.steplen] in column_paths
    ]
    roots = unit_roots()
    units = Unit.objects.in_bulk()
    records, by_unit_year = [], defaultdict(list)
    for page in pages:
        unit = next(units[uid] for path, uid in roots if page.path.startswith(path))
        published = timezone.localtime(page.first_published_at).date()
        late = rng.random() < 0.05
        made = published - timedelta(days=rng.randint(35, 60) if late else rng.randint(1, 14))
        repealed = rng.random() < 0.1
        normative = rng.random() < 0.4
        mode = c.DisclosureMode.ON_REQUEST if rng.random() < 0.03 else c.DisclosureMode.PROACTIVE
        categories = c.categories_for(unit)
        records.append(
            CatalogueRecord(
                page_id=page.pk,
                document_number=f"{unit.short_name}{DOCUMENT_TYPE.get(unit.kind, '发')}〔{made.year}〕{rng.randint(1, 60)}号",
                subject=rng.choice(c.Subject.values),
                statutory_category="a20_01" if normative else rng.choice(categories)[0],
                document_class=c.DocumentClass.NORMATIVE if normative else c.DocumentClass.OTHER,
                genre=c.Genre.OPINION if normative else rng.choice(c.Genre.values),
                made_on=made,
                disclosure_mode=mode,
                validity=c.Validity.REPEALED if repealed else c.Validity.VALID,
                validity_changed_on=min(
                    published + timedelta(days=rng.randint(30, 300)), timezone.localdate()
                )
                if repealed
                else None,
                sort_order=0,
            )
        )
        by_unit_year[(unit, made.year)].append(page.pk)
    CatalogueRecord.objects.bulk_create(records, batch_size=1000)
    numbers = []
    for (unit, year), ids in sorted(
        by_unit_year.items(), key=lambda item: (item[0][0].code, item[0][1])
    ):
        sequences = reserve_numbers(f"index-number:{unit.code}", year, len(ids))
        numbers += [
            IndexNumber(
                page_id=pk,
                unit=unit,
                year=year,
                sequence=n,
                number=c.format_index_number(unit.code, year, n),
            )
            for pk, n in zip(sorted(ids), sequences, strict=True)
        ]
    IndexNumber.objects.bulk_create(numbers, batch_size=1000)
    return len(records)
