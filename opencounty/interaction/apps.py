from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    """Interaction (互动交流): the mailbox, surveys, consultations on drafts, error reports."""

    name = "opencounty.interaction"
    label = "interaction"
    verbose_name = _("互动交流")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.interaction import kinds  # noqa: F401  registers the case kinds
        from opencounty.interaction.error_reports import handling as error_report_handling
        from opencounty.interaction.error_reports import kind  # noqa: F401
        from opencounty.interaction.letters import handling as letter_handling

        letter_handling.register()
        error_report_handling.register()

        from opencounty.core.documents import register_public_use, used_by_live_pages
        from opencounty.interaction.models import ConsultationAttachment

        register_public_use(
            lambda document: used_by_live_pages(
                ConsultationAttachment.objects.filter(document=document).values("page_id")
            )
        )
