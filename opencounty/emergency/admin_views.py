"""The staff screens of emergency duty (in the Wagtail admin): the duty desk (值班台), public
warnings, rosters and handover notes, contacts, plans, reporting an incident and its 信息专报.
Every change goes through `actions` or `incidents`; who sees what is `access`."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import actions as cases
from opencounty.cases import clock, staff_views
from opencounty.cases.actions import IllegalTransition
from opencounty.core.models import Unit
from opencounty.core.storage import private_file_response
from opencounty.emergency import access, actions, banner, exports, incidents, rosters
from opencounty.emergency.forms import (
    ContactForm,
    HandoverForm,
    IncidentForm,
    PhotoForm,
    PlanForm,
    ShiftForm,
    WarningForm,
)
from opencounty.emergency.kind import INCIDENT, OPEN
from opencounty.emergency.models import (
    EmergencyContact,
    EmergencyPlan,
    HandoverNote,
    IncidentPhoto,
    PlanVersion,
    PublicWarning,
)

ROSTER_DAYS = 30
REFUSALS = (PermissionDenied, ValidationError, IllegalTransition)


def _staff(request: HttpRequest) -> None:
    if not access.is_staff(request.user):
        raise PermissionDenied


def _office(request: HttpRequest) -> None:
    if not access.is_office(request.user):
        raise PermissionDenied


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("您无权执行此操作。")


def _chosen_unit(request: HttpRequest, units) -> Unit:
    """The unit named by ?unit= among the user's units (their first one by default)."""
    raw = request.GET.get("unit") or request.POST.get("unit") or ""
    if raw:
        if not raw.isdigit():
            raise Http404
        unit = units.filter(pk=int(raw)).first()
        if unit is None:
            raise Http404
        return unit
    unit = units.first()
    if unit is None:
        raise PermissionDenied
    return unit


def _local_date(raw: str, default: date) -> date:
    try:
        return date.fromisoformat(raw) if raw else default
    except ValueError:
        return default


# The duty desk --------------------------------------------------------------------------------


def open_incidents(user, now):
    """The open incidents the user sees, each with its colour and minutes left, the most
    urgent first."""
    rows = []
    today = timezone.localdate(now)
    cases_seen = (
        cases.visible_cases(user, INCIDENT.code)
        .filter(state__in=OPEN)
        .select_related("unit", "incident")
        .order_by("due_at", "pk")
    )
    for case in cases_seen:
        left = clock.remaining_minutes(case, now)
        rows.append(
            {
                "case": case,
                "incident": case.incident,
                "level": clock.warning_level(case, today, now=now),
                "minutes_left": left,
                "overdue": -left if left is not None and left < 0 else 0,
            }
        )
    return rows


def desk(request: HttpRequest) -> HttpResponse:
    _staff(request)
    now = timezone.now()
    today = timezone.localdate(now)
    units = access.units_for(request.user)
    on_duty = rosters.on_duty(units, today)
    gap_days = settings.EMERGENCY_ROSTER_GAP_DAYS
    return TemplateResponse(
        request,
        "emergency/admin/desk.html",
        {
            "now": now,
            "incidents": open_incidents(request.user, now),
            "duty": [(unit, on_duty.get(unit.pk)) for unit in units],
            "gaps": rosters.gaps(units, today, gap_days),
            "gap_days": gap_days,
            "warnings": banner.active_warnings(now),
            "is_office": access.is_office(request.user),
            "notes": HandoverNote.objects.filter(unit__in=units)
            .select_related("unit", "author")
            .order_by("-created_at")[:10],
        },
    )


# Public warnings -----------------------------------------------------------------------------


def warning_list(request: HttpRequest) -> HttpResponse:
    _office(request)
    now = timezone.now()
    warnings = PublicWarning.objects.select_related("published_by", "lifted_by")[:200]
    return TemplateResponse(
        request,
        "emergency/admin/warnings.html",
        {"warnings": warnings, "now": now},
    )


def warning_new(request: HttpRequest) -> HttpResponse:
    _office(request)
    units = Unit.objects.order_by("kind", "order", "code")
    form = WarningForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            warning = actions.publish_warning(
                request.user,
                kind=data["kind"],
                level=data["level"],
                area=data["area"],
                text=data["text"],
                valid_until=data["valid_until"],
                sms_units=data["sms_units"],
                sms_groups=data["sms_groups"],
            )
        except REFUSALS as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("预警已发布，一分钟内在门户各页面显示。"))
            return redirect("emergency_admin:warning", warning.pk)
    return TemplateResponse(request, "emergency/admin/warning_form.html", {"form": form})


def warning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    warning = get_object_or_404(PublicWarning, pk=pk)
    if request.method == "POST":
        try:
            actions.lift_warning(warning, request.user)
        except REFUSALS as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("预警已解除，门户各页面的预警横幅随之撤下。"))
        return redirect("emergency_admin:warning", warning.pk)
    recipients = warning.messages.select_related("sms")
    counts: dict[str, int] = {}
    for message in recipients:
        counts[message.sms.get_status_display()] = (
            counts.get(message.sms.get_status_display(), 0) + 1
        )
    return TemplateResponse(
        request,
        "emergency/admin/warning.html",
        {
            "warning": warning,
            "active": warning.is_active(),
            "recipients": recipients,
            "counts": sorted(counts.items()),
        },
    )


# Rosters --------------------------------------------------------------------------------------


def roster(request: HttpRequest) -> HttpResponse:
    _staff(request)
    units = access.units_for(request.user)
    unit = _chosen_unit(request, units)
    today = timezone.localdate()
    start = _local_date(request.GET.get("start", ""), today)
    shift_form = ShiftForm(
        request.POST if request.POST.get("form") == "shift" else None,
        initial={"day": start},
    )
    note_form = HandoverForm(
        request.POST if request.POST.get("form") == "note" else None, initial={"day": today}
    )
    if request.method == "POST":
        form = shift_form if request.POST.get("form") == "shift" else note_form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if form is shift_form:
                    actions.save_shift(request.user, unit=unit, **data)
                    messages.success(request, _("值班安排已保存。"))
                else:
                    actions.add_handover_note(
                        request.user, unit=unit, day=data["day"], text=data["text"]
                    )
                    messages.success(request, _("交接班记录已保存。"))
            except REFUSALS as exc:
                messages.error(request, _message(exc))
            else:
                return redirect(f"{request.path}?unit={unit.pk}&start={start.isoformat()}")
    marked = rosters.days(start, ROSTER_DAYS)
    shifts = {
        shift.day: shift
        for shift in unit.duty_shifts.filter(
            day__gte=start, day__lt=start + timedelta(days=ROSTER_DAYS)
        )
    }
    gap_end = today + timedelta(days=settings.EMERGENCY_ROSTER_GAP_DAYS)
    rows = [
        {
            "day": day,
            "shift": shifts.get(day.day),
            "gap": today <= day.day < gap_end
            and not (shifts.get(day.day) and shifts[day.day].staffed),
        }
        for day in marked
    ]
    return TemplateResponse(
        request,
        "emergency/admin/roster.html",
        {
            "unit": unit,
            "units": units,
            "rows": rows,
            "start": start,
            "previous": start - timedelta(days=ROSTER_DAYS),
            "next": start + timedelta(days=ROSTER_DAYS),
            "shift_form": shift_form,
            "note_form": note_form,
            "notes": HandoverNote.objects.filter(unit=unit).select_related("author")[:20],
        },
    )


# Contacts and plans ---------------------------------------------------------------------------


def contacts(request: HttpRequest) -> HttpResponse:
    _staff(request)
    units = access.units_for(request.user)
    unit = _chosen_unit(request, units)
    form = ContactForm(request.POST if request.POST.get("form") == "contact" else None)
    if request.method == "POST":
        try:
            if request.POST.get("form") == "remove":
                raw = request.POST.get("contact", "")
                contact = get_object_or_404(
                    EmergencyContact, pk=int(raw) if raw.isdigit() else 0, unit=unit
                )
                actions.remove_contact(contact, request.user)
                messages.success(request, _("联系人已删除。"))
                return redirect(f"{request.path}?unit={unit.pk}")
            if form.is_valid():
                actions.add_contact(request.user, unit=unit, **form.cleaned_data)
                messages.success(request, _("联系人已添加。"))
                return redirect(f"{request.path}?unit={unit.pk}")
        except REFUSALS as exc:
            messages.error(request, _message(exc))
    return TemplateResponse(
        request,
        "emergency/admin/contacts.html",
        {
            "unit": unit,
            "units": units,
            "form": form,
            "contacts": EmergencyContact.objects.filter(unit=unit),
        },
    )


def plans(request: HttpRequest) -> HttpResponse:
    _staff(request)
    units = access.units_for(request.user)
    unit = _chosen_unit(request, units)
    form = PlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_plan_version(
                request.user,
                unit=unit,
                title=data["title"],
                category=data["category"],
                upload=data["file"],
                file_name=data["file"].name,
                note=data["note"],
            )
        except REFUSALS as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("预案已上传。"))
            return redirect(f"{request.path}?unit={unit.pk}")
    return TemplateResponse(
        request,
        "emergency/admin/plans.html",
        {
            "unit": unit,
            "units": units,
            "form": form,
            "plans": EmergencyPlan.objects.filter(unit=unit).prefetch_related("versions"),
        },
    )


def plan_file(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    version = get_object_or_404(PlanVersion.objects.select_related("plan__unit"), pk=pk)
    if not access.may_keep(request.user, version.plan.unit):
        raise Http404
    return private_file_response(version.file, version.file_name)


# Incidents ------------------------------------------------------------------------------------


def incident_new(request: HttpRequest) -> HttpResponse:
    _staff(request)
    units = access.units_for(request.user)
    form = IncidentForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = incidents.submit_incident(request.user, **data)
        except REFUSALS as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("突发事件信息已报送。"))
            return redirect(staff_views.detail_url(case))
    return TemplateResponse(request, "emergency/admin/incident_form.html", {"form": form})


def _visible_case(request: HttpRequest, pk: int):
    case = (
        cases.visible_cases(request.user, INCIDENT.code)
        .filter(pk=pk)
        .select_related("unit", "incident")
        .first()
    )
    if case is None:
        raise Http404
    return case


def incident_photos(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    case = _visible_case(request, pk)
    if request.method != "POST":
        return redirect(staff_views.detail_url(case))
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            incidents.add_photos(case, request.user, photos=form.cleaned_data["photos"])
        except REFUSALS as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("照片已上传。"))
    else:
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(staff_views.detail_url(case))


def incident_docx(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    return exports.bulletin_response(_visible_case(request, pk))


def incident_photo(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    photo = get_object_or_404(IncidentPhoto.objects.select_related("report__incident"), pk=pk)
    _visible_case(request, photo.report.incident.case_id)
    return private_file_response(photo.file, photo.file_name)
