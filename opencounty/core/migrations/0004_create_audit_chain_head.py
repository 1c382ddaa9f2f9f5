"""Create the single head row of the audit chain, so appenders only ever lock it."""

from django.db import migrations


def create_head(apps, schema_editor):
    AuditChainHead = apps.get_model("core", "AuditChainHead")
    AuditEntry = apps.get_model("core", "AuditEntry")
    last = AuditEntry.objects.order_by("-id").first()
    AuditChainHead.objects.get_or_create(
        pk=1, defaults={"last_hash": last.hash if last else "", "count": AuditEntry.objects.count()}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0003_seed_holiday_table")]

    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
