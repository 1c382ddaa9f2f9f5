from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    """Government information disclosure: catalogue, guides, requests on the statutory clock, annual report."""

    name = "opencounty.disclosure"
    label = "disclosure"
    verbose_name = _("政府信息公开")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.disclosure import (
            handling,
            kind,  # noqa: F401  registers the case kind
            signals,  # noqa: F401  numbers published information
        )

        handling.register()

        from opencounty.core.calendar import holiday_table_changed
        from opencounty.disclosure.actions import rederive_waiting_periods

        def rederive(sender, since, actor, **kwargs):
            rederive_waiting_periods(since=since, actor=actor)

        holiday_table_changed.connect(rederive, weak=False, dispatch_uid="disclosure.rederive")
