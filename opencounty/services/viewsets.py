"""Wagtail admin screens of the service catalogue."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from opencounty.services.models import ServiceWindow


class ServiceWindowViewSet(SnippetViewSet):
    """The service center's windows (便民服务中心窗口), kept by the county office."""

    model = ServiceWindow
    icon = "table"
    menu_label = _("服务窗口")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["number", "name", "location"]
    search_fields = ["name", "location"]
    ordering = ["number"]
