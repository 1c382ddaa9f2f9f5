"""Delete files held for failed public-form submits once their tokens have expired."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from opencounty.core.held_uploads import purge_expired


class Command(BaseCommand):
    help = "删除已过期的暂存上传文件（公众表单提交失败时保留的文件）。"

    def handle(self, *args, **options) -> None:
        purged = purge_expired()
        self.stdout.write(_("已删除 %(count)d 个过期的暂存文件夹。") % {"count": purged})
