from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "opencounty.portal"
    label = "portal"
    verbose_name = _("门户网站群")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.portal import signals  # noqa: F401
