"""The area profiles the API answers about, counted in advance (``AreaProfileRollup``) and filled
from the reports already stored.

The rows are worked out by the app's own ``rollups.AreaCounter`` (``area_keys_for`` for many
reports): they must be exactly what the app would have written for each report, and the circles
are drawn by ``area``. The reports are read with only the fields the keys need, a few thousand at a
time, and the counts written in batches.
"""

from django.db import migrations, models


def fill(apps, schema_editor):
    from portal.reporting import rollups

    PupilReport = apps.get_model("reporting", "PupilReport")
    AreaProfileRollup = apps.get_model("reporting", "AreaProfileRollup")
    mapped = PupilReport.objects.filter(context__in=["school", "neighbourhood", "route"])
    fields = ("context", "cell", "route_cells", "categories", "submitted_on")
    counter = rollups.AreaCounter()
    for values in mapped.values_list(*fields).order_by("pk").iterator(chunk_size=5000):
        counter.add(rollups.ReportForKeys(*values))
    counts = counter.counts()
    AreaProfileRollup.objects.bulk_create(
        [
            AreaProfileRollup(
                centre=key.centre,
                radius_m=key.radius_m,
                month=key.month,
                context=key.context,
                category=key.category,
                count=count,
            )
            for key, count in sorted(counts.items())
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0002_monthly_rollups_and_route_cells'),
    ]

    operations = [
        migrations.CreateModel(
            name='AreaProfileRollup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('centre', models.CharField(max_length=16)),
                ('radius_m', models.PositiveIntegerField()),
                ('month', models.DateField()),
                ('context', models.CharField(choices=[('school', 'At school or in the school grounds'), ('neighbourhood', 'Where I live or hang out (my neighbourhood)'), ('route', 'On my way to or from school'), ('home', 'At home'), ('online', 'Online')], max_length=20)),
                ('category', models.CharField(blank=True, max_length=40)),
                ('count', models.PositiveIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('centre', 'radius_m', 'month', 'context', 'category'), name='unique_area_profile_rollup')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
