"""Messages to applicants: e-mail (through the cases' mail task, after commit) and SMS."""

from __future__ import annotations

from django.db import transaction

from opencounty.cases.models import Case
from opencounty.cases.notify import send_notification
from opencounty.core.validators import MOBILE
from opencounty.services.sms import send_sms


def tell_applicant(case: Case, subject: str, body: str) -> None:
    """Mail the applicant if they gave an address, and text them if they gave a mobile number."""
    if case.submitter_email:
        recipients = [case.submitter_email]
        transaction.on_commit(lambda: send_notification.enqueue(recipients, subject, body))
    if MOBILE.match(case.submitter_phone or ""):
        send_sms(case.submitter_phone, f"{subject}：{body}"[:500])
