from decimal import Decimal

from django.db import migrations

# The defaults of the scoring table (practice, domain-rules section 4); the office edits them.
DEFAULTS = {
    "bulletin_politics": Decimal(8),
    "bulletin_affairs": Decimal(5),
    "bulletin_research": Decimal(8),
    "bulletin_special": Decimal(5),
    "city": Decimal(10),
    "province": Decimal(20),
    "national": Decimal(30),
    "instruction": Decimal(10),
    "late_special": Decimal(2),
    "yearly_target": Decimal(60),
}


def add_rules(apps, schema_editor):
    ScoringRule = apps.get_model("submissions", "ScoringRule")
    for key, points in DEFAULTS.items():
        ScoringRule.objects.get_or_create(key=key, defaults={"points": points})


class Migration(migrations.Migration):
    dependencies = [("submissions", "0001_information_submissions")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
