from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "opencounty.portal"
    label = "portal"
    verbose_name = _("门户网站群")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core.documents import register_public_use, used_by_live_pages
        from opencounty.portal import signals  # noqa: F401
        from opencounty.portal.models import ArticleAttachment

        register_public_use(
            lambda document: used_by_live_pages(
                ArticleAttachment.objects.filter(document=document).values("page_id")
            )
        )
