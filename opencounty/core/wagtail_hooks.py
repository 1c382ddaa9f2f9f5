from wagtail import hooks
from wagtail.snippets.models import register_snippet

from opencounty.core.actions import sync_unit_roles
from opencounty.core.models import Unit
from opencounty.core.viewsets import AuditEntryViewSet, UnitViewSet, WordRuleViewSet

register_snippet(UnitViewSet)
register_snippet(WordRuleViewSet)


@hooks.register("register_admin_viewset")
def register_audit_viewset():
    return AuditEntryViewSet("audit_log")


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def sync_roles_after_unit_change(request, instance):
    if isinstance(instance, Unit):
        sync_unit_roles(instance, actor=request.user)
