"""The monthly hotspot totals summed by calendar quarter and year (``PeriodHotspotTotal``), filled
from the monthly totals already stored by the app's own ``rollups.period_counts``, one map
resolution at a time, and written in batches."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from portal.reporting import rollups

    MonthlyHotspotTotal = apps.get_model("reporting", "MonthlyHotspotTotal")
    PeriodHotspotTotal = apps.get_model("reporting", "PeriodHotspotTotal")
    resolutions = MonthlyHotspotTotal.objects.values_list("resolution", flat=True).distinct().order_by("resolution")
    for resolution in list(resolutions):
        rows = (
            MonthlyHotspotTotal.objects.filter(resolution=resolution)
            .values_list("resolution", "cell", "month", "category", "count")
            .order_by()
            .iterator(chunk_size=20_000)
        )
        counts = rollups.period_counts((rollups.TotalKey(*row[:4]), row[4]) for row in rows)
        PeriodHotspotTotal.objects.bulk_create(
            [
                PeriodHotspotTotal(
                    resolution=key.resolution,
                    cell=key.cell,
                    months=key.months,
                    start=key.start,
                    category=key.category,
                    count=count,
                )
                for key, count in sorted(counts.items())
            ],
            batch_size=5000,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0003_area_profile_rollup'),
    ]

    operations = [
        migrations.CreateModel(
            name='PeriodHotspotTotal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('resolution', models.PositiveSmallIntegerField()),
                ('cell', models.CharField(max_length=16)),
                ('months', models.PositiveSmallIntegerField(choices=[(3, 'quarter'), (12, 'year')])),
                ('start', models.DateField()),
                ('category', models.CharField(blank=True, max_length=40)),
                ('count', models.PositiveIntegerField(default=0)),
            ],
            options={
                'indexes': [models.Index(fields=['resolution', 'cell', 'months', 'start'], include=('category', 'count'), name='period_total_cell')],
                'constraints': [models.UniqueConstraint(fields=('resolution', 'cell', 'months', 'start', 'category'), name='unique_period_total')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
