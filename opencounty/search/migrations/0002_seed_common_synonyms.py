"""Seed the synonym table with the common everyday terms of government services."""

from django.db import migrations


def seed(apps, schema_editor):
    from opencounty.search.common_synonyms import add_common_synonyms

    add_common_synonyms(apps.get_model("oc_search", "Synonym"))


class Migration(migrations.Migration):
    dependencies = [("oc_search", "0001_synonyms_and_zero_result_log")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
