from django.db import migrations

AUDIENCES = ["practitioners", "parents-and-carers", "children-and-young-people"]


def seed_audiences(apps, schema_editor):
    Audience = apps.get_model("home", "Audience")
    for slug in AUDIENCES:
        Audience.objects.get_or_create(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(seed_audiences, migrations.RunPython.noop)]
