from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    """The case engine shared by every "the public asks, a unit answers" flow."""

    name = "opencounty.cases"
    label = "cases"
    verbose_name = _("办件")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.cases import actions
        from opencounty.core.calendar import holiday_table_changed

        def rederive(sender, since, reason, actor, **kwargs):
            return actions.rederive_open_cases(since=since, reason=reason, actor=actor)

        holiday_table_changed.connect(rederive, weak=False, dispatch_uid="cases.rederive")

        from opencounty.cases.todo import case_groups
        from opencounty.core import todo

        todo.register(case_groups)
