"""The receipt number and query code sent to the applicant when they ask for it.

The query code exists in plain text only in the response that shows it once and in this
message: it is sent at once (e-mail through Django's mail settings, SMS through the
backend named by SMS_BACKEND) and never written to the database or a task queue, so the
receipt page tells the applicant whether the message went out.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from opencounty.cases.models import Case
from opencounty.services import sms

logger = logging.getLogger(__name__)


def message(case: Case, query_code: str) -> tuple[str, str]:
    subject = _("申请受理编号和查询码（%(number)s）") % {"number": case.receipt_number}
    body = _(
        "您的“%(title)s”申请已提交。受理编号：%(number)s，查询码：%(code)s。"
        "凭受理编号和查询码可查询办理进度、补正材料和评价。请勿将查询码告诉他人。"
    ) % {"title": case.title, "number": case.receipt_number, "code": query_code}
    return subject, body


def send_query_code(case: Case, query_code: str, *, by_sms: bool, by_email: bool) -> dict:
    """Send what the applicant asked for; {"sms": True/False, "email": True/False} for each."""
    subject, body = message(case, query_code)
    sent = {}
    if by_sms and case.submitter_phone:
        try:
            sms.BACKENDS[settings.SMS_BACKEND](case.submitter_phone, f"{subject}：{body}"[:500])
            sent["sms"] = True
        except sms.DeliveryFailed as exc:
            logger.warning("query-code SMS for %s failed: %s", case.receipt_number, exc)
            sent["sms"] = False
    if by_email and case.submitter_email:
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [case.submitter_email])
            sent["email"] = True
        except OSError as exc:  # SMTP errors are OSErrors
            logger.warning("query-code mail for %s failed: %s", case.receipt_number, exc)
            sent["email"] = False
    return sent
