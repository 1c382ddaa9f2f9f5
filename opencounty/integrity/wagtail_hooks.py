from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from opencounty.core.access import holds_office_role
from opencounty.integrity.actions import ALERT_ROLES
from opencounty.integrity.models import TamperIncident


class TamperNoticePanel(Component):
    """网页篡改告警 on the dashboard of the security administrator and the office's reviewers."""

    name = "tamper_notice"
    order = 5
    template_name = "integrity/tamper_notice_panel.html"

    def __init__(self, incidents) -> None:
        self.incidents = incidents

    def get_context_data(self, parent_context=None):
        return {"incidents": self.incidents, "days": settings.INTEGRITY_NOTICE_DAYS}


def sees_tamper_notices(user) -> bool:
    return user.is_superuser or holds_office_role(user, ALERT_ROLES)


@hooks.register("construct_homepage_panels")
def show_tamper_notices(request, panels) -> None:
    if not sees_tamper_notices(request.user):
        return
    since = timezone.now() - timedelta(days=settings.INTEGRITY_NOTICE_DAYS)
    incidents = list(TamperIncident.objects.filter(detected_at__gte=since)[:20])
    if incidents:
        panels.insert(0, TamperNoticePanel(incidents))
