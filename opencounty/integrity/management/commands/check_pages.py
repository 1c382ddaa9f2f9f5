from django.core.management.base import BaseCommand

from opencounty.integrity.actions import check_pages


class Command(BaseCommand):
    help = (
        "Compare every live page with the content approved at its publication; restore the "
        "approved version of a page that differs, and alert (mail, audit log, admin notice). "
        "Exits non-zero when a page was found changed."
    )

    def handle(self, *args, **options) -> None:
        report = check_pages()
        self.stdout.write(
            f"已核对 {report.checked} 个在线页面，其中首次记录指纹 {report.baselined} 个，"
            f"发现被篡改 {len(report.incidents)} 个。"
        )
        for incident in report.incidents:
            state = "已恢复" if incident.restored else "未能自动恢复"
            self.stderr.write(f"篡改：{incident.page_title}（{incident.url}）{state}")
        if report.incidents:
            raise SystemExit(2)
