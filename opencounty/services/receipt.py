"""The receipt number and query code sent to the applicant when they ask for it on the form.

The applicant ticks the boxes when applying, so the copy goes out in the request that shows
the code; the sending itself is the one every public submission uses (cases.receipt): the
code is never written to the database (the SMS outbox row leaves it out) or a task queue,
so the receipt page tells the applicant whether the message went out.
"""

from __future__ import annotations

from opencounty.cases import receipt
from opencounty.cases.models import Case


def send_query_code(case: Case, query_code: str, *, by_sms: bool, by_email: bool) -> dict:
    """Send what the applicant asked for; {"sms": True/False, "email": True/False} for each."""
    offered = dict(receipt.channels(case))
    asked = [(receipt.SMS, by_sms), (receipt.EMAIL, by_email)]
    return {
        channel: receipt.deliver(case, query_code, channel)
        for channel, wanted in asked
        if wanted and channel in offered
    }
