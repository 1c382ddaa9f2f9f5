from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
