"""The safeguarding abbreviations and synonyms every install starts with (search/data/synonyms.txt)."""

from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "synonyms.txt"


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            Synonym.objects.get_or_create(phrases=line, language="")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
