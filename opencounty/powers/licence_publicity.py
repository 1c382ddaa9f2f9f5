"""双公示 of 行政许可 decisions: a licence granted through an online application (services) is
published on the same public list as penalty decisions, the applicant's name masked.

Only the powers app's own row (`Publication`) is written; the application's case is not
changed (its kind has no verb for this), and the act is audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases.actions import IllegalTransition, visible_cases
from opencounty.core import audit
from opencounty.core.access import works_for
from opencounty.core.masking import mask_name, redact
from opencounty.portal.cache import invalidate_pages
from opencounty.powers.models import Publication, expiry
from opencounty.services.models import Application, ItemType


def granted_unpublished(user) -> QuerySet[Application]:
    """Licences this user's units granted that are not yet in 双公示."""
    return (
        Application.objects.filter(
            case__in=visible_cases(user, "application"),
            item__item_type=ItemType.LICENSING,
            result=Application.Result.APPROVED,
            completed_on__isnull=False,
            case__publication__isnull=True,
        )
        .select_related("case", "case__unit", "item")
        .order_by("completed_on")
    )


def publish_licence(application: Application, actor, *, on: date | None = None) -> Publication:
    on = on or timezone.localdate()
    application = Application.objects.select_related("case", "case__unit", "item").get(
        pk=application.pk
    )
    case = application.case
    if not works_for(actor, case.unit):
        audit.record(
            "powers.publish_licence",
            actor=actor,
            obj=case,
            outcome="failure",
            details={"reason": "not_permitted"},
        )
        raise PermissionDenied(_("您无权公示其他单位的许可决定。"))
    if (
        application.item.item_type != ItemType.LICENSING
        or application.result != Application.Result.APPROVED
        or application.completed_on is None
    ):
        raise IllegalTransition(_("只有准予的行政许可决定可以公示。"))
    if on < application.completed_on:
        raise IllegalTransition(_("公示日期不能早于决定日期。"))
    names = (case.submitter_name,)
    with transaction.atomic():
        if Publication.objects.select_for_update().filter(case=case).exists():
            raise IllegalTransition(_("该许可决定已经公示。"))
        entry = Publication.objects.create(
            type=Publication.Type.LICENSING,
            case=case,
            unit=case.unit,
            title=application.item.title,
            party=mask_name(case.submitter_name),
            decision_number=application.document_number[:60],
            content=_("准予行政许可：%(item)s") % {"item": application.item.title},
            basis=redact(application.item.basis, names)[:300],
            decided_on=application.completed_on,
            published_on=on,
            expires_on=expiry(Publication.Type.LICENSING, on),
            published_by=actor,
        )
        audit.record(
            "powers.publish_licence", actor=actor, obj=case, details={"on": on.isoformat()}
        )
        transaction.on_commit(invalidate_pages)
    return entry
