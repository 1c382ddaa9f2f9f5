"""Security headers every response carries (issue 11 §9, docs/security.md).

The public site runs no inline script or style, so its Content-Security-Policy allows only
the site's own files. Wagtail's admin widgets (date choosers, inline panels) still write
inline scripts, so the admin's policy allows inline code but nothing from elsewhere; both
refuse plugins, foreign forms and foreign frames.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _policy(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}".strip() for name, value in directives.items())


def public_policy() -> str:
    return _policy(
        {
            "default-src": "'self'",
            "script-src": "'self'",
            "style-src": "'self'",
            "img-src": "'self' data:",
            "font-src": "'self'",
            "connect-src": "'self'",
            "media-src": "'self'",
            "frame-src": " ".join(["'self'", *settings.CSP_FRAME_SOURCES]),
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
        }
    )


def admin_policy() -> str:
    return _policy(
        {
            "default-src": "'self'",
            "script-src": "'self' 'unsafe-inline'",
            "style-src": "'self' 'unsafe-inline'",
            "img-src": "'self' data: blob:",
            "font-src": "'self' data:",
            "connect-src": "'self'",
            "media-src": "'self' blob:",
            "frame-src": " ".join(["'self'", *settings.CSP_FRAME_SOURCES]),
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            # Wagtail previews a page in a frame of the editor.
            "frame-ancestors": "'self'",
        }
    )


# No feature a county website needs from the visitor's device.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.public = public_policy()
        self.admin = admin_policy()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        staff_area = request.path.startswith(("/admin/", "/django-admin/"))
        response.headers.setdefault(
            "Content-Security-Policy", self.admin if staff_area else self.public
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
