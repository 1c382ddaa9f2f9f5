"""Remind (SMS and mail) every unit that has not signed for a document past its sign-for day.

Safe to run from cron every hour: a unit is reminded of a document at most once a day."""

from django.core.management.base import BaseCommand

from opencounty.officedocs.actions import remind_overdue


class Command(BaseCommand):
    help = "催办超过签收期限仍未签收公文的单位（短信和邮件，每个单位每天最多一次）"

    def handle(self, *args, **options) -> None:
        reminded = remind_overdue()
        self.stdout.write(f"已催办 {len(reminded)} 个未签收的收文单位。")
