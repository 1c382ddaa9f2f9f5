"""Every change to the catalogue: one function per verb, each checking the actor, writing in one
transaction and appending to the audit log (architecture rule 1)."""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases.actions import IllegalTransition, case_action, require_legal
from opencounty.cases.models import Case
from opencounty.core import audit
from opencounty.core.access import holds_role
from opencounty.core.models import Unit
from opencounty.core.numbering import next_number
from opencounty.datacatalogue import access, validation
from opencounty.datacatalogue import kind as k
from opencounty.datacatalogue.models import (
    AccessToken,
    DataFile,
    DataItem,
    Resource,
    SharingRequest,
)

State = Resource.State
EDITABLE = (State.DRAFT, State.RETURNED)
FIELDS = (
    "name",
    "summary",
    "classification",
    "format",
    "update_frequency",
    "sharing",
    "sharing_condition",
    "sharing_basis",
    "opening",
    "keywords",
)


class CatalogueRefused(ValueError):
    """A change that cannot be made (message in Chinese for the user)."""


@dataclass(frozen=True)
class Item:
    name: str
    data_type: str
    length: int | None = None


def _record(action: str, actor, obj, **details) -> None:
    audit.record(f"datacatalogue.{action}", actor=actor, obj=obj, details=details)


def _refuse(action: str, actor, obj, message: str, exc=CatalogueRefused):
    """Refuse; the refusal is audited by `_verb` once the transaction has rolled back."""
    error = exc(message)
    error.audit = {
        "action": f"datacatalogue.{action}",
        "actor": actor,
        "obj": obj,
        "outcome": "failure",
        "details": {"reason": str(message)},
    }
    raise error


def _verb(func):
    """One transaction per verb; a refusal's audit entry is written after its rollback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except (CatalogueRefused, PermissionDenied, validation.FileRefused) as exc:
            pending = getattr(exc, "audit", None)
            if pending:
                audit.record(pending.pop("action"), **pending)
            raise

    return wrapper


def new_code(classification: str, unit: Unit) -> str:
    """类目码 + 单位代码 / 顺序码: unique, never reused (one counter per classification and unit)."""
    number = next_number(f"datacatalogue:{classification}{unit.code}", 0)
    return f"{classification}{unit.code}/{number:05d}"


def _check_fields(data: dict, items: list[Item]) -> None:
    if not str(data.get("name", "")).strip():
        raise CatalogueRefused(_("请填写资源名称。"))
    if not str(data.get("summary", "")).strip():
        raise CatalogueRefused(_("请填写资源摘要。"))
    if data.get("sharing") in (Resource.Sharing.CONDITIONAL, Resource.Sharing.NONE):
        if not str(data.get("sharing_condition", "")).strip():
            raise CatalogueRefused(_("有条件共享和不予共享的资源须写明共享条件或不予共享的理由。"))
        if not str(data.get("sharing_basis", "")).strip():
            raise CatalogueRefused(_("有条件共享和不予共享的资源须写明依据。"))
    if not items:
        raise CatalogueRefused(_("请至少登记一个信息项。"))
    names = [item.name for item in items]
    if len(set(names)) != len(names):
        raise CatalogueRefused(_("信息项名称不能重复。"))


@_verb
def save_resource(
    unit: Unit,
    actor,
    data: dict,
    items: list[Item],
    *,
    resource: Resource | None = None,
    at: datetime | None = None,
) -> Resource:
    """Catalogue a new resource (its code generated) or change a draft or returned one."""
    at = at or timezone.now()
    if not access.may_catalogue(actor, unit):
        _refuse("save", actor, resource, _("您只能为本单位编目信息资源。"), PermissionDenied)
    try:
        _check_fields(data, items)
    except CatalogueRefused as exc:
        _refuse("save", actor, resource, str(exc))
    if resource is None:
        resource = Resource(
            unit=unit,
            code=new_code(data["classification"], unit),
            created_by=actor,
            created_at=at,
        )
        changed = list(FIELDS)
    else:
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        if resource.state not in EDITABLE or not access.may_catalogue(actor, resource.unit):
            _refuse("save", actor, resource, _("该资源当前不能修改（已送审或已发布的请先撤回）。"))
        changed = [name for name in FIELDS if getattr(resource, name) != data[name]]
    for name in FIELDS:
        setattr(resource, name, str(data[name]).strip())
    resource.modified_at = at
    resource.save()
    before = [(i.name, i.data_type, i.length) for i in resource.items.all()]
    after = [(i.name, i.data_type, i.length) for i in items]
    if before != after:
        resource.items.all().delete()
        DataItem.objects.bulk_create(
            DataItem(
                resource=resource, order=n, name=i.name, data_type=i.data_type, length=i.length
            )
            for n, i in enumerate(items, start=1)
        )
        changed.append("items")
    _record("save", actor, resource, changed=changed, code=resource.code)
    return resource


def _locked(resource: Resource) -> Resource:
    return Resource.objects.select_for_update().select_related("unit").get(pk=resource.pk)


@_verb
def submit_for_review(resource: Resource, actor, *, at: datetime | None = None) -> Resource:
    resource = _locked(resource)
    if not access.may_catalogue(actor, resource.unit):
        _refuse("submit", actor, resource, _("您无权送审其他单位的资源。"), PermissionDenied)
    if resource.state not in EDITABLE:
        _refuse("submit", actor, resource, _("只有草稿或退回的资源可以送审。"))
    resource.state = State.AWAITING_REVIEW
    resource.return_reason = ""
    resource.modified_at = at or timezone.now()
    resource.save(update_fields=["state", "return_reason", "modified_at"])
    _record("submit", actor, resource)
    return resource


@_verb
def publish(resource: Resource, actor, *, at: datetime | None = None) -> Resource:
    """A reviewer of the unit, or the county office, publishes a reviewed resource."""
    resource = _locked(resource)
    if not access.may_publish(actor, resource):
        _refuse(
            "publish",
            actor,
            resource,
            _("资源须由本单位审核人或县电子政务办发布。"),
            PermissionDenied,
        )
    if resource.state != State.AWAITING_REVIEW:
        _refuse("publish", actor, resource, _("只有待审核的资源可以发布。"))
    if resource.opening == Resource.Opening.UNCONDITIONAL and not resource.files.exists():
        _refuse("publish", actor, resource, _("无条件开放的资源须先上传经校验的数据文件。"))
    at = at or timezone.now()
    resource.state = State.PUBLISHED
    resource.published_by = actor
    resource.published_at = at
    resource.modified_at = at
    resource.save(update_fields=["state", "published_by", "published_at", "modified_at"])
    _record("publish", actor, resource)
    return resource


@_verb
def return_for_changes(resource: Resource, actor, *, reason: str) -> Resource:
    resource = _locked(resource)
    if not access.may_publish(actor, resource):
        _refuse("return", actor, resource, _("您无权审核该资源。"), PermissionDenied)
    if resource.state != State.AWAITING_REVIEW:
        _refuse("return", actor, resource, _("只有待审核的资源可以退回。"))
    if not reason.strip():
        _refuse("return", actor, resource, _("退回须写明理由。"))
    resource.state = State.RETURNED
    resource.return_reason = reason.strip()[:500]
    resource.modified_at = timezone.now()
    resource.save(update_fields=["state", "return_reason", "modified_at"])
    _record("return", actor, resource, reason=resource.return_reason)
    return resource


@_verb
def withdraw(resource: Resource, actor) -> Resource:
    """Take a published or submitted resource back to draft (to change it, then review again)."""
    resource = _locked(resource)
    allowed = (
        access.may_publish(actor, resource)
        if resource.state == State.PUBLISHED
        else access.may_catalogue(actor, resource.unit)
    )
    if not allowed:
        _refuse("withdraw", actor, resource, _("您无权撤回该资源。"), PermissionDenied)
    if resource.state not in (State.PUBLISHED, State.AWAITING_REVIEW):
        _refuse("withdraw", actor, resource, _("该资源未送审或发布，无需撤回。"))
    resource.state = State.DRAFT
    resource.modified_at = timezone.now()
    resource.save(update_fields=["state", "modified_at"])
    _record("withdraw", actor, resource)
    return resource


@_verb
def upload_file(
    resource: Resource, actor, *, filename: str, data: bytes, at: datetime | None = None
) -> DataFile:
    """Keep a data file once frictionless finds it valid (a refused one changes nothing)."""
    resource = _locked(resource)
    if not access.may_catalogue(actor, resource.unit):
        _refuse("upload", actor, resource, _("您无权为其他单位的资源上传文件。"), PermissionDenied)
    if resource.state not in EDITABLE:
        _refuse("upload", actor, resource, _("只有草稿或退回的资源可以更换数据文件。"))
    try:
        checked = validation.check_file(resource, filename, data)
    except validation.FileRefused as exc:
        exc.audit = {
            "action": "datacatalogue.upload",
            "actor": actor,
            "obj": resource,
            "outcome": "failure",
            "details": {"reason": str(exc), "rows": [p.row for p in exc.problems]},
        }
        raise
    resource.files.filter(format=checked.format).delete()
    data_file = DataFile(
        resource=resource,
        format=checked.format,
        size=len(data),
        rows=checked.rows,
        uploaded_by=actor,
        uploaded_at=at or timezone.now(),
    )
    data_file.file.save(f"{resource.slug}.{checked.format}", ContentFile(data), save=False)
    data_file.save()
    _record("upload", actor, resource, format=checked.format, rows=checked.rows, size=len(data))
    return data_file


@_verb
def remove_file(data_file: DataFile, actor) -> None:
    resource = _locked(data_file.resource)
    if not access.may_catalogue(actor, resource.unit):
        _refuse("remove_file", actor, resource, _("您无权删除该文件。"), PermissionDenied)
    if resource.state not in EDITABLE:
        _refuse("remove_file", actor, resource, _("只有草稿或退回的资源可以更换数据文件。"))
    data_file.delete()
    _record("remove_file", actor, resource, format=data_file.format)


def record_download(data_file: DataFile, actor, *, how: str, token: AccessToken | None = None):
    """Downloads by other units (and every use of a token) are audited; public ones are not."""
    details = {"format": data_file.format, "how": how}
    if token is not None:
        details["token"] = token.pk
        details["unit"] = token.request.requesting_unit.code
    audit.record("datacatalogue.download", actor=actor, obj=data_file.resource, details=details)


# Sharing between units -----------------------------------------------------------------------


@_verb
def request_sharing(
    resource: Resource,
    actor,
    *,
    requesting_unit: Unit,
    purpose: str,
    delivery: str,
    on: date | None = None,
) -> SharingRequest:
    """A unit asks the provider for a 有条件共享 resource; the provider's clock starts on `on`."""
    if not holds_role(actor, requesting_unit):
        _refuse("request", actor, resource, _("只能以本单位名义申请共享。"), PermissionDenied)
    problem = None
    if resource.state != State.PUBLISHED:
        problem = _("该资源尚未发布。")
    elif resource.sharing != Resource.Sharing.CONDITIONAL:
        problem = _("只有有条件共享的资源需要申请。")
    elif resource.unit_id == requesting_unit.pk:
        problem = _("本单位的资源无需申请共享。")
    elif not purpose.strip():
        problem = _("请写明数据用途。")
    elif delivery not in SharingRequest.Delivery.values:
        problem = _("请选择共享方式。")
    elif SharingRequest.objects.filter(
        resource=resource, requesting_unit=requesting_unit, case__state=k.SUBMITTED
    ).exists():
        problem = _("本单位对该资源已有待答复的申请。")
    if problem:
        _refuse("request", actor, resource, problem)
    with transaction.atomic():
        case, _code = cases.submit(
            k.DATA_SHARING.code,
            unit=resource.unit,
            title=_("%(unit)s申请共享“%(name)s”")
            % {"unit": requesting_unit.short_name, "name": resource.name},
            submitter_name=requesting_unit.name,
            clock_starts_on=on or timezone.localdate(),
        )
        request = SharingRequest.objects.create(
            case=case,
            resource=resource,
            requesting_unit=requesting_unit,
            requested_by=actor,
            purpose=purpose.strip()[:1000],
            delivery=delivery,
        )
        _record("request", actor, resource, case=case.receipt_number, unit=requesting_unit.code)
    return request


@case_action("grant")
def grant(case: Case, actor, *, note: str = "") -> Case:
    """The provider agrees: the requesting unit may download the data or take an API token."""
    return cases.answer(
        case,
        "grant",
        actor,
        text=note.strip() or _("同意共享，请在共享申请中下载数据或获取接口令牌。"),
        closing=True,
    )


@case_action("refuse")
def refuse(case: Case, actor, *, reason: str) -> Case:
    require_legal(case, "refuse", actor)
    if not reason.strip():
        raise IllegalTransition(_("不予共享须写明理由。"))
    return cases.answer(case, "refuse", actor, text=reason, closing=True)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@_verb
def issue_token(request: SharingRequest, actor, *, at: datetime | None = None) -> str:
    """A token for a granted API request, shown once to the requesting unit's staff; earlier
    tokens of the request stop working."""
    request = SharingRequest.objects.select_for_update().select_related("case").get(pk=request.pk)
    if not holds_role(actor, request.requesting_unit):
        _refuse("token", actor, request.resource, _("只有申请单位可以获取令牌。"), PermissionDenied)
    if request.case.state != k.GRANTED or request.delivery != SharingRequest.Delivery.API:
        _refuse(
            "token", actor, request.resource, _("只有已同意、以接口方式共享的申请可以获取令牌。")
        )
    at = at or timezone.now()
    request.tokens.filter(revoked_at__isnull=True).update(revoked_at=at)
    token = secrets.token_urlsafe(32)
    AccessToken.objects.create(
        request=request, token_hash=_hash(token), hint=token[-4:], issued_by=actor, issued_at=at
    )
    _record("token", actor, request.resource, unit=request.requesting_unit.code)
    return token


def token_for(token: str, resource: Resource) -> AccessToken | None:
    """The live token for this resource, or None (a token of another resource opens nothing)."""
    if not token or len(token) > 200:
        return None
    found = (
        AccessToken.objects.filter(token_hash=_hash(token), revoked_at__isnull=True)
        .select_related("request__case", "request__requesting_unit", "request__resource")
        .first()
    )
    if (
        found is None
        or found.request.resource_id != resource.pk
        or found.request.case.state != k.GRANTED
        or resource.state != State.PUBLISHED
    ):
        audit.record(
            "datacatalogue.token_use",
            obj=resource,
            outcome="failure",
            details={"reason": "invalid_token"},
        )
        return None
    AccessToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found
