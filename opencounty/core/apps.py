from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "opencounty.core"
    label = "core"
    verbose_name = _("基础")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core import i18n, signals  # noqa: F401

        i18n.merge_site_languages()
