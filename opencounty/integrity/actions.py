"""Recording approved page content, and checking, restoring and alerting (网页防篡改)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from opencounty.core import audit
from opencounty.core.models import Role
from opencounty.integrity.fingerprints import changed_fields, content_of, fingerprint
from opencounty.integrity.models import PageFingerprint, TamperIncident

ALERT_ROLES = (Role.SECURITY_ADMINISTRATOR, Role.HEADLINE_REVIEWER)
CHUNK = 500


def record_fingerprint(page: Page, revision: Revision | None, *, baseline: bool = False) -> None:
    """Fingerprint the page as it now stands in the database (called on every publication)."""
    fresh = Page.objects.get(pk=page.pk).specific
    PageFingerprint.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "revision": revision,
            "content_hash": fingerprint(fresh.pk, content_of(fresh)),
            "recorded_at": timezone.now(),
            "baseline": baseline,
        },
    )


@dataclass
class CheckReport:
    checked: int = 0
    baselined: int = 0
    incidents: list[TamperIncident] = field(default_factory=list)


def check_pages(now: datetime | None = None) -> CheckReport:
    """Compare every live page with its approved content; restore and alert on a difference."""
    now = now or timezone.now()
    report = CheckReport()
    live = Page.objects.live().filter(depth__gt=1).order_by("pk")
    last_pk = 0
    while True:
        pages = list(live.filter(pk__gt=last_pk)[:CHUNK].specific())
        if not pages:
            break
        last_pk = pages[-1].pk
        known = {
            fp.page_id: fp
            for fp in PageFingerprint.objects.filter(page_id__in=[p.pk for p in pages])
        }
        for page in pages:
            report.checked += 1
            found = fingerprint(page.pk, content_of(page))
            approved = known.get(page.pk)
            if approved is None:
                approved = _baseline(page)
                report.baselined += 1
            if found != approved.content_hash:
                incident = _confirm_and_restore(page.pk, now)
                if incident is not None:
                    report.incidents.append(incident)
    audit.record(
        "integrity.check",
        outcome="failure" if report.incidents else "success",
        details={
            "checked": report.checked,
            "baselined": report.baselined,
            "incidents": [incident.pk for incident in report.incidents],
        },
    )
    return report


def _baseline(page: Page) -> PageFingerprint:
    """A page published before this check existed: its approved content is its live
    revision's; a page with no revision at all (written by code) is taken as it stands, and
    a revision is kept of it so that it can be restored."""
    revision = page.live_revision
    if revision is not None:
        approved = revision.as_object()
        content_hash = fingerprint(page.pk, content_of(approved))
    else:
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            object_str=str(page)[:255],
            content=page.serializable_data(),
            user=None,
        )
        content_hash = fingerprint(page.pk, content_of(page))
    return PageFingerprint.objects.create(
        page_id=page.pk,
        revision=revision,
        content_hash=content_hash,
        recorded_at=timezone.now(),
        baseline=True,
    )


def _confirm_and_restore(page_id: int, now: datetime) -> TamperIncident | None:
    with transaction.atomic():
        # Read again under a lock: a publication may have landed since the page was read.
        approved = PageFingerprint.objects.select_for_update().get(page_id=page_id)
        page = Page.objects.get(pk=page_id).specific
        found_content = content_of(page)
        found = fingerprint(page_id, found_content)
        if found == approved.content_hash:
            return None
        revision = approved.revision
        approved_content = content_of(revision.as_object()) if revision is not None else {}
        intact = revision is not None and (
            fingerprint(page_id, approved_content) == approved.content_hash
        )
        incident = TamperIncident.objects.create(
            page=page,
            page_title=str(approved_content.get("title") or page.title)[:255],
            url=(page.get_url() or page.url_path)[:500],
            detected_at=now,
            changed_fields=changed_fields(approved_content, found_content) if intact else [],
            expected_hash=approved.content_hash,
            found_hash=found,
            revision=revision if intact else None,
            restored=intact,
            note=""
            if intact
            else _("审核通过的版本也已被改动或缺失，无法自动恢复，请立即人工核查。"),
        )
        audit.record(
            "integrity.tampered",
            obj=page,
            outcome="failure",
            details={
                "incident": incident.pk,
                "fields": incident.changed_fields,
                "expected": approved.content_hash,
                "found": found,
            },
        )
        if intact:
            revision.publish(user=None, skip_permission_checks=True)
            audit.record(
                "integrity.restored",
                obj=page,
                details={"incident": incident.pk, "revision": revision.pk},
            )
        transaction.on_commit(lambda: _alert(incident))
    return incident


def alert_recipients() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__unit_role__unit__kind="county_office",
            groups__unit_role__role__in=ALERT_ROLES,
        )
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)) | set(settings.INTEGRITY_ALERT_EMAILS))


def _alert(incident: TamperIncident) -> None:
    from opencounty.cases.notify import send_notification

    recipients = alert_recipients()
    if not recipients:
        return
    subject = _("【网页防篡改告警】%(title)s") % {"title": incident.page_title}
    lines = [
        _("发现时间：%(at)s")
        % {"at": timezone.localtime(incident.detected_at).strftime("%Y-%m-%d %H:%M")},
        _("页面：%(title)s（%(url)s）") % {"title": incident.page_title, "url": incident.url},
        _("被改动的字段：%(fields)s")
        % {"fields": "、".join(incident.changed_fields) or _("无法确定")},
        _("已恢复为审核通过的版本。") if incident.restored else incident.note,
        _("该页面未经审核即被改动，请核查服务器和数据库的访问记录。"),
    ]
    send_notification.enqueue(recipients, subject, "\n".join(lines))
