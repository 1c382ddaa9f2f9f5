"""The report of a recalculation: each case whose due date moved when the holiday table changed.

The office's handling staff see every move with its title and a link; a unit's staff their
own units'; the administrator who entered the year sees the moves without titles (三员分立:
administrators read no case content)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from opencounty.cases.models import Recalculation
from opencounty.core.access import is_administrator, is_unit_staff, sees_every_unit, staff_units


def report(request, pk: int) -> TemplateResponse:
    handles = is_unit_staff(request.user)
    if not (handles or is_administrator(request.user)):
        raise PermissionDenied
    recalculation = get_object_or_404(Recalculation, pk=pk)
    moves = recalculation.moves.select_related("case__unit")
    if handles and not sees_every_unit(request.user):
        moves = moves.filter(case__unit__in=staff_units(request.user))
    return TemplateResponse(
        request,
        "cases/admin/recalculation.html",
        {"recalculation": recalculation, "moves": moves, "show_content": handles},
    )
