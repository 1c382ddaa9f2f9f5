from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LimitsConfig(AppConfig):
    """Rate limits, lockouts and single-use tokens, kept where no cache can evict them."""

    name = "opencounty.limits"
    label = "limits"
    verbose_name = _("访问限制")
    default_auto_field = "django.db.models.BigAutoField"
