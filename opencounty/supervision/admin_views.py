"""The supervision screens: the board over every open case, the monthly unit assessment and
its drill-down to the cases, columns and guides behind each figure."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from opencounty.cases import staff_views
from opencounty.core.access import is_unit_staff, sees_every_unit
from opencounty.supervision import access, assessment, board, chart, exports
from opencounty.supervision.forms import BoardFilterForm, MonthForm

SHOWN_ROWS = 500  # of each list on the assessment's drill-down
BOARD_PAGE_ROWS = 100  # rows of the board a page


def _staff_only(request: HttpRequest) -> None:
    if not is_unit_staff(request.user):
        raise PermissionDenied


def _board(
    request: HttpRequest, limit: int | None, offset: int = 0
) -> tuple[BoardFilterForm, board.Board]:
    _staff_only(request)
    form = BoardFilterForm(request.GET, user=request.user)
    return form, board.build(
        request.user, form.filters(), timezone.localdate(), limit=limit, offset=offset
    )


def board_view(request: HttpRequest) -> TemplateResponse:
    number = staff_views.page_number(request)
    form, result = _board(request, BOARD_PAGE_ROWS, (number - 1) * BOARD_PAGE_ROWS)
    # A page past the end (an old link after cases were closed) shows the last one.
    page = Paginator(range(result.total), BOARD_PAGE_ROWS).get_page(number)
    if page.number != number:
        form, result = _board(
            request, BOARD_PAGE_ROWS, page.start_index() - 1 if result.total else 0
        )
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "supervision/admin/board.html",
        {
            "form": form,
            "board": result,
            "rows": result.rows,
            "page": page,
            "counts": [(c, board.COLOUR_LABELS[c], result.counts[c]) for c in board.COLOURS],
            "query": query.urlencode(),
        },
    )


def board_export(request: HttpRequest) -> HttpResponse:
    form, result = _board(request, None)
    today = timezone.localdate()
    content = exports.board_workbook(
        result.rows, covers=form.describe(), today=today, others=result.others
    )
    return exports.download(content, f"supervision-{today}.xlsx")


# The assessment -----------------------------------------------------------------------------


def _month_form(request: HttpRequest) -> MonthForm:
    _staff_only(request)
    today = timezone.localdate()
    data = QueryDict(mutable=True)
    data["month"] = request.GET.get("month", f"{today:%Y-%m}")
    return MonthForm(data, today=today)


def _refused(request: HttpRequest, form: MonthForm) -> TemplateResponse:
    """A month that cannot be assessed: the reason in Chinese, nothing computed."""
    return TemplateResponse(
        request, "supervision/admin/assessment.html", {"form": form}, status=400
    )


def _covers(request: HttpRequest, units) -> str:
    if sees_every_unit(request.user):
        return _("全部单位（%(count)s 个）") % {"count": len(units)}
    return _("单位：%(names)s") % {"names": "、".join(unit.name for unit in units)}


def detail_url(month: assessment.Month, unit=None, section: str = "") -> str:
    """The drill-down behind a figure: one unit's (or, without a unit, every unit's)."""
    query = {"month": str(month)}
    if unit is not None:
        query["unit"] = unit.pk
    url = reverse("supervision_admin:assessment_detail") + "?" + urlencode(query)
    return f"{url}#{section}" if section else url


def assessment_view(request: HttpRequest) -> TemplateResponse:
    form = _month_form(request)
    if not form.is_valid():
        return _refused(request, form)
    month = form.cleaned_data["month"]
    result = assessment.assess(access.supervised_units(request.user), month, timezone.localdate())
    return TemplateResponse(
        request,
        "supervision/admin/assessment.html",
        {
            "form": form,
            "assessment": result,
            "lines": [(row, detail_url(month, row.unit)) for row in result.rows],
            "total_url": detail_url(month),
            "chart": chart.score_chart(result.rows),
            "rules": assessment.scoring_rules(),
            "red_below": assessment.RED_BELOW,
            "yellow_below": assessment.YELLOW_BELOW,
        },
    )


def assessment_export(request: HttpRequest) -> HttpResponse:
    form = _month_form(request)
    if not form.is_valid():
        return _refused(request, form)
    month = form.cleaned_data["month"]
    today = timezone.localdate()
    units = list(access.supervised_units(request.user))
    result = assessment.assess(access.supervised_units(request.user), month, today)
    content = exports.assessment_workbook(result, covers=_covers(request, units), today=today)
    return exports.download(content, f"assessment-{result.month}.xlsx")


@dataclass(frozen=True)
class Section:
    """One figure's list on the drill-down page."""

    anchor: str
    title: str
    count: int
    items: list
    more: int


def _section(anchor: str, title: str, items: list, unit_names: dict[int, str], unit_of) -> Section:
    """The first SHOWN_ROWS items, each with its unit's short name."""
    shown = [(item, unit_names.get(unit_of(item), "")) for item in items[:SHOWN_ROWS]]
    return Section(anchor, title, len(items), shown, max(0, len(items) - SHOWN_ROWS))


def assessment_detail(request: HttpRequest) -> TemplateResponse:
    """Every case, column and guide behind a unit's figures (or all units' figures)."""
    form = _month_form(request)
    if not form.is_valid():
        return _refused(request, form)
    month = form.cleaned_data["month"]
    units = access.supervised_units(request.user)
    unit = None
    if request.GET.get("unit"):
        try:
            unit = units.get(pk=int(request.GET["unit"]))
        except (ValueError, units.model.DoesNotExist):
            raise Http404(_("没有这个单位，或您无权查看它的考核。")) from None
        units = units.filter(pk=unit.pk)
    result = assessment.assess(units, month, timezone.localdate(), lines=True)
    figures = result.rows[0] if unit is not None else result.total
    names = {row.unit.pk: row.unit.short_name for row in result.rows}

    def case_unit(line: assessment.CaseLine) -> int:
        return line.case.unit_id

    sections = [
        _section(anchor, title, lines, names, case_unit)
        for anchor, title, lines in (
            ("received", _("本月受理的办件"), figures.received_cases),
            ("closed", _("本月办结的办件"), figures.closed_cases),
            ("overdue", _("超期的办件"), figures.overdue_cases),
            ("rated", _("参与满意率统计的评价"), figures.rated_cases),
        )
    ]
    board_query = {"colour": board.RED} | ({"unit": unit.pk} if unit else {})
    return TemplateResponse(
        request,
        "supervision/admin/assessment_detail.html",
        {
            "form": form,
            "assessment": result,
            "unit": unit,
            "figures": figures,
            "sections": sections,
            "columns": _section(
                "columns",
                _("未按时更新的栏目"),
                figures.stale_column_checks,
                names,
                lambda check: check.unit_id,
            ),
            "checked_columns": len(figures.columns),
            "guides": _section(
                "guides",
                _("要素不全的办事指南"),
                figures.guides,
                names,
                lambda guide: guide.unit_id,
            ),
            "board_url": reverse("supervision_admin:board") + "?" + urlencode(board_query),
            "back_url": reverse("supervision_admin:assessment") + f"?month={month}",
            "rules": assessment.scoring_rules(),
        },
    )
