"""What only a letter has on the staff side: its attachments. The inbox and the handling
screen are the case engine's (interaction/letters/handling.py declares them)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from opencounty.cases.actions import can_handle
from opencounty.cases.models import Case
from opencounty.core import audit
from opencounty.core.storage import private_file_response
from opencounty.interaction import kinds as k
from opencounty.interaction.models import LetterAttachment


def attachment(request: HttpRequest, case_id: int, attachment_id: int) -> HttpResponse:
    """A letter's attachment, for the staff who may handle the letter."""
    case = get_object_or_404(Case, pk=case_id, kind=k.LETTER.code)
    if not can_handle(request.user, case):
        raise PermissionDenied
    upload = get_object_or_404(LetterAttachment, pk=attachment_id, letter__case=case)
    audit.record(
        "letter.attachment_read", actor=request.user, obj=case, details={"file": upload.name}
    )
    return private_file_response(upload.file, upload.name)
