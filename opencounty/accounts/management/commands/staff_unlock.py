"""Lift a login lockout, and with --second-factor remove the account's authenticators (a lost
phone: the account enrols again at its next login). Both are written to the audit log."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from opencounty.accounts import actions, lockouts


class Command(BaseCommand):
    help = "解除员工账号的登录锁定；加 --second-factor 时同时重置其两步验证（手机丢失）。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", nargs="?", default="")
        parser.add_argument("--ip", default="", help="同时解除该地址的锁定")
        parser.add_argument("--second-factor", action="store_true", help="删除该账号的身份验证器")
        parser.add_argument("--reason", required=True, help="原因（写入审计日志）")

    def handle(self, *args, username: str, ip: str, second_factor: bool, reason: str, **options):
        if not username and not ip:
            raise CommandError("请给出账号或 --ip 地址。")
        user = None
        if username:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"没有账号 {username}。")
        removed = lockouts.lift(username=username, ip=ip, reason=reason)
        self.stdout.write(f"已解除锁定（清除 {removed} 条失败记录）。")
        if second_factor and user is not None:
            count = actions.reset_second_factor(user, actor=None)
            self.stdout.write(f"已删除 {count} 个身份验证器，该账号下次登录时重新绑定。")
