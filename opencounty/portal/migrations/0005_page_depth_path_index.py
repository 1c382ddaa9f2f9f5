"""An index on Wagtail's page tree by (depth, path).

Every public page draws its menu from `root.get_children()`, i.e. `depth = N AND path BETWEEN
…`: with only the unique index on `path`, the database walks the root's whole subtree (every
article, 100,000 pages at a province's scale: 67–86 ms a page, docs/performance.md) to find
the dozen children. With (depth, path) it reads just them. Wagtail's model has no index on
depth and the table is Wagtail's, so the index is created here, by name, on both databases.
"""

from django.db import migrations

INDEX = "portal_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_chinese_names_for_wagtails_defaults"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
