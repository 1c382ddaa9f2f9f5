"""Audit entries for events that Django and Wagtail raise themselves."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.signals import (
    page_published,
    page_unpublished,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from opencounty.core import audit


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    audit.record("auth.login", actor=user, obj=user, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit.record("auth.logout", actor=user, obj=user, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    audit.record(
        "auth.login_failed",
        outcome="failure",
        details={"username": str(credentials.get("username", ""))[:150]},
        request=request,
    )


@receiver(page_published)
def _published(sender, instance, revision, **kwargs) -> None:
    user = revision.user if revision is not None else None
    audit.record(
        "page.publish",
        actor=user,
        obj=instance,
        details={"revision": revision.pk if revision else None},
    )


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs) -> None:
    audit.record("page.unpublish", actor=kwargs.get("user"), obj=instance)


@receiver(workflow_submitted)
def _submitted(sender, instance, user, **kwargs) -> None:
    audit.record("workflow.submit", actor=user, obj=instance.content_object)


@receiver(workflow_approved)
def _approved(sender, instance, user, **kwargs) -> None:
    audit.record("workflow.approve", actor=user, obj=instance.content_object)


@receiver(workflow_rejected)
def _rejected(sender, instance, user, **kwargs) -> None:
    audit.record("workflow.reject", actor=user, obj=instance.content_object)


# Accounts, roles and permissions changed in the admin (三员分立: every such change is in the
# hash-chained log). Changes made by code go through core.actions, which audit themselves.

ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_superuser")


def _in_admin() -> bool:
    return audit.current_request.get() is not None


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def _remember_account(sender, instance, **kwargs) -> None:
    if instance.pk and _in_admin():
        instance._before = (
            sender.objects.filter(pk=instance.pk).values(*ACCOUNT_FIELDS, "password").first()
        )


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def _account_saved(sender, instance, created, **kwargs) -> None:
    if not _in_admin():
        return
    before = getattr(instance, "_before", None) or {}
    changed = [
        name for name in ACCOUNT_FIELDS if created or before.get(name) != getattr(instance, name)
    ]
    if not created and before.get("password") != instance.password:
        changed.append("password")
    if created or changed:
        audit.record(
            "account.create" if created else "account.change",
            obj=instance,
            details={"fields": changed, "is_superuser": instance.is_superuser},
        )


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def _account_deleted(sender, instance, **kwargs) -> None:
    if _in_admin():
        audit.record("account.delete", obj=instance)


@receiver(m2m_changed, sender=get_user_model().groups.through)
def _roles_changed(sender, instance, action, pk_set, reverse, **kwargs) -> None:
    if not _in_admin() or action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # a group's members changed from the group's side
        accounts = list(get_user_model().objects.filter(pk__in=pk_set or []))
        groups = [instance.name]
    else:
        accounts = [instance]
        groups = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    for account in accounts:
        audit.record(
            "account.roles",
            obj=account,
            details={"action": action.removeprefix("post_"), "roles": sorted(groups)},
        )


@receiver(m2m_changed, sender=Group.permissions.through)
def _role_permissions_changed(sender, instance, action, pk_set, **kwargs) -> None:
    if _in_admin() and action in ("post_add", "post_remove", "post_clear"):
        codenames = sorted(
            Permission.objects.filter(pk__in=pk_set or []).values_list("codename", flat=True)
        )
        audit.record(
            "role.permissions",
            obj=instance,
            details={"action": action.removeprefix("post_"), "permissions": codenames},
        )
