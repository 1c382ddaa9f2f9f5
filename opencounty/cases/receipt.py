"""The receipt of a public submission: the printable slip, and the receipt number and query
code sent to the submitter by SMS or e-mail when they ask.

The query code is stored hashed only. Its plain text exists in the response that shows it
and in the message sent from a request that carries it: the acknowledgement page's own
form posts it back, it is checked against the hash, and the copy goes out at once to the
phone or address the submitter gave (never to one the request names). Nothing else keeps
it: the SMS outbox row holds the text with the code left out, and no task queue sees it.

Only the browser that submitted may open the receipt again: its session holds the ids of
the cases it submitted (ids only, never a code). That lasts as long as the session
(SESSION_COOKIE_AGE, i.e. STAFF_IDLE_SECONDS: 10 minutes by default, since an anonymous
session is saved only when something is put in it) and RECEIPT_WINDOW_SECONDS at most. Each
channel sends once per submission (a limits.use_once token), and one client may ask for
COPIES_PER_HOUR copies an hour in all.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opencounty.cases import kinds
from opencounty.cases.models import Case
from opencounty.core.masking import mask_phone
from opencounty.core.validators import MOBILE
from opencounty.limits import store as limits

logger = logging.getLogger(__name__)

SESSION_KEY = "submitted_cases"
REMEMBERED = 10  # the last cases one browser submitted that it may open again
RECEIPT_WINDOW_SECONDS = 3600
COPY_SCOPE = "receipt-copy"
CLIENT_SCOPE = "receipt-copy-client"
COPIES_PER_HOUR = 6

SMS, EMAIL = "sms", "email"
CHANNELS = (SMS, EMAIL)

# What send_copy answers.
SENT, FAILED, ALREADY_SENT, NO_ADDRESS, TOO_MANY = (
    "sent",
    "failed",
    "already_sent",
    "no_address",
    "too_many",
)


# How the slip names the kind's period ("20个工作日", "90日", "60分钟").
PERIOD_UNITS = {
    kinds.WORKING_DAYS: lambda: _("个工作日"),
    kinds.CALENDAR_DAYS: lambda: _("日"),
    kinds.MINUTES: lambda: _("分钟"),
}


def remember(request: HttpRequest, case: Case) -> None:
    """This browser submitted `case`: it may open the receipt (and ask for a copy) again."""
    ids = [pk for pk in request.session.get(SESSION_KEY, []) if pk != case.pk]
    request.session[SESSION_KEY] = (ids + [case.pk])[-REMEMBERED:]


def submitted_here(request: HttpRequest, case: Case, *, now=None) -> bool:
    """True when this browser's session submitted `case`, and not longer ago than the window."""
    now = now or timezone.now()
    if case.pk not in request.session.get(SESSION_KEY, []):
        return False
    return (now - case.submitted_at).total_seconds() <= RECEIPT_WINDOW_SECONDS


def mobile_phone(case: Case) -> str:
    """The submitter's phone if a text message can reach it, else ""."""
    phone = (case.submitter_phone or "").strip()
    return phone if MOBILE.match(phone) else ""


def masked_email(address: str) -> str:
    """xiuying@example.com → x******@example.com."""
    local, _at, domain = (address or "").partition("@")
    if not domain:
        return ""
    return f"{local[:1]}{'*' * max(len(local) - 1, 1)}@{domain}"


def channels(case: Case) -> list[tuple[str, str]]:
    """(channel, masked destination) for each way this submitter can get a copy."""
    offered = []
    if mobile_phone(case):
        offered.append((SMS, mask_phone(mobile_phone(case))))
    if case.submitter_email:
        offered.append((EMAIL, masked_email(case.submitter_email)))
    return offered


def context(request: HttpRequest, case: Case, query_code: str) -> dict:
    """What the receipt templates (cases/includes/receipt_*.html) need."""
    return {
        "case": case,
        "query_code": query_code,
        "channels": channels(case),
        "period_unit": PERIOD_UNITS[case.case_kind.clock_unit](),
        "lookup_address": request.build_absolute_uri(reverse("cases:lookup")),
    }


def message(case: Case, query_code: str) -> tuple[str, str]:
    """(subject, body) of the copy."""
    subject = _("受理编号和查询码（%(number)s）") % {"number": case.receipt_number}
    body = _(
        "您提交的“%(title)s”（%(kind)s）已收到。受理编号：%(number)s，查询码：%(code)s。"
        "凭受理编号和查询码可在网站“办件查询”查询办理进度。请勿将查询码告诉他人。"
    ) % {
        "title": case.title,
        "kind": case.case_kind.label,
        "number": case.receipt_number,
        "code": query_code,
    }
    return subject, body


def deliver(case: Case, query_code: str, channel: str) -> bool:
    """Send the copy once, now; True when it went out. No retry: the code is not kept."""
    subject, body = message(case, query_code)
    if channel == SMS:
        from opencounty.services import sms

        text = f"{subject}：{body}"[:500]
        kept = text.replace(query_code, _("（查询码不保存）"))
        return sms.send_at_once(mobile_phone(case), text, stored_text=kept)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [case.submitter_email])
    except OSError as exc:  # SMTP errors are OSErrors
        logger.warning("query-code mail for %s failed: %s", case.receipt_number, exc)
        return False
    return True


def send_copy(case: Case, query_code: str, channel: str, *, client: str) -> str:
    """Send the copy the submitter asked for, once per channel and submission. The caller has
    checked the query code against the case's hash and that this browser submitted it."""
    if channel not in CHANNELS or channel not in dict(channels(case)):
        return NO_ADDRESS
    if limits.count(CLIENT_SCOPE, client) >= COPIES_PER_HOUR:
        return TOO_MANY
    if not limits.use_once(COPY_SCOPE, f"{case.pk}:{channel}", seconds=2 * RECEIPT_WINDOW_SECONDS):
        return ALREADY_SENT
    limits.hit(CLIENT_SCOPE, client, seconds=3600)
    return SENT if deliver(case, query_code, channel) else FAILED


def outcome_text(channel: str, outcome: str) -> str:
    """What the receipt page tells the submitter about their request for a copy."""
    by_sms = channel == SMS
    return {
        SENT: _("受理编号和查询码已用短信发送到您的手机。")
        if by_sms
        else _("受理编号和查询码已发送到您的电子邮箱。"),
        FAILED: _("短信发送失败，请抄写或打印本回执保存查询码。")
        if by_sms
        else _("电子邮件发送失败，请抄写或打印本回执保存查询码。"),
        ALREADY_SENT: _("每次提交只能发送一次，已经发送过，不再重复发送。"),
        NO_ADDRESS: _("提交时没有填写可以接收的手机号码或电子邮箱，无法发送。"),
        TOO_MANY: _("发送请求过于频繁，请一小时后再试，或抄写、打印本回执保存查询码。"),
    }[outcome]
