"""三员分立: the security administrator assigns roles (auth.change_user, through the groups
field only) and no longer edits a role's permissions (auth.change_group)."""

from django.db import migrations


def separate(apps, schema_editor):
    UnitGroup = apps.get_model("core", "UnitGroup")
    Permission = apps.get_model("auth", "Permission")
    change_group = Permission.objects.filter(content_type__app_label="auth", codename="change_group")
    change_user = Permission.objects.filter(content_type__app_label="auth", codename="change_user")
    for link in UnitGroup.objects.filter(role="security_admin").select_related("group"):
        link.group.permissions.remove(*change_group)
        link.group.permissions.add(*change_user)


class Migration(migrations.Migration):
    dependencies = [("core", "0006_add_break_glass_grant"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(separate, migrations.RunPython.noop)]
