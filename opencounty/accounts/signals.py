"""Login events: the previous login, the session's start, password history, lockouts."""

import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from opencounty.accounts import actions
from opencounty.core import audit

LOGIN_AT_SESSION_KEY = "opencounty_login_at"


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    if request is None:
        return
    request.session[LOGIN_AT_SESSION_KEY] = int(time.time())
    actions.record_login(user, request=request)


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    # Axes says so again at every try during a lockout; the log keeps the moment it began.
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is not None and failures != settings.AXES_FAILURE_LIMIT:
        return
    audit.record(
        "auth.locked_out",
        outcome="failure",
        details={"username": str(username or "")[:150]},
        request=request,
    )


@receiver(pre_save, sender=get_user_model())
def _note_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    instance._opencounty_password_set = instance.has_usable_password() and _password_set(
        sender, instance, update_fields
    )


def _password_set(model, instance, update_fields) -> bool:
    if update_fields is not None and "password" not in update_fields:
        return False
    if getattr(instance, "_password", None) is not None:  # set_password() since the last save
        return True
    if instance._state.adding:  # create_user() assigns the hash itself
        return True
    if update_fields is not None:  # a hash upgrade at login: the same password
        return False
    stored = model.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    return stored != instance.password


@receiver(post_save, sender=get_user_model())
def _record_password_change(sender, instance, **kwargs) -> None:
    if getattr(instance, "_opencounty_password_set", False):
        instance._opencounty_password_set = False
        actions.record_password_change(instance, request=audit.current_request.get())
