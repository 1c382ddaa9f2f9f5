"""Seed the holiday table from the chinesecalendar package (every year it knows).

Later years are entered by the county office in the admin when the State
Council publishes them.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from opencounty.core.calendar import seed_from_chinesecalendar

    seed_from_chinesecalendar(apps.get_model("core", "CalendarYear"), apps.get_model("core", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("core", "0002_add_working_day_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
