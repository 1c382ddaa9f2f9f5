"""Audit entries for events that Django and Wagtail raise themselves."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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
