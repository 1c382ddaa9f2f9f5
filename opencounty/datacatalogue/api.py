"""The CKAN-compatible Action API (/api/3/action/<name> and /api/action/<name>): read-only, over
the openly published resources. CKAN's envelope and error types, so CKAN clients (ckanapi, the
data portals' harvesters) read it as they read CKAN:

- success: {"help": <url>, "success": true, "result": ...}
- not found: 404 {"success": false, "error": {"__type": "Not Found Error", "message": ...}}
- bad parameters: 409 "Validation Error" with the field's messages (as CKAN's validators)
- a filter query we cannot read: 400 "Search Query Error"; an unknown action: 400 "Bad Request"
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from opencounty.core.models import Unit
from opencounty.datacatalogue.models import DataFile, DataItem, Resource
from opencounty.datacatalogue.views import open_resources, resource_by_slug

MAX_BODY = 100_000
MAX_TEXT = 1000


class ApiError(Exception):
    def __init__(self, status: int, kind: str, message: str = "", fields: dict | None = None):
        super().__init__(message)
        self.status, self.kind, self.message, self.fields = status, kind, message, fields or {}


def not_found(what: str) -> ApiError:
    return ApiError(404, "Not Found Error", _("未找到：%(what)s") % {"what": what})


def invalid(field: str, message: str) -> ApiError:
    return ApiError(409, "Validation Error", fields={field: [message]})


# Parameters ----------------------------------------------------------------------------------


def _text(params: dict, name: str, default: str = "") -> str:
    value = params.get(name, default)
    if value is None:
        return default
    if not isinstance(value, str | int | float):
        raise invalid(name, _("应为文本"))
    return str(value).replace("\x00", "")[:MAX_TEXT]


def _natural(params: dict, name: str, default: int | None) -> int | None:
    """CKAN's int_validator + natural_number_validator: "abc" and -1 are refused (409)."""
    value = params.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, bool) or not isinstance(value, int | str | float):
        raise invalid(name, _("不是有效的整数"))
    try:
        number = int(str(value).strip())
    except ValueError:
        raise invalid(name, _("不是有效的整数")) from None
    if number < 0:
        raise invalid(name, _("须为非负整数"))
    return min(number, 10**9)


def _boolean(params: dict, name: str) -> bool:
    value = params.get(name, False)
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def _id(params: dict) -> str:
    value = _text(params, "id").strip()
    if not value:
        raise invalid("id", _("缺少参数"))
    return value


# Shapes --------------------------------------------------------------------------------------


def _stamp(moment) -> str | None:
    # CKAN writes naive UTC timestamps.
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat() if moment else None


def organization_dict(unit: Unit, package_count: int | None = None) -> dict:
    shape = {
        "id": unit.code.lower(),
        "name": unit.code.lower(),
        "title": unit.name,
        "display_name": unit.name,
        "description": unit.disclosure_office,
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "approval_status": "approved",
        "image_url": "",
    }
    if package_count is not None:
        shape["package_count"] = package_count
    return shape


def _url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def resource_dict(request: HttpRequest, data_file: DataFile, position: int) -> dict:
    resource = data_file.resource
    return {
        "id": str(data_file.uuid),
        "package_id": str(resource.uuid),
        "name": data_file.download_name,
        "description": "",
        "format": data_file.get_format_display(),
        "mimetype": "text/csv"
        if data_file.format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "url": _url(
            request, reverse("datacatalogue:download", args=[resource.slug, data_file.format])
        ),
        "size": data_file.size,
        "position": position,
        "state": "active",
        "url_type": None,
        "created": _stamp(data_file.uploaded_at),
        "last_modified": _stamp(data_file.uploaded_at),
    }


def package_dict(request: HttpRequest, resource: Resource) -> dict:
    tags = resource.tags
    files = list(resource.files.all())
    return {
        "id": str(resource.uuid),
        "name": resource.slug,
        "title": resource.name,
        "notes": resource.summary,
        "type": "dataset",
        "state": "active",
        "private": False,
        "url": _url(request, reverse("datacatalogue:dataset", args=[resource.slug])),
        "author": resource.unit.name,
        "maintainer": resource.unit.disclosure_office or resource.unit.name,
        "license_id": "notspecified",
        "metadata_created": _stamp(resource.created_at),
        "metadata_modified": _stamp(resource.modified_at),
        "owner_org": resource.unit.code.lower(),
        "organization": organization_dict(resource.unit),
        "tags": [
            {"id": tag, "name": tag, "display_name": tag, "state": "active", "vocabulary_id": None}
            for tag in tags
        ],
        "num_tags": len(tags),
        "resources": [resource_dict(request, f, n) for n, f in enumerate(files)],
        "num_resources": len(files),
        "extras": [
            {"key": "resource_code", "value": resource.code},
            {"key": "classification", "value": str(resource.get_classification_display())},
            {"key": "update_frequency", "value": str(resource.get_update_frequency_display())},
            {"key": "sharing", "value": str(resource.get_sharing_display())},
            {"key": "opening", "value": str(resource.get_opening_display())},
        ],
        "data_items": [
            {"name": i.name, "type": i.data_type, "length": i.length} for i in resource.items.all()
        ],
    }


def _packages() -> QuerySet[Resource]:
    return (
        open_resources()
        .select_related("unit")
        .prefetch_related(
            Prefetch("files", queryset=DataFile.objects.select_related("resource")),
            Prefetch("items", queryset=DataItem.objects.order_by("order")),
        )
    )


def _unit(ident: str) -> Unit:
    unit = Unit.objects.filter(code__iexact=ident[:40]).first()
    if unit is None:
        raise not_found(_("组织"))
    return unit


# Actions -------------------------------------------------------------------------------------


def package_list(request: HttpRequest, params: dict):
    limit = _natural(params, "limit", None)
    offset = _natural(params, "offset", 0)
    names = [r.slug for r in open_resources().order_by("code").only("code")]
    end = None if limit is None else offset + limit
    return names[offset:end]


def package_show(request: HttpRequest, params: dict):
    resource = resource_by_slug(_id(params), _packages())
    if resource is None:
        raise not_found(_("数据集"))
    return package_dict(request, resource)


_FQ_TERM = re.compile(r'\s*([+-]?)([a-z_]+):(?:"([^"]*)"|([^\s"]+))\s*', re.IGNORECASE)
FQ_FIELDS = {"organization", "owner_org", "tags", "res_format", "name"}


def _filter_query(fq: str, resources: QuerySet[Resource]) -> QuerySet[Resource]:
    """The subset of Solr's fq syntax CKAN clients send: field:value or field:"value", with an
    optional + (must) or - (must not). Anything else is a Search Query Error, never a 500."""
    position = 0
    fq = fq.strip()
    while position < len(fq):
        match = _FQ_TERM.match(fq, position)
        if match is None or match.end() == position:
            raise ApiError(400, "Search Query Error", _("无法解析的筛选条件：%(fq)s") % {"fq": fq})
        sign, field, quoted, bare = match.groups()
        value = (quoted if quoted is not None else bare).strip()[:200]
        field = field.lower()
        if field not in FQ_FIELDS:
            raise ApiError(
                400, "Search Query Error", _("不支持的筛选字段：%(field)s") % {"field": field}
            )
        if field in ("organization", "owner_org"):
            condition = Q(unit__code__iexact=value)
        elif field == "tags":
            ids = [r.pk for r in resources if value in r.tags]
            condition = Q(pk__in=ids)
        elif field == "res_format":
            condition = Q(files__format__iexact=value)
        else:
            found = resource_by_slug(value, resources)
            condition = Q(pk=found.pk if found else None)
        resources = resources.exclude(condition) if sign == "-" else resources.filter(condition)
        position = match.end()
    return resources.distinct()


def package_search(request: HttpRequest, params: dict):
    rows = min(_natural(params, "rows", 10), settings.CKAN_API_ROWS_MAX)
    start = _natural(params, "start", 0)
    q = _text(params, "q").strip()
    fq = _text(params, "fq")
    resources = _packages()
    if q and q != "*:*":
        for word in q.split()[:10]:
            resources = resources.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(keywords__icontains=word)
                | Q(code__icontains=word)
                | Q(unit__name__icontains=word)
            )
    if fq:
        resources = _filter_query(fq, resources)
    resources = resources.order_by("-modified_at", "code")
    count = resources.count()
    return {
        "count": count,
        "sort": "score desc, metadata_modified desc",
        "facets": {},
        "search_facets": {},
        "results": [package_dict(request, r) for r in resources[start : start + rows]],
    }


def _organizations():
    return (
        Unit.objects.filter(data_resources__in=open_resources())
        .annotate(package_count=Count("data_resources", distinct=True))
        .order_by("kind", "order", "code")
    )


def organization_list(request: HttpRequest, params: dict):
    limit = _natural(params, "limit", None)
    offset = _natural(params, "offset", 0)
    units = list(_organizations())
    end = None if limit is None else offset + limit
    units = units[offset:end]
    if _boolean(params, "all_fields"):
        return [organization_dict(u, u.package_count) for u in units]
    return [u.code.lower() for u in units]


def organization_show(request: HttpRequest, params: dict):
    unit = _unit(_id(params))
    packages = _packages().filter(unit=unit).order_by("code")
    shape = organization_dict(unit, packages.count())
    if _boolean(params, "include_datasets"):
        shape["packages"] = [package_dict(request, r) for r in packages[:1000]]
    return shape


def tag_list(request: HttpRequest, params: dict):
    query = _text(params, "query").strip()
    tags = sorted({tag for r in open_resources().only("keywords") for tag in r.tags})
    return [t for t in tags if query in t] if query else tags


ACTIONS: dict[str, Callable] = {
    "package_list": package_list,
    "package_show": package_show,
    "package_search": package_search,
    "organization_list": organization_list,
    "organization_show": organization_show,
    "tag_list": tag_list,
}


def _params(request: HttpRequest) -> dict:
    if request.method != "POST":
        return request.GET.dict()
    if len(request.body) > MAX_BODY:
        raise ApiError(400, "Bad Request", _("请求过大"))
    if request.content_type == "application/json" or request.body.strip().startswith(b"{"):
        try:
            body = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "Bad Request", _("JSON 格式错误")) from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request", _("请求体应为 JSON 对象"))
        return body
    return request.POST.dict() or request.GET.dict()


def _response(payload: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@csrf_exempt
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, name: str) -> JsonResponse:
    help_url = _url(request, reverse("ckan_api:action", args=["help_show"])) + f"?name={name[:50]}"
    func = ACTIONS.get(name)
    try:
        if func is None:
            raise ApiError(400, "Bad Request", _("不支持的接口：%(name)s") % {"name": name[:50]})
        result = func(request, _params(request))
    except ApiError as exc:
        error = {"__type": exc.kind}
        if exc.message:
            error["message"] = exc.message
        error.update(exc.fields)
        return _response({"help": help_url, "success": False, "error": error}, exc.status)
    return _response({"help": help_url, "success": True, "result": result})
