from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    """Government information disclosure: requests on the statutory clock (more to come)."""

    name = "opencounty.disclosure"
    label = "disclosure"
    verbose_name = _("政府信息公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.disclosure import kind  # noqa: F401  registers the case kind
