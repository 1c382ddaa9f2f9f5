"""The supervision screens: the board over every open case, and the monthly unit assessment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from opencounty.core.access import is_unit_staff
from opencounty.supervision import access, assessment, board, chart, exports
from opencounty.supervision.forms import BoardFilterForm, MonthForm

SHOWN_ROWS = 500


def _staff_only(request: HttpRequest) -> None:
    if not is_unit_staff(request.user):
        raise PermissionDenied


def _board(request: HttpRequest) -> tuple[BoardFilterForm, board.Board]:
    _staff_only(request)
    form = BoardFilterForm(request.GET, user=request.user)
    return form, board.build(request.user, form.filters(), timezone.localdate())


def board_view(request: HttpRequest) -> TemplateResponse:
    form, result = _board(request)
    return TemplateResponse(
        request,
        "supervision/admin/board.html",
        {
            "form": form,
            "board": result,
            "rows": result.rows[:SHOWN_ROWS],
            "more": max(0, len(result.rows) - SHOWN_ROWS),
            "counts": [(c, board.COLOUR_LABELS[c], result.counts[c]) for c in board.COLOURS],
            "query": request.GET.urlencode(),
        },
    )


def board_export(request: HttpRequest) -> HttpResponse:
    _form, result = _board(request)
    today = timezone.localdate()
    return exports.download(exports.board_workbook(result.rows), f"supervision-{today}.xlsx")


def _assessment(request: HttpRequest) -> tuple[MonthForm, assessment.Assessment]:
    _staff_only(request)
    today = timezone.localdate()
    month = assessment.Month.parse(request.GET.get("month", ""), today)
    form = MonthForm(initial={"month": str(month)})
    units = access.supervised_units(request.user)
    return form, assessment.assess(units, month, today)


def assessment_view(request: HttpRequest) -> TemplateResponse:
    form, result = _assessment(request)
    return TemplateResponse(
        request,
        "supervision/admin/assessment.html",
        {"form": form, "assessment": result, "chart": chart.on_time_chart(result.rows)},
    )


def assessment_export(request: HttpRequest) -> HttpResponse:
    _form, result = _assessment(request)
    return exports.download(exports.assessment_workbook(result), f"assessment-{result.month}.xlsx")
