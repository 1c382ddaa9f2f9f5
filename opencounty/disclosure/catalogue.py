"""The disclosure catalogue (公开目录): the vocabularies of a catalogue entry and the queries over it.

An entry is the catalogue metadata of an article that is government information
(条例 Art. 12): index number, issuing body, document number, subject, genre,
date made, disclosure mode and validity. Proactive disclosure must follow within
20 working days of the information being made or changed (Art. 26).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from opencounty.core.calendar import CalendarNotCovered, working_days_between
from opencounty.core.models import Unit

PUBLICATION_LIMIT_DAYS = 20  # Art. 26


class Subject(models.TextChoices):
    """主题分类: the first level of the State Council's subject classification of documents."""

    GENERAL = "01", _("综合政务")
    ECONOMY = "02", _("国民经济管理、国有资产监管")
    FINANCE = "03", _("财政、金融、审计")
    LAND_ENERGY = "04", _("国土资源、能源")
    AGRICULTURE = "05", _("农业、林业、水利")
    INDUSTRY = "06", _("工业、交通")
    COMMERCE = "07", _("商贸、海关、旅游")
    MARKET = "08", _("市场监管、安全生产监管")
    CONSTRUCTION = "09", _("城乡建设、环境保护")
    SCIENCE = "10", _("科技、教育")
    CULTURE = "11", _("文化、广电、新闻出版")
    HEALTH = "12", _("卫生、体育")
    POPULATION = "13", _("人口与计划生育、妇女儿童工作")
    LABOUR = "14", _("劳动、人事、监察")
    PUBLIC_SECURITY = "15", _("公安、安全、司法")
    CIVIL_AFFAIRS = "16", _("民政、扶贫、救灾")
    ETHNIC = "17", _("民族、宗教")
    FOREIGN = "18", _("对外事务")
    HK_MACAO_TAIWAN = "19", _("港澳台侨工作")
    DEFENCE = "20", _("国防")
    OTHER = "21", _("其他")


class Genre(models.TextChoices):
    """体裁 (文种) of the document."""

    DECISION = "decision", _("决定")
    ORDER = "order", _("命令（令）")
    ANNOUNCEMENT = "announcement", _("公告")
    NOTICE_PUBLIC = "public_notice", _("通告")
    OPINION = "opinion", _("意见")
    NOTICE = "notice", _("通知")
    CIRCULAR = "circular", _("通报")
    REPORT = "report", _("报告")
    REPLY = "reply", _("批复")
    LETTER = "letter", _("函")
    MINUTES = "minutes", _("纪要")
    PLAN = "plan", _("规划、计划、方案")
    OTHER = "other", _("其他")


class DocumentClass(models.TextChoices):
    """What the annual report's Art. 20(1) table counts."""

    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他文件")


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    NOT_DISCLOSED = "not_disclosed", _("不予公开")


class Validity(models.TextChoices):
    VALID = "valid", _("现行有效")
    REPEALED = "repealed", _("已废止")
    EXPIRED = "expired", _("已失效")


# Statutory categories of proactive disclosure. Art. 20 applies to every body;
# Art. 21 adds one list for county governments and their departments and another
# for townships.
ARTICLE_20 = [
    ("a20_01", _("行政法规、规章和规范性文件")),
    ("a20_02", _("机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")),
    ("a20_03", _("国民经济和社会发展规划、专项规划、区域规划及相关政策")),
    ("a20_04", _("国民经济和社会发展统计信息")),
    ("a20_05", _("行政许可和其他对外管理服务事项的依据、条件、程序及办理结果")),
    ("a20_06", _("行政处罚、行政强制的依据、条件、程序及行政处罚决定")),
    ("a20_07", _("财政预算、决算信息")),
    ("a20_08", _("行政事业性收费项目及其依据、标准")),
    ("a20_09", _("政府集中采购项目的目录、标准及实施情况")),
    ("a20_10", _("重大建设项目的批准和实施情况")),
    ("a20_11", _("扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况")),
    ("a20_12", _("突发公共事件的应急预案、预警信息及应对情况")),
    ("a20_13", _("环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况")),
    ("a20_14", _("公务员招考的职位、名额、报考条件等事项以及录用结果")),
    ("a20_15", _("法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")),
]
ARTICLE_21_COUNTY = [
    ("a21_municipal", _("市政建设")),
    ("a21_public_services", _("公共服务")),
    ("a21_public_welfare", _("公益事业")),
    ("a21_land", _("土地征收")),
    ("a21_houses", _("房屋征收")),
    ("a21_public_order", _("治安管理")),
    ("a21_assistance", _("社会救助")),
]
ARTICLE_21_TOWNSHIP = [
    ("a21t_rural_policy", _("贯彻落实农业农村政策")),
    ("a21t_irrigation", _("农田水利工程建设运营")),
    ("a21t_land_contract", _("农村土地承包经营权流转")),
    ("a21t_homestead", _("宅基地使用情况审核")),
    ("a21t_land", _("土地征收")),
    ("a21t_houses", _("房屋征收")),
    ("a21t_fund_labour", _("筹资筹劳")),
    ("a21t_assistance", _("社会救助")),
]
ALL_CATEGORIES = ARTICLE_20 + ARTICLE_21_COUNTY + ARTICLE_21_TOWNSHIP


def categories_for(unit: Unit | None) -> list[tuple[str, str]]:
    """The statutory categories a unit publishes under: Art. 20 plus its Art. 21 list."""
    if unit is not None and unit.kind == Unit.Kind.TOWNSHIP:
        return ARTICLE_20 + ARTICLE_21_TOWNSHIP
    return ARTICLE_20 + ARTICLE_21_COUNTY


def category_label(code: str) -> str:
    return str(dict(ALL_CATEGORIES).get(code, ""))


def format_index_number(unit_code: str, year: int, sequence: int) -> str:
    """索引号: the unit's code, the year and a five-digit sequence, e.g. T01/2026-00012."""
    return f"{unit_code}/{year}-{sequence:05d}"


def publication_lag(made_or_changed: date, published: date) -> int | None:
    """Working days from the information being made or changed to its publication.

    None when the calendar does not cover the dates (the coverage warning says so).
    """
    if published <= made_or_changed:
        return 0
    try:
        return working_days_between(made_or_changed, published)
    except CalendarNotCovered:
        return None


def is_late(made_or_changed: date, published: date) -> bool:
    lag = publication_lag(made_or_changed, published)
    return lag is not None and lag > PUBLICATION_LIMIT_DAYS


def normative_document_counts(units: list[Unit], year: int) -> dict[str, dict[str, int]]:
    """The annual report's Art. 20(1) rows: rules (规章) and normative documents (行政规范性文件)
    of the units made this year, repealed or expired this year, and in force at the year's end.

    Counts published (numbered) catalogue entries of the units' own pages.
    """
    from opencounty.disclosure.models import CatalogueRecord

    end = date(year, 12, 31)
    records = CatalogueRecord.objects.filter(
        page__index_number__unit__in=units,
        document_class__in=[DocumentClass.REGULATION, DocumentClass.NORMATIVE],
        made_on__lte=end,
    ).values_list("document_class", "made_on", "validity", "validity_changed_on")
    counts = {
        DocumentClass.REGULATION.value: {"made": 0, "repealed": 0, "in_force": 0},
        DocumentClass.NORMATIVE.value: {"made": 0, "repealed": 0, "in_force": 0},
    }
    for document_class, made_on, validity, changed_on in records:
        row = counts[document_class]
        ended = validity != Validity.VALID and changed_on is not None and changed_on <= end
        if made_on.year == year:
            row["made"] += 1
        if ended and changed_on.year == year:
            row["repealed"] += 1
        if not ended:
            row["in_force"] += 1
    return counts
