"""The report of a recalculation: each case whose due date moved when the holiday table changed."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from opencounty.cases.models import Recalculation
from opencounty.core.access import is_unit_staff, sees_every_unit, staff_units


def report(request, pk: int) -> TemplateResponse:
    if not is_unit_staff(request.user):
        raise PermissionDenied
    recalculation = get_object_or_404(Recalculation, pk=pk)
    moves = recalculation.moves.select_related("case__unit")
    if not sees_every_unit(request.user):
        moves = moves.filter(case__unit__in=staff_units(request.user))
    return TemplateResponse(
        request,
        "cases/admin/recalculation.html",
        {"recalculation": recalculation, "moves": moves},
    )
