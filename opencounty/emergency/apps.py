from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    """Emergency duty (应急值守): rosters, incident reports on a clock in minutes and hours, public warnings, plans and contacts."""

    name = "opencounty.emergency"
    label = "emergency"
    verbose_name = _("应急值守")
    default_auto_field = "django.db.models.BigAutoField"
