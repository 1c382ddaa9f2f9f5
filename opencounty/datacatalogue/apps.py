from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataCatalogueConfig(AppConfig):
    """The government information-resource catalogue (政务信息资源目录), sharing between units and open data with a CKAN-compatible API."""

    name = "opencounty.datacatalogue"
    label = "datacatalogue"
    verbose_name = _("政务信息资源目录")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from opencounty.core import todo
        from opencounty.datacatalogue import (
            handling,
            kind,  # noqa: F401  registers the case kind
        )
        from opencounty.datacatalogue.todo import catalogue_groups

        handling.register()
        todo.register(catalogue_groups)
