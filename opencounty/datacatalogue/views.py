"""The public open-data catalogue at /data/: openly published resources (无条件开放), their data
items and validated files; and the token-guarded download a unit uses for a granted request."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from opencounty.core.models import Unit
from opencounty.datacatalogue import actions
from opencounty.datacatalogue.forms import CatalogueFilterForm
from opencounty.datacatalogue.models import DataFile, Resource

PER_PAGE = 20


def open_resources():
    return Resource.objects.filter(
        state=Resource.State.PUBLISHED, opening=Resource.Opening.UNCONDITIONAL
    )


def resource_by_slug(slug: str, queryset=None) -> Resource | None:
    """A dataset by its CKAN name (e.g. 3d01-00001) or its uuid."""
    queryset = open_resources() if queryset is None else queryset
    slug = str(slug or "").strip().lower()[:80]
    if "-" in slug and len(slug) != 36:
        prefix, _sep, number = slug.rpartition("-")
        return queryset.filter(code__iexact=f"{prefix}/{number}").first()
    try:
        return queryset.filter(uuid=slug).first()
    except Exception:  # not a uuid either
        return None


def catalogue(request: HttpRequest) -> HttpResponse:
    resources = open_resources().select_related("unit")
    units = Unit.objects.filter(pk__in=resources.values("unit")).order_by("kind", "order", "code")
    form = CatalogueFilterForm(request.GET or None, units=units)
    if form.is_valid():
        data = form.cleaned_data
        for word in data["q"].split()[:10]:
            resources = resources.filter(
                Q(name__icontains=word) | Q(summary__icontains=word) | Q(keywords__icontains=word)
            )
        if data["unit"]:
            resources = resources.filter(unit=data["unit"])
        if data["classification"]:
            resources = resources.filter(classification=data["classification"])
        query = urlencode({k: (v.pk if isinstance(v, Unit) else v) for k, v in data.items() if v})
    else:
        resources = resources.none() if request.GET.keys() - {"page"} else resources
        query = ""
    paginator = Paginator(resources.order_by("-published_at", "code"), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "datacatalogue/catalogue.html",
        {"form": form, "page_obj": page_obj, "query": query},
    )


def dataset(request: HttpRequest, slug: str) -> HttpResponse:
    resource = resource_by_slug(slug)
    if resource is None:
        raise Http404
    return render(
        request,
        "datacatalogue/dataset.html",
        {"resource": resource, "items": resource.items.all(), "files": resource.files.all()},
    )


def _file_response(data_file: DataFile) -> HttpResponse:
    content_types = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    with data_file.file.open("rb") as opened:
        body = opened.read()
    response = HttpResponse(body, content_type=content_types[data_file.format])
    response["Content-Disposition"] = (
        f'attachment; filename="{data_file.resource.slug}.{data_file.format}"; '
        f"filename*=UTF-8''{_quoted(data_file.download_name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _quoted(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def download(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    resource = resource_by_slug(slug)
    if resource is None:
        raise Http404
    data_file = get_object_or_404(DataFile, resource=resource, format=file_format)
    return _file_response(data_file)


@never_cache
def shared_file(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    """A unit's system fetches a granted resource with its token (Authorization: Bearer …)."""
    resource = resource_by_slug(slug, Resource.objects.filter(state=Resource.State.PUBLISHED))
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    found = actions.token_for(token, resource) if resource is not None else None
    if found is None:
        response = HttpResponse(_("令牌无效或无权访问该资源。"), status=403)
        response["Content-Type"] = "text/plain; charset=utf-8"
        return response
    data_file = resource.files.filter(format=file_format).first()
    if data_file is None:
        raise Http404
    actions.record_download(data_file, None, how="token", token=found)
    return _file_response(data_file)
