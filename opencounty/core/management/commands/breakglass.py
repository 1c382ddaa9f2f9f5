"""Break-glass: make an account superuser for a limited time, from the server's shell only.

In production no superuser may use the admin without a current grant (core.middleware);
the grant, its use and its end are in the hash-chained audit log.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from opencounty.core import audit
from opencounty.core.models import BreakGlassGrant

MAX_MINUTES = 240


class Command(BaseCommand):
    help = "Grant an account superuser rights for a limited time (audited)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--minutes", type=int, default=60)
        parser.add_argument("--reason", required=True)

    def handle(self, *args, username: str, minutes: int, reason: str, **options) -> None:
        if not 1 <= minutes <= MAX_MINUTES:
            raise CommandError(f"--minutes must be between 1 and {MAX_MINUTES}")
        if not reason.strip():
            raise CommandError("--reason is required")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no account {username!r}")
        now = timezone.now()
        with transaction.atomic():
            grant = BreakGlassGrant.objects.create(
                user=user, granted_at=now, until=now + timedelta(minutes=minutes), reason=reason
            )
            user.is_superuser = True
            user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
            audit.record(
                "breakglass.grant",
                obj=user,
                details={"until": grant.until.isoformat(), "reason": reason.strip()[:200]},
            )
        self.stdout.write(
            f"{username} is superuser until {timezone.localtime(grant.until):%Y-%m-%d %H:%M}"
        )
