from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """Online services (政务服务): service items and guides, applications, evaluations."""

    name = "opencounty.services"
    label = "services"
    verbose_name = _("政务服务")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.services import (
            handling,
            kinds,  # noqa: F401  registers the case kinds
            signals,  # noqa: F401
            supervision_sources,
        )

        handling.register()
        supervision_sources.register()

        from django.db.models import Q

        from opencounty.core.documents import register_public_use, used_by_live_pages
        from opencounty.services.models import ServiceMaterial

        register_public_use(
            lambda document: used_by_live_pages(
                ServiceMaterial.objects.filter(Q(blank_form=document) | Q(sample=document)).values(
                    "item_id"
                )
            )
        )

        from opencounty.core.calendar import holiday_table_changed
        from opencounty.services.actions import rederive_open_steps

        def rederive(sender, since, actor, **kwargs):
            rederive_open_steps(since=since, actor=actor)

        holiday_table_changed.connect(rederive, weak=False, dispatch_uid="services.rederive")
