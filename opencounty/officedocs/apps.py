from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeDocsConfig(AppConfig):
    """Official-document exchange (电子公文传输与交换) between the county's units.

    The package is `officedocs`, not `documents`: Wagtail's documents app and
    `core/documents.py` (public documents of pages) already use that word
    (docs/decisions/0014).
    """

    name = "opencounty.officedocs"
    label = "officedocs"
    verbose_name = _("公文交换")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core import todo
        from opencounty.officedocs.todo import officedocs_groups

        todo.register(officedocs_groups)

        from opencounty.officedocs.notices_todo import notice_groups

        todo.register(notice_groups)

        from opencounty.officedocs.tracking import unsigned_on_board
        from opencounty.supervision import sources

        sources.register_overdue_items(unsigned_on_board)
