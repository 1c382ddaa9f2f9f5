"""The staff screens of video conferences (in the Wagtail admin): the list, applying, a
conference's page with the verbs this person may perform, today's conferences, the calendar,
statistics and rooms. Every change goes through `actions`."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opencounty.meetings import access, actions, schedule
from opencounty.meetings.forms import (
    ApproveForm,
    BookingForm,
    ChecklistForm,
    OutcomeForm,
    ReasonForm,
    RoomForm,
)
from opencounty.meetings.models import Checklist, Conference, Room

State = Conference.State
PAGE_SIZE = 200


def _staff(request: HttpRequest) -> None:
    if not access.is_meetings_staff(request.user):
        raise PermissionDenied


def _office(request: HttpRequest) -> None:
    if not access.is_office(request.user):
        raise PermissionDenied


class ListFilter(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("状态"),
        required=False,
        choices=[("", gettext_lazy("全部"))] + list(State.choices),
    )
    room = forms.ModelChoiceField(
        label=gettext_lazy("会场"),
        required=False,
        queryset=Room.objects.all(),
        empty_label=gettext_lazy("全部"),
    )


def conference_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    items = access.visible_conferences(request.user).select_related("unit")
    form = ListFilter(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["state"]:
            items = items.filter(state=form.cleaned_data["state"])
        if form.cleaned_data["room"]:
            items = items.filter(rooms=form.cleaned_data["room"])
    items = items.prefetch_related("rooms").order_by("-start")
    return TemplateResponse(
        request,
        "meetings/admin/list.html",
        {
            "items": items[:PAGE_SIZE],
            "total": items.count(),
            "form": form,
            "may_apply": bool(access.applicant_units(request.user)),
            "is_office": access.is_office(request.user),
        },
    )


def _errors_to_messages(request: HttpRequest, form: forms.Form) -> None:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


def conference_new(request: HttpRequest) -> HttpResponse:
    units = access.applicant_units(request.user)
    if not units:
        raise PermissionDenied
    form = BookingForm(request.POST or None, units=units)
    clash = None
    if request.method == "POST":
        if form.is_valid():
            try:
                conference = actions.apply(
                    form.cleaned_data["unit"], request.user, form.action_data()
                )
            except actions.BookingClash as exc:
                clash = exc.clashes
                messages.error(request, _("会场时间冲突，申请未提交。"))
            except (actions.MeetingRefused, PermissionDenied) as exc:
                messages.error(request, str(exc) or _("您无权执行此操作。"))
            else:
                messages.success(
                    request,
                    _("申请已提交，编号 %(reference)s，等待县电子政务办审批。")
                    % {"reference": conference.reference},
                )
                return redirect("meetings_admin:detail", conference.pk)
        else:
            messages.error(request, _("申请未提交，请按提示修改。"))
    return TemplateResponse(request, "meetings/admin/form.html", {"form": form, "clashes": clash})


def _visible(request: HttpRequest, pk: int) -> Conference:
    _staff(request)
    return get_object_or_404(
        access.visible_conferences(request.user).select_related("unit", "applicant", "decided_by"),
        pk=pk,
    )


def _checklist_of(conference: Conference) -> Checklist | None:
    return Checklist.objects.filter(conference=conference).select_related("technician").first()


def _verbs(request: HttpRequest, conference: Conference, checklist: Checklist | None, bound):
    """The forms this person may use on the conference now (the actions still decide)."""
    user, now, offered = request.user, timezone.now(), []
    office = access.is_office(user)

    def form(verb, cls, **kwargs):
        if bound and bound[0] == verb:
            return bound[1]
        return cls(prefix=verb, **kwargs)

    if office and conference.state == State.PENDING:
        offered.append(
            {"verb": "approve", "label": _("批准"), "form": form("approve", ApproveForm)}
        )
        offered.append(
            {"verb": "refuse", "label": _("不予批准"), "form": form("refuse", ReasonForm)}
        )
    if (
        conference.state in actions.HOLDING
        and conference.start > now
        and access.may_withdraw(user, conference)
    ):
        offered.append({"verb": "withdraw", "label": _("撤销申请"), "form": None})
    if checklist and conference.state == State.APPROVED:
        if office:
            initial = {
                "technician": checklist.technician_id,
                "test_call_at": checklist.test_call_at,
            }
            offered.append(
                {
                    "verb": "assign",
                    "label": _("指派技术保障"),
                    "form": form("assign", ApproveForm, initial=initial),
                }
            )
        if access.may_keep_checklist(user, conference):
            offered.append(
                {
                    "verb": "checklist",
                    "label": _("保存保障清单"),
                    "form": form(
                        "checklist", ChecklistForm, initial=ChecklistForm.initial_for(checklist)
                    ),
                }
            )
    if office and conference.state == State.APPROVED and conference.start <= now:
        offered.append(
            {
                "verb": "outcome",
                "label": _("保存会后登记"),
                "form": form(
                    "outcome",
                    OutcomeForm,
                    conference=conference,
                    initial={
                        "minutes": conference.minutes,
                        "recording_location": conference.recording_location,
                    },
                ),
            }
        )
    return offered


def _perform(request: HttpRequest, conference: Conference, verb: str):
    """Perform one verb from the POST: (success message or None, the refused form or None)."""
    user = request.user
    if verb == "withdraw":
        actions.withdraw(conference, user)
        return _("申请已撤销，会场已释放。"), None
    forms_by_verb = {
        "approve": lambda: ApproveForm(request.POST, prefix="approve"),
        "refuse": lambda: ReasonForm(request.POST, prefix="refuse"),
        "assign": lambda: ApproveForm(request.POST, prefix="assign"),
        "checklist": lambda: ChecklistForm(request.POST, prefix="checklist"),
        "outcome": lambda: OutcomeForm(request.POST, prefix="outcome", conference=conference),
    }
    if verb not in forms_by_verb:
        raise actions.MeetingRefused(_("未知的操作。"))
    form = forms_by_verb[verb]()
    if not form.is_valid():
        _errors_to_messages(request, form)
        return None, (verb, form)
    data = form.cleaned_data
    if verb == "approve":
        actions.approve(
            conference, user, technician=data["technician"], test_call_at=data["test_call_at"]
        )
        return _("已批准，已生成会议保障清单。"), None
    if verb == "refuse":
        actions.refuse(conference, user, data["reason"])
        return _("已不予批准，理由已告知申请单位。"), None
    if verb == "assign":
        actions.assign_checklist(
            conference, user, technician=data["technician"], test_call_at=data["test_call_at"]
        )
        return _("技术保障人员和调试时间已保存。"), None
    if verb == "checklist":
        items = {name: data[name] for name in Checklist.ITEMS}
        actions.keep_checklist(conference, user, items, data["note"])
        return _("保障清单已保存。"), None
    actions.record_outcome(
        conference,
        user,
        minutes=data["minutes"],
        recording_location=data["recording_location"],
        attendance=form.attendance(),
    )
    return _("会后情况已登记。"), None


def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _visible(request, pk)
    bound, clash = None, None
    if request.method == "POST":
        try:
            done, bound = _perform(request, conference, request.POST.get("verb", ""))
        except actions.BookingClash as exc:
            clash = exc.clashes
            messages.error(request, _("会场时间冲突，不能批准。"))
        except (actions.MeetingRefused, PermissionDenied) as exc:
            messages.error(request, str(exc) or _("您无权执行此操作。"))
        else:
            if done:
                messages.success(request, done)
                return redirect("meetings_admin:detail", conference.pk)
        conference = _visible(request, pk)
    checklist = _checklist_of(conference)
    return TemplateResponse(
        request,
        "meetings/admin/detail.html",
        {
            "item": conference,
            "rooms": conference.rooms.all(),
            "checklist": checklist,
            "attendance": conference.attendance.select_related("room"),
            "verbs": _verbs(request, conference, checklist, bound),
            "clashes": clash,
        },
    )


def today(request: HttpRequest) -> HttpResponse:
    _office(request)
    day = timezone.localdate()
    now = timezone.now()
    rows = []
    for conference in schedule.today(day):
        checklist = getattr(conference, "checklist", None)
        late = bool(
            checklist
            and checklist.test_call_at
            and checklist.test_call_at <= now
            and not checklist.test_call_done
        )
        rows.append({"conference": conference, "checklist": checklist, "late": late})
    return TemplateResponse(
        request, "meetings/admin/today.html", {"rows": rows, "day": day, "now": now}
    )


def _day_param(value: str | None) -> date:
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return timezone.localdate()
    if not schedule.FIRST_YEAR <= day.year <= schedule.LAST_YEAR:
        return timezone.localdate()
    return day


def calendar_view(request: HttpRequest) -> HttpResponse:
    _staff(request)
    day = _day_param(request.GET.get("day"))
    mode = "week" if request.GET.get("view") == "week" else "month"
    visible = set(access.visible_conferences(request.user).values_list("pk", flat=True))
    context = {"day": day, "mode": mode, "visible": visible, "today": timezone.localdate()}
    if mode == "week":
        days = schedule.week(day)
        context |= {
            "days": days,
            "previous": days[0].day - timedelta(days=7),
            "next": days[0].day + timedelta(days=7),
        }
    else:
        first = day.replace(day=1)
        context |= {
            "weeks": schedule.month(day.year, day.month),
            "previous": (first - timedelta(days=1)).replace(day=1),
            "next": (first + timedelta(days=32)).replace(day=1),
        }
    context["weekdays"] = [
        _("星期一"),
        _("星期二"),
        _("星期三"),
        _("星期四"),
        _("星期五"),
        _("星期六"),
        _("星期日"),
    ]
    return TemplateResponse(request, "meetings/admin/calendar.html", context)


def statistics(request: HttpRequest) -> HttpResponse:
    _staff(request)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year") or this_year)
    except ValueError:
        year = this_year
    if not schedule.FIRST_YEAR <= year <= schedule.LAST_YEAR:
        year = this_year
    figures = schedule.statistics(year, timezone.now())
    return TemplateResponse(
        request,
        "meetings/admin/statistics.html",
        {"figures": figures, "years": range(this_year - 4, this_year + 1)},
    )


def room_list(request: HttpRequest) -> HttpResponse:
    _staff(request)
    office = access.is_office(request.user)
    rows = [
        {"room": room, "subscribe": access.may_subscribe(request.user, room)}
        for room in Room.objects.select_related("unit")
    ]
    return TemplateResponse(
        request,
        "meetings/admin/rooms.html",
        {
            "rows": rows,
            "is_office": office,
            "feed_base": request.build_absolute_uri("/")[:-1],
        },
    )


def _room_form(request: HttpRequest, room: Room | None) -> HttpResponse:
    _office(request)
    initial = RoomForm.initial_for(room) if room else {}
    form = RoomForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                actions.save_room(room, request.user, form.cleaned_data)
            except (actions.MeetingRefused, PermissionDenied) as exc:
                messages.error(request, str(exc) or _("您无权执行此操作。"))
            else:
                messages.success(request, _("会场已保存。"))
                return redirect("meetings_admin:rooms")
        else:
            messages.error(request, _("保存未成功，请按提示修改。"))
    return TemplateResponse(request, "meetings/admin/room_form.html", {"form": form, "room": room})


def room_new(request: HttpRequest) -> HttpResponse:
    return _room_form(request, None)


def room_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _room_form(request, get_object_or_404(Room, pk=pk))


def room_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    room = get_object_or_404(Room, pk=pk)
    if request.method == "POST":
        actions.rotate_feed_token(room, request.user)
        messages.success(
            request, _("已更换“%(room)s”的日历订阅地址，原地址即时失效。") % {"room": room.name}
        )
    return redirect(reverse("meetings_admin:rooms"))
