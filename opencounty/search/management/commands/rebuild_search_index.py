import time

from django.core.management.base import BaseCommand

from opencounty.search.index import rebuild


class Command(BaseCommand):
    help = "重建全站搜索索引：所有已发布的文章和办事指南（批量写入，重建期间检索仍用旧索引）。"

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()

        def report(done: int, total: int) -> None:
            if options["verbosity"] > 1 or done == total or done % 20000 == 0:
                self.stdout.write(f"  已索引 {done}/{total}")

        written = rebuild(report=report)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"全站搜索索引已重建：{written} 条，用时 {elapsed:.1f} 秒。")
        )
