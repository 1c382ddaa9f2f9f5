"""Public pages of the list of powers: browse by unit and category, search, a power's page with
its bases, flow chart and history, the law-enforcement bases, the Excel export and 双公示.

The public reads only approved versions (`PowerVersion.is_current`) and 双公示 entries within
their publicity period; a wrong filter value is ignored, never an error page."""

from __future__ import annotations

from collections import OrderedDict

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opencounty.core.models import Unit
from opencounty.powers.exports import powers_workbook
from opencounty.powers.flowchart import power_flow_chart
from opencounty.powers.forms import PublicSearchForm
from opencounty.powers.models import ENFORCEMENT_CATEGORIES, Category, PowerVersion, Publication

PAGE_SIZE = 30
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def current_versions():
    return PowerVersion.objects.filter(is_current=True)


def _filtered(request: HttpRequest):
    units = Unit.objects.filter(pk__in=current_versions().values("unit")).order_by(
        "kind", "order", "code"
    )
    form = PublicSearchForm(request.GET or None, units=units)
    versions = current_versions().select_related("unit")
    if form.is_bound:
        form.is_valid()  # a wrong value is dropped, the rest still filter
    data = getattr(form, "cleaned_data", {}) or {}
    query = (data.get("q") or "").strip()
    if query:
        versions = versions.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if data.get("category"):
        versions = versions.filter(category=data["category"])
    if data.get("unit"):
        versions = versions.filter(unit=data["unit"])
    return form, versions.order_by("unit__kind", "unit__order", "code"), units


def index(request: HttpRequest) -> HttpResponse:
    form, versions, units = _filtered(request)
    page = Paginator(versions, PAGE_SIZE).get_page(request.GET.get("page"))
    by_category = dict(
        current_versions().values_list("category").annotate(n=Count("pk")).order_by()
    )
    by_unit = dict(current_versions().values_list("unit").annotate(n=Count("pk")).order_by())
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "powers/index.html",
        {
            "form": form,
            "page": page,
            "total": page.paginator.count,
            "categories": [
                (value, label, by_category.get(value, 0)) for value, label in Category.choices
            ],
            "units": [(unit, by_unit.get(unit.pk, 0)) for unit in units],
            "query": query.urlencode(),
        },
    )


def detail(request: HttpRequest, code: str) -> HttpResponse:
    version = current_versions().select_related("unit", "service_item").filter(code=code).first()
    if version is None:
        raise Http404
    history = version.power.versions.order_by("-number")
    return render(
        request,
        "powers/detail.html",
        {
            "version": version,
            "history": history,
            "flow_chart": power_flow_chart(version.name, version.steps),
            "service_item": version.service_item
            if version.service_item and version.service_item.live
            else None,
        },
    )


def enforcement(request: HttpRequest) -> HttpResponse:
    """执法依据: every enforcement department's laws, with the powers each one grounds."""
    versions = (
        current_versions()
        .filter(category__in=ENFORCEMENT_CATEGORIES)
        .select_related("unit")
        .order_by("unit__kind", "unit__order", "code")
    )
    departments: OrderedDict = OrderedDict()
    for v in versions:
        laws = departments.setdefault(v.unit, OrderedDict())
        for basis in v.bases:
            law = basis.get("law", "")
            entry = laws.setdefault(law, {"law": law, "articles": [], "powers": []})
            if basis.get("article") and basis["article"] not in entry["articles"]:
                entry["articles"].append(basis["article"])
            if v not in entry["powers"]:
                entry["powers"].append(v)
    return render(
        request,
        "powers/enforcement.html",
        {"departments": [(unit, list(laws.values())) for unit, laws in departments.items()]},
    )


def export(request: HttpRequest) -> HttpResponse:
    _form, versions, _units = _filtered(request)
    response = HttpResponse(powers_workbook(versions), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="powers.xlsx"'
    return response


def publicity(request: HttpRequest) -> HttpResponse:
    """双公示: decisions within their publicity period (later ones are withdrawn)."""
    today = timezone.localdate()
    entries = Publication.objects.filter(
        published_on__lte=today, expires_on__gt=today
    ).select_related("unit")
    kind = request.GET.get("category", "")
    if kind in Publication.Type.values:
        entries = entries.filter(type=kind)
    else:
        kind = ""
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "powers/publicity.html",
        {"page": page, "kind": kind, "types": Publication.Type.choices},
    )
