from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    """Emergency duty (应急值守): rosters, incident reports on a clock in minutes and hours, public warnings, plans and contacts."""

    name = "opencounty.emergency"
    label = "emergency"
    verbose_name = _("应急值守")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.emergency import banner, handling, kind  # noqa: F401 - registers the kind
        from opencounty.portal.cache import register_key_part

        # A warning's banner appears and expires on its own schedule: part of every cached
        # page's key, so no cached page hides it.
        register_key_part(banner.cache_key_part)
        handling.register()
