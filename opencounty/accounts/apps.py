from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "opencounty.accounts"
    label = "accounts"
    verbose_name = _("身份鉴别")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.accounts import signals  # noqa: F401
