from django.core.management.base import BaseCommand

from opencounty.limits.store import purge_expired


class Command(BaseCommand):
    help = "删除已过期的访问计数和已使用令牌（建议每天运行一次）。"

    def handle(self, *args, **options) -> None:
        counters, tokens = purge_expired()
        self.stdout.write(f"已删除过期计数 {counters} 条，过期令牌 {tokens} 条。")
