"""The disclosure platform page (政府信息公开) of the county and of every unit.

One page per site: the disclosure guide (公开指南, editable and reviewed like any
page, with the unit's disclosure office from `Unit`), the catalogue (公开目录)
browsable by unit, subject and statutory category, searchable and downloadable
as CSV or Excel, the way to apply, and the annual reports.
"""

from __future__ import annotations

import csv
import io

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from opencounty.core import export_text
from opencounty.core.models import Unit
from opencounty.core.public_forms import clean_query
from opencounty.disclosure import catalogue
from opencounty.disclosure.models import CatalogueRecord
from opencounty.portal.pages.base import PortalPage
from opencounty.portal.units import pages_owned_by, unit_for_page

CATALOGUE_PAGE_SIZE = 20
EXPORT_LIMIT = 10000
EXPORT_COLUMNS = [
    _("索引号"),
    _("名称"),
    _("发布机构"),
    _("文号"),
    _("主题分类"),
    _("公开类别"),
    _("体裁"),
    _("成文日期"),
    _("发布日期"),
    _("公开方式"),
    _("有效性"),
    _("网址"),
]


class DisclosurePage(RoutablePageMixin, PortalPage):
    metadata_type = "column"

    guide = RichTextField(
        _("公开指南"),
        help_text=_(
            "信息分类、编排体系、获取方式等；工作机构的联系方式取自单位信息，无须重复填写。"
        ),
    )

    content_panels = PortalPage.content_panels + [FieldPanel("guide")]
    parent_page_types = ["portal.PortalHomePage", "portal.UnitSitePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("政府信息公开")
        verbose_name_plural = _("政府信息公开")

    def text_for_check(self) -> str:
        from django.utils.html import strip_tags

        return "\n".join([self.title, strip_tags(self.guide or "")])

    # -- what the page covers ------------------------------------------------

    def unit(self) -> Unit | None:
        return unit_for_page(self)

    def is_county_platform(self) -> bool:
        unit = self.unit()
        return unit is None or unit.kind == Unit.Kind.COUNTY_GOVERNMENT

    def covered_units(self) -> list[Unit]:
        """The county platform covers every unit; a unit's page covers the unit itself."""
        if self.is_county_platform():
            return list(Unit.objects.all())
        return [self.unit()]

    def records(self, filters: dict) -> tuple:
        """Live catalogue entries of the covered units that the public may see listed."""
        records = (
            CatalogueRecord.objects.filter(page__live=True)
            .exclude(disclosure_mode=catalogue.DisclosureMode.NOT_DISCLOSED)
            .select_related("page", "issuing_unit", "page__index_number__unit")
        )
        unit = filters.get("unit")
        if unit is not None:
            owned = Page.objects.filter(pages_owned_by(unit)).values("id")
            records = records.filter(page_id__in=owned)
        if filters.get("subject"):
            records = records.filter(subject=filters["subject"])
        if filters.get("category"):
            records = records.filter(statutory_category=filters["category"])
        if filters.get("validity"):
            records = records.filter(validity=filters["validity"])
        if filters.get("q"):
            q = filters["q"]
            records = records.filter(
                Q(page__title__icontains=q)
                | Q(document_number__icontains=q)
                | Q(page__index_number__number__icontains=q)
            )
        return records.order_by("-page__first_published_at", "-id")

    def read_filters(self, request) -> dict:
        """The catalogue filters from the query string; unknown values are ignored."""
        get = request.GET
        filters: dict = {"q": clean_query(get.get("q", "")).strip()[:100]}
        units = {u.code: u for u in self.covered_units()}
        if self.is_county_platform():
            filters["unit"] = units.get(get.get("unit", ""))
        else:
            filters["unit"] = self.unit()
        subject = get.get("subject", "")
        filters["subject"] = subject if subject in catalogue.Subject.values else ""
        categories = dict(self.categories())
        filters["category"] = get.get("category") if get.get("category") in categories else ""
        filters["validity"] = (
            get.get("validity") if get.get("validity") in catalogue.Validity.values else ""
        )
        return filters

    def categories(self) -> list[tuple[str, str]]:
        if self.is_county_platform():
            return catalogue.ALL_CATEGORIES
        return catalogue.categories_for(self.unit())

    # -- routes --------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit"] = self.unit()
        context["is_county_platform"] = self.is_county_platform()
        return context

    @path("")
    def index(self, request):
        context = self.get_context(request)
        scope = {"unit": None if self.is_county_platform() else self.unit()}
        context["recent"] = list(self.records(scope)[:10])
        context["categories"] = self.categories()
        context["subjects"] = catalogue.Subject.choices
        if self.is_county_platform():
            context["unit_pages"] = unit_platform_pages()
        return TemplateResponse(request, "disclosure/disclosure_page.html", context)

    @path("guide/")
    def guide_view(self, request):
        context = self.get_context(request)
        return TemplateResponse(request, "disclosure/guide.html", context)

    @path("catalogue/")
    def catalogue_view(self, request):
        filters = self.read_filters(request)
        paginator = Paginator(self.records(filters), CATALOGUE_PAGE_SIZE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context = self.get_context(request)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filters=filters,
            page_obj=page_obj,
            query=query.urlencode(),
            categories=self.categories(),
            subjects=catalogue.Subject.choices,
            validities=catalogue.Validity.choices,
            units=self.covered_units() if self.is_county_platform() else [],
        )
        return TemplateResponse(request, "disclosure/catalogue.html", context)

    @path("catalogue/csv/")
    def catalogue_csv(self, request):
        rows = export_rows(self.records(self.read_filters(request))[:EXPORT_LIMIT], request)
        buffer = io.StringIO()
        buffer.write("\ufeff")  # so spreadsheet programs read the Chinese text as UTF-8
        writer = csv.writer(buffer)
        writer.writerow(export_text.csv_row([str(c) for c in EXPORT_COLUMNS]))
        writer.writerows(export_text.csv_row(row) for row in rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = _attachment(self, "csv")
        return response

    @path("catalogue/xlsx/")
    def catalogue_xlsx(self, request):
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("公开目录"))
        export_text.append(sheet, [str(c) for c in EXPORT_COLUMNS])
        for row in export_rows(self.records(self.read_filters(request))[:EXPORT_LIMIT], request):
            export_text.append(sheet, row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = _attachment(self, "xlsx")
        return response


def _attachment(page: DisclosurePage, extension: str) -> str:
    unit = page.unit()
    code = unit.code if unit else "county"
    return f'attachment; filename="catalogue-{code}-{timezone.localdate():%Y%m%d}.{extension}"'


def export_rows(records, request) -> list[list[str]]:
    rows = []
    for record in records:
        page = record.page
        number = getattr(page, "index_number", None)
        issuer = record.issuing_unit or (number.unit if number else None)
        rows.append(
            [
                number.number if number else "",
                page.title,
                issuer.name if issuer else "",
                record.document_number,
                record.get_subject_display(),
                record.category_label(),
                record.get_genre_display(),
                record.made_on.isoformat(),
                timezone.localtime(page.first_published_at).date().isoformat()
                if page.first_published_at
                else "",
                record.get_disclosure_mode_display(),
                record.get_validity_display(),
                request.build_absolute_uri(page.get_url(request)),
            ]
        )
    return [[str(cell) for cell in row] for row in rows]


def unit_platform_pages() -> list[tuple[Unit, DisclosurePage]]:
    """Every unit's disclosure page, in the units' order, for the county platform's directory."""
    by_parent = {
        page.path[: -Page.steplen]: page for page in DisclosurePage.objects.live().order_by("path")
    }
    units = Unit.objects.exclude(kind=Unit.Kind.COUNTY_GOVERNMENT).filter(root_page__isnull=False)
    return [
        (unit, by_parent[unit.root_page.path])
        for unit in units.select_related("root_page")
        if unit.root_page.path in by_parent
    ]
