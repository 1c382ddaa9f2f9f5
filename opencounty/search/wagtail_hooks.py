from wagtail import hooks
from wagtail.permissions import register_permission_policy

from opencounty.search.models import Synonym
from opencounty.search.permissions import OfficeOnlyPolicy

# Before any viewset asks for the model's policy (Wagtail would make a fallback one).
register_permission_policy(Synonym, OfficeOnlyPolicy(Synonym))


@hooks.register("register_admin_viewset")
def register_search_admin():
    from opencounty.search.viewsets import SearchAdminGroup

    return SearchAdminGroup()
