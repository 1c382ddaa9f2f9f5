from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "opencounty.search"
    label = "oc_search"
    verbose_name = _("全文检索")

    def ready(self) -> None:
        from opencounty.search import signals  # noqa: F401
