"""Wagtail's installation creates a root page, a welcome page, a workflow, a task and two groups with English names that staff
then read in reports and on the groups screen: give them Chinese names (only if still default)."""

from django.db import migrations

RENAMES = {
    ("wagtailcore", "Workflow"): {"Moderators approval": "默认审核流程"},
    ("wagtailcore", "Task"): {"Moderators approval": "默认审核"},
    ("auth", "Group"): {"Moderators": "审核人（系统预置）", "Editors": "编辑（系统预置）"},
    ("wagtailcore", "Collection"): {"Root": "根目录"},
    ("wagtailcore", "Page"): {"Root": "根目录", "Welcome to your new Wagtail site!": "默认首页"},
}


def rename(apps, schema_editor, reverse=False):
    for (app_label, model_name), names in RENAMES.items():
        model = apps.get_model(app_label, model_name)
        for english, chinese in names.items():
            old, new = (chinese, english) if reverse else (english, chinese)
            if model_name == "Page":
                model.objects.filter(title=old).update(title=new, draft_title=new)
            else:
                model.objects.filter(name=old).update(name=new)


def restore(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_chinese_model_and_field_names"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(rename, restore)]
