"""The starting tag vocabulary for peace-agreement provisions, and the "editors" group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TAGS = [
    ("territory", "Territory", "Lines of control, recognition, withdrawals, demilitarised zones."),
    ("security-guarantees", "Security guarantees", "Who defends Ukraine, how, and what triggers it."),
    ("armed-forces", "Armed forces", "Caps on the size and equipment of armies."),
    ("nato", "NATO", "Membership, enlargement, troops and bases."),
    ("eu-membership", "EU membership", "Ukraine's path into the European Union."),
    ("sanctions", "Sanctions", "Lifting, phasing or keeping sanctions on Russia."),
    ("frozen-assets", "Frozen assets", "Russian state assets held abroad and their use."),
    ("reconstruction", "Reconstruction", "Funds, investment and rebuilding."),
    ("humanitarian", "Humanitarian", "Prisoners, civilians, deported children, families."),
    ("amnesty", "Amnesty & accountability", "Amnesty, war crimes, justice for victims."),
    ("elections", "Elections", "When and how elections are held."),
    ("nuclear", "Nuclear", "Zaporizhzhia plant, non-proliferation, arms control."),
    ("language-religion", "Language & religion", "Language rights, churches, education."),
    ("ceasefire", "Ceasefire & monitoring", "When fighting stops and who verifies it."),
    ("energy-trade", "Energy & trade", "Gas, grain, shipping, economic cooperation."),
    ("implementation", "Implementation", "Sequencing, oversight bodies, enforcement."),
]

EDITOR_PERMISSIONS = [
    "moderate_annotation",
    "add_tag",
    "change_tag",
    "delete_tag",
    "view_tag",
    "view_annotation",
    "view_report",
]


def seed(apps, schema_editor) -> None:  # noqa: ANN001
    # Permissions are normally created after all migrations; the group needs them now.
    plans = apps.get_app_config("plans")
    plans.models_module = True
    create_permissions(plans, apps=apps, verbosity=0)
    plans.models_module = None

    Tag = apps.get_model("plans", "Tag")
    for slug, name, description in TAGS:
        Tag.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="plans", codename__in=EDITOR_PERMISSIONS)
    )


def unseed(apps, schema_editor) -> None:  # noqa: ANN001
    apps.get_model("auth", "Group").objects.filter(name="editors").delete()
    apps.get_model("plans", "Tag").objects.filter(slug__in=[slug for slug, _, _ in TAGS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_annotations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
