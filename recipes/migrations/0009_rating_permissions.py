"""Wagtail's Editors and Moderators groups may moderate cook notes (view, change and
delete ratings); nobody adds one in the admin (recipes.wagtail_hooks)."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]
PERMISSIONS = {
    "view_rating": "Can view rating",
    "change_rating": "Can change rating",
    "delete_rating": "Can delete rating",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    rating, _ = ContentType.objects.get_or_create(app_label="recipes", model="rating")
    permissions = [
        Permission.objects.get_or_create(
            content_type=rating, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSIONS.items()
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="recipes", codename__in=PERMISSIONS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("recipes", "0008_ratings"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
