"""Text messages (短信) to applicants.

`send_sms` stores an OutboundSMS row first, so no message is ever lost, then delivers
it through the backend named by settings.SMS_BACKEND once the transaction commits:
"logging" writes it to the log (development), "http" posts JSON to the county's SMS
gateway. A failed delivery is retried with a growing delay by `send_pending_sms` and
on every new send. A message whose text must not be kept (a query code) goes out at once
through `send_at_once`, its row holding the text without the secret.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opencounty.services.models import OutboundSMS

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 60
LONGEST_RETRY_SECONDS = 6 * 3600


class DeliveryFailed(Exception):
    pass


def deliver_by_logging(phone: str, text: str) -> None:
    logger.info("SMS to %s: %s", phone, text)


def deliver_by_http(phone: str, text: str) -> None:
    """POST {"phone", "text"} to the gateway; anything but a 2xx answer is a failure."""
    body = json.dumps({"phone": phone, "text": text}, ensure_ascii=False).encode()
    request = urllib.request.Request(
        settings.SMS_GATEWAY_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_GATEWAY_TIMEOUT) as response:  # noqa: S310 - the operator's URL
            response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise DeliveryFailed(str(exc)) from exc


BACKENDS = {"logging": deliver_by_logging, "http": deliver_by_http}


def retry_delay(attempts: int) -> timedelta:
    """1 minute after the first failure, doubling each time, at most 6 hours."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** (attempts - 1), LONGEST_RETRY_SECONDS))


def attempt(message_id: int, now: datetime | None = None) -> OutboundSMS:
    """Try one pending message once (the row is locked, so two workers never send it twice)."""
    now = now or timezone.now()
    with transaction.atomic():
        message = OutboundSMS.objects.select_for_update().get(pk=message_id)
        if message.status != OutboundSMS.Status.PENDING:
            return message
        message.attempts += 1
        try:
            BACKENDS[settings.SMS_BACKEND](message.phone, message.text)
        except DeliveryFailed as exc:
            message.last_error = str(exc)[:500]
            if message.attempts >= settings.SMS_MAX_ATTEMPTS:
                message.status = OutboundSMS.Status.FAILED
            message.next_attempt_at = now + retry_delay(message.attempts)
        else:
            message.status = OutboundSMS.Status.SENT
            message.sent_at = now
            message.last_error = ""
        message.save()
    return message


def deliver_pending(now: datetime | None = None) -> int:
    """Attempt every pending message that is due; returns how many were sent."""
    now = now or timezone.now()
    due = OutboundSMS.objects.filter(
        status=OutboundSMS.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    return sum(attempt(pk, now).status == OutboundSMS.Status.SENT for pk in list(due))


def send_sms(phone: str, text: str) -> OutboundSMS:
    """Store the message, then deliver it (and any due retries) after the commit."""
    message = OutboundSMS.objects.create(phone=phone, text=text, next_attempt_at=timezone.now())
    transaction.on_commit(deliver_pending)
    return message


def send_at_once(phone: str, text: str, *, stored_text: str) -> bool:
    """Deliver a message that must not be kept (a query code) in this request, once: the row
    stored holds `stored_text` (the text with the secret left out) and whether it went out.
    It is never retried, since the text that would be resent is not kept. True when sent."""
    now = timezone.now()
    message = OutboundSMS(phone=phone, text=stored_text[:500], next_attempt_at=now, attempts=1)
    try:
        BACKENDS[settings.SMS_BACKEND](phone, text)
    except DeliveryFailed as exc:
        logger.warning("SMS that is not kept could not be delivered: %s", exc)
        message.status = OutboundSMS.Status.FAILED
        message.last_error = str(exc)[:500]
    else:
        message.status = OutboundSMS.Status.SENT
        message.sent_at = now
    message.save()
    return message.status == OutboundSMS.Status.SENT
