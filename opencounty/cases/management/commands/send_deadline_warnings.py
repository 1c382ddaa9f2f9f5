from django.core.management.base import BaseCommand
from django.utils import timezone

from opencounty.cases.notify import deadline_warnings


class Command(BaseCommand):
    help = "Mail units about cases that turned yellow (due soon) or red (overdue); run daily."

    def handle(self, *args, **options) -> None:
        sent = deadline_warnings(timezone.localdate())
        self.stdout.write(f"已发送 {sent} 条期限提醒。")
