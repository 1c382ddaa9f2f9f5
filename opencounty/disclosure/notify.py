"""Telling the applicant that their request is answered.

The engine mails the applicant who gave an e-mail address (`cases.notify.submitter_answered`);
an applicant who gave only a mobile number is sent a text message instead, through the
services' SMS outbox (stored first, delivered after the commit). A landline gets neither:
the applicant reads the answer in the progress lookup.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from opencounty.cases.models import Case
from opencounty.core.validators import MOBILE
from opencounty.services.sms import send_sms


def applicant_answered(case: Case) -> None:
    if case.submitter_email or not MOBILE.match(case.submitter_phone or ""):
        return
    send_sms(
        case.submitter_phone,
        _(
            "您的政府信息公开申请（受理编号%(number)s）已由%(unit)s答复，请凭受理编号和查询码在政府网站“办件查询”中查看并下载答复书。"
        )
        % {"number": case.receipt_number, "unit": case.unit.name},
    )
