"""The applicant hears about the result by e-mail (through a real SMTP server) and SMS."""

import pytest

from conftest import persona
from opencounty.core.models import Role
from opencounty.services import actions
from opencounty.services.models import OutboundSMS
from opencounty.services.tests.helpers import apply_for, live_item

pytestmark = pytest.mark.django_db


def test_the_applicant_is_mailed_and_texted_on_completion(
    smtp_server, django_capture_on_commit_callbacks, settings
):
    settings.SMS_BACKEND = "logging"
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    case, _code = apply_for(live_item(), email="xiuying@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.accept(case, officer)
    with django_capture_on_commit_callbacks(execute=True):
        actions.approve(case, officer, document_number="JY1330000001")
    mails = smtp_server.to("xiuying@example.com")
    assert [m["Subject"] for m in mails] == [
        f"您的申请已受理（{case.receipt_number}）",
        f"您的申请已办结（{case.receipt_number}）",
    ]
    body = mails[-1].get_content()
    assert "准予" in body and "JY1330000001" in body
    texts = [m.text for m in OutboundSMS.objects.all()]
    assert len(texts) == 2 and "JY1330000001" in texts[-1]
    assert OutboundSMS.objects.filter(status=OutboundSMS.Status.SENT).count() == 2


def test_a_refused_action_tells_nobody(smtp_server, django_capture_on_commit_callbacks):
    officer = persona("d01_officer", "D01", Role.INFORMATION_OFFICER)
    case, _code = apply_for(live_item(), email="xiuying@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(actions.IllegalTransition):
            actions.reject(case, officer, reasons="")
    assert smtp_server.to("xiuying@example.com") == []
    assert not OutboundSMS.objects.exists()
