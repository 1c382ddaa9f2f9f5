from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    """The list of administrative powers (权力清单) run in the open: each unit's powers, penalty cases on the case engine and 双公示."""

    name = "opencounty.powers"
    label = "powers"
    verbose_name = _("权力清单")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core import todo
        from opencounty.powers import (
            penalty_handling,
            penalty_kind,  # noqa: F401  registers the case kind
        )
        from opencounty.powers.todo import power_groups

        penalty_handling.register()
        todo.register(power_groups)
