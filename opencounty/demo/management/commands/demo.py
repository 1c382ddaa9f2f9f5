from django.core.management.base import BaseCommand

from opencounty.demo import builder


class Command(BaseCommand):
    help = "Build the fictional demo county 示范县 (idempotent, deterministic for a seed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the demo county is complete; complete a half-built one",
        )
        parser.add_argument(
            "--print-logins", action="store_true", help="print the demo accounts afterwards"
        )

    def handle(
        self, *args, seed: int, articles: int, if_empty: bool, print_logins: bool, **options
    ) -> None:
        if if_empty and builder.is_complete():
            self.stdout.write("示范县已存在，跳过生成。")
        else:
            if if_empty and builder.is_built():
                self.stdout.write("示范县上次未生成完整，继续生成缺少的部分。")
            timings = builder.build(seed=seed, articles=articles, report=self.stdout.write)
            total = sum(timings.values())
            self.stdout.write(self.style.SUCCESS(f"示范县生成完毕，用时 {total:.1f} 秒。"))
        if print_logins and builder.logins_file().exists():
            self.stdout.write(builder.logins_file().read_text(encoding="utf-8"))
