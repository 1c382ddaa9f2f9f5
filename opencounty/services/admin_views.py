"""What only an application has on the staff side: its materials. The inboxes and handling
screens of applications and rectifications are the case engine's (services/handling.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from opencounty.core import audit
from opencounty.services.handling import visible_applications
from opencounty.services.models import ApplicationMaterial


def material(request: HttpRequest, material_id: int) -> FileResponse:
    """A material, for the staff who may see its application (never by a public URL)."""
    stored = get_object_or_404(
        ApplicationMaterial.objects.select_related("application__case"), pk=material_id
    )
    case = stored.application.case
    if not visible_applications(request.user).filter(pk=case.pk).exists():
        raise PermissionDenied
    audit.record(
        "application.material_read", actor=request.user, obj=case, details={"file": stored.name}
    )
    response = FileResponse(
        stored.file.open("rb"), as_attachment=True, filename=stored.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response
