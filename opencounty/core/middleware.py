from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.template.loader import render_to_string
from django.utils import timezone

from opencounty.core import audit
from opencounty.core.audit import current_request


class CurrentRequestMiddleware:
    """Make the request known to audit entries written by signal handlers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class IdleTimeoutMiddleware:
    """Renew a signed-in user's session on every request (the idle timeout counts from the last
    one); anonymous sessions are saved only when something is stored in them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if session is not None and user is not None and user.is_authenticated:
            session.modified = True
        return response


class BreakGlassMiddleware:
    """In production a superuser account works only under a current break-glass grant
    (`manage.py breakglass`); when the grant has ended, the account is demoted and signed out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if settings.PRODUCTION and user is not None and user.is_authenticated and user.is_superuser:
            from opencounty.core.models import BreakGlassGrant

            if not BreakGlassGrant.objects.filter(user=user, until__gt=timezone.now()).exists():
                user.is_superuser = False
                user.save(update_fields=["is_superuser"])
                audit.record("breakglass.end", actor=user, obj=user, request=request)
                logout(request)
                return HttpResponseForbidden(
                    render_to_string("core/breakglass_ended.html", request=request)
                )
        return self.get_response(request)
