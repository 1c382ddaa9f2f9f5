"""三员分立 on the account screens: the system administrator manages accounts, the security
administrator assigns roles, the audit administrator only reads the audit log; none of them
can widen their own powers or anyone's beyond the fixed roles.

- Nobody sets 超级管理员 (is_superuser) in the admin; superusers exist only through the
  audited break-glass command in production (`manage.py breakglass`).
- Only the security administrator assigns roles, never to themself.
- The system administrator edits account details, never roles, and never the account of
  another administrator (which would let them take it over).
- Role groups are generated from code (`core.actions.sync_unit_roles`); their permissions are
  never edited in the admin (no `auth.change_group` for anyone but superusers).
Every account and role change made here is written to the hash-chained audit log
(`core.signals`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users

from opencounty.core.access import ADMINISTRATOR_ROLES, holds_office_role
from opencounty.core.models import Role, UnitGroup

ACCOUNT_FIELDS = (
    "username",
    "email",
    "first_name",
    "last_name",
    "is_active",
    "password1",
    "password2",
)


def assigns_roles(user) -> bool:
    return user.is_superuser or holds_office_role(user, {Role.SECURITY_ADMINISTRATOR})


def manages_accounts(user) -> bool:
    return user.is_superuser or holds_office_role(user, {Role.SYSTEM_ADMINISTRATOR})


def is_an_administrator_account(account) -> bool:
    return (
        account.pk is not None
        and UnitGroup.objects.filter(group__user=account, role__in=ADMINISTRATOR_ROLES).exists()
    )


class SeparatedFormMixin:
    """Fields each administrator may change; the others are shown but disabled (a disabled
    field ignores whatever is posted for it)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("is_superuser", None)
        account = self.instance
        editing_self = account.pk is not None and account.pk == getattr(for_user, "pk", None)
        may_roles = assigns_roles(for_user) and not editing_self
        may_account = manages_accounts(for_user) and not (
            is_an_administrator_account(account) and not editing_self and not for_user.is_superuser
        )
        if "groups" in self.fields and not may_roles:
            self.fields["groups"].disabled = True
            self.fields["groups"].required = False
        for name in ACCOUNT_FIELDS:
            if name in self.fields and not may_account:
                self.fields[name].disabled = True
                self.fields[name].required = False
        self.may_roles, self.may_account = may_roles, may_account


class SeparatedCreationForm(SeparatedFormMixin, UserCreationForm):
    pass


class SeparatedEditForm(SeparatedFormMixin, UserEditForm):
    pass


class _ForUser:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["for_user"] = self.request.user
        return kwargs


class CreateView(_ForUser, users.CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not manages_accounts(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class EditView(_ForUser, users.EditView):
    pass


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
    menu_label = _("用户")
    # Copying an account would copy its roles past the separation above (and its form had no
    # reader: a 500).
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return SeparatedEditForm if for_update else SeparatedCreationForm
