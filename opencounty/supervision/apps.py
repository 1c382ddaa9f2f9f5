from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """Electronic supervision (电子监察) over every kind of case, and the monthly unit assessment."""

    name = "opencounty.supervision"
    label = "supervision"
    verbose_name = _("电子监察")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.supervision import satisfaction

        satisfaction.register_known_scales()
