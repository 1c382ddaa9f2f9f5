"""The rooms' iCalendar feeds. A calendar app cannot log in, so the address is the key: a room's
secret token, compared in constant time; a wrong or rotated token is a plain 404."""

from __future__ import annotations

import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from opencounty.meetings.feed import room_calendar
from opencounty.meetings.models import Room


@require_safe
def room_feed(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    # Never from the anonymous page cache: a rotated token or a new approval must show at once.
    request.page_cacheable = False
    room = Room.objects.filter(pk=pk).first()
    if room is None or not secrets.compare_digest(room.feed_token.encode(), token.encode()):
        raise Http404
    response = HttpResponse(
        room_calendar(room, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-cache, no-store"
    response["Content-Disposition"] = f'inline; filename="room-{room.pk}.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
