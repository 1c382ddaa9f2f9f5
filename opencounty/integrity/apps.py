from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    """网页防篡改: every published page's approved content is fingerprinted; a check finds a
    live page that differs, restores the approved version and alerts."""

    name = "opencounty.integrity"
    label = "integrity"
    verbose_name = _("网页防篡改")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.integrity import signals  # noqa: F401
