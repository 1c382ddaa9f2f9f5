"""The holiday table in the admin: entering a year by pasting the State Council's notice
(parsed, previewed, confirmed), and the hand edits of single days and years. Every change
goes through `core.actions` (audited, open deadlines derived again) and ends on the report
of the deadlines it moved."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.snippets.views import snippets

from opencounty.core import actions
from opencounty.core.holiday_notice import NoticeNotUnderstood, ParsedNotice, parse_notice
from opencounty.core.models import CalendarDay, CalendarYear

MAX_NOTICE_LENGTH = 20000
ENTER_PERMISSIONS = ("core.add_calendaryear", "core.add_calendarday", "core.delete_calendarday")


def may_enter_schedule(user) -> bool:
    return user.is_authenticated and user.has_perms(ENTER_PERMISSIONS)


class NoticeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("通知全文"),
        max_length=MAX_NOTICE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=gettext_lazy(
            "粘贴《国务院办公厅关于XXXX年部分节假日安排的通知》的全文（可连同其后的调整、延长通知）。"
        ),
        error_messages={"required": gettext_lazy("请粘贴通知全文。")},
    )


def _blocks(days: dict[date, str]) -> list[tuple[str, date, date, int]]:
    """Consecutive days with the same name as (name, first, last, number of days)."""
    blocks: list[tuple[str, date, date, int]] = []
    for day, name in sorted(days.items()):
        if blocks and blocks[-1][0] == name and (day - blocks[-1][2]).days == 1:
            blocks[-1] = (name, blocks[-1][1], day, blocks[-1][3] + 1)
        else:
            blocks.append((name, day, day, 1))
    return blocks


def _changes(notice: ParsedNotice) -> dict:
    """What entering the notice changes in the table as it stands."""
    current = {row.date: row for row in actions.replaced_by(notice)}
    wanted = {row.date: row for row in actions.rows_of(notice)}
    return {
        "entered": CalendarYear.objects.filter(year=notice.year).first(),
        "added": [
            row
            for day, row in sorted(wanted.items())
            if day not in current or current[day].kind != row.kind
        ],
        "removed": [row for day, row in sorted(current.items()) if day not in wanted],
    }


def enter_notice(request: HttpRequest) -> HttpResponse:
    """Paste, preview, confirm: nothing is saved until the parsed table is confirmed, and the
    text is parsed again on confirmation (never trusted from the page)."""
    if not may_enter_schedule(request.user):
        raise PermissionDenied
    form = NoticeForm(request.POST or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            notice = parse_notice(form.cleaned_data["text"])
        except NoticeNotUnderstood as exc:
            context["problems"] = exc.problems
        else:
            if request.POST.get("confirm") == str(notice.year):
                return _save(request, notice)
            context |= {
                "notice": notice,
                "holiday_blocks": _blocks(notice.holidays),
                "makeup_days": sorted(notice.makeup_days.items()),
                "changes": _changes(notice),
                "source": source_of(notice),
            }
    return TemplateResponse(request, "core/admin/enter_notice.html", context)


def source_of(notice: ParsedNotice) -> str:
    return _("国务院办公厅关于%(year)s年部分节假日安排的通知") % {"year": notice.year}


def _save(request: HttpRequest, notice: ParsedNotice) -> HttpResponse:
    recalculations = actions.enter_holiday_schedule(
        notice, source=source_of(notice), actor=request.user
    )
    messages.success(
        request,
        _("已录入%(year)s年节假日安排：%(holidays)s 天放假，%(makeups)s 天调休上班。")
        % {
            "year": notice.year,
            "holidays": len(notice.holidays),
            "makeups": len(notice.makeup_days),
        },
    )
    return _to_report(recalculations)


def _to_report(recalculations: list) -> HttpResponse:
    if recalculations:
        return redirect(reverse("cases_admin:recalculation", args=[recalculations[0].pk]))
    return redirect(reverse("wagtailsnippets_core_calendaryear:list"))


# Hand edits of the table: Wagtail's snippet screens, saving through core.actions.


class _AfterChange:
    def report_moves(self, recalculations: list) -> None:
        for recalculation in recalculations:
            moved = recalculation.moves.count()
            url = reverse("cases_admin:recalculation", args=[recalculation.pk])
            messages.info(
                self.request,
                _("已重算 %(checked)s 件未办结办件的办理期限，其中 %(moved)s 件有变化。")
                % {"checked": recalculation.checked, "moved": moved},
                buttons=[messages.button(url, _("查看期限变化"))],
            )


class CalendarCreateView(_AfterChange, snippets.CreateView):
    def save_instance(self):
        self.report_moves(actions.save_calendar_entry(self.form.instance, actor=self.request.user))
        return self.form.instance


class CalendarEditView(_AfterChange, snippets.EditView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        self.previous = instance.date if isinstance(instance, CalendarDay) else instance.year
        return instance

    def save_instance(self):
        self.report_moves(
            actions.save_calendar_entry(
                self.form.instance, actor=self.request.user, previous=self.previous
            )
        )
        return self.form.instance


class CalendarDeleteView(_AfterChange, snippets.DeleteView):
    def delete_action(self):
        self.report_moves(actions.delete_calendar_entry(self.object, actor=self.request.user))
