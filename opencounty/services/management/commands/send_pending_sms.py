from django.core.management.base import BaseCommand

from opencounty.services.sms import deliver_pending


class Command(BaseCommand):
    help = "Send the text messages waiting for delivery or for a retry (run every minute)."

    def handle(self, *args, **options) -> None:
        sent = deliver_pending()
        self.stdout.write(f"{sent} SMS sent")
