from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    """Government information submissions (政务信息报送): units report, the county office adopts
    items into its bulletins and scores every unit."""

    name = "opencounty.submissions"
    label = "submissions"
    verbose_name = _("政务信息报送")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core import todo
        from opencounty.submissions import special_reports
        from opencounty.submissions.todo import submission_groups
        from opencounty.supervision import sources

        todo.register(submission_groups)
        sources.register_flags(special_reports.late_flags)
