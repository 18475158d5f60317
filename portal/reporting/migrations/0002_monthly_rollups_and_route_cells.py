"""The monthly map rollups and the route cells, filled from what is already stored; the daily
rollup's indexes for what still reads it.

The monthly rows are the daily map rows (resolutions 5 to 10) summed by calendar month over
schools and days, and the monthly totals those summed over context and age group, each in one
INSERT ... SELECT, so they equal the daily rows from the start. The route cells are worked out
from each route report's cells, as ``rollups.route_cells_for`` does (the logic is copied here so
that this migration keeps doing what it did when the app changes).
"""

import h3

import django.db.models.deletion
from django.db import migrations, models

MAP_RESOLUTIONS = (5, 6, 7, 8, 9, 10)
ROUTE = "route"


def fill(apps, schema_editor):
    connection = schema_editor.connection
    HotspotRollup = apps.get_model("reporting", "HotspotRollup")
    MonthlyHotspotRollup = apps.get_model("reporting", "MonthlyHotspotRollup")
    MonthlyHotspotTotal = apps.get_model("reporting", "MonthlyHotspotTotal")
    PupilReport = apps.get_model("reporting", "PupilReport")
    ReportRouteCell = apps.get_model("reporting", "ReportRouteCell")

    quote = connection.ops.quote_name
    daily, monthly = quote(HotspotRollup._meta.db_table), quote(MonthlyHotspotRollup._meta.db_table)
    totals = quote(MonthlyHotspotTotal._meta.db_table)
    month = "date(day, 'start of month')" if connection.vendor == "sqlite" else "CAST(date_trunc('month', day) AS date)"
    placeholders = ", ".join(["%s"] * len(MAP_RESOLUTIONS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {monthly} (resolution, cell, latitude, longitude, category, context, age_group, month, count) "  # noqa: S608 - table names from the models, values bound
            f"SELECT resolution, cell, MIN(latitude), MIN(longitude), category, context, age_group, {month}, SUM(count) "
            f"FROM {daily} WHERE resolution IN ({placeholders}) AND count > 0 "
            f"GROUP BY resolution, cell, category, context, age_group, {month}",
            list(MAP_RESOLUTIONS),
        )
        cursor.execute(
            f"INSERT INTO {totals} (resolution, cell, month, category, count) "  # noqa: S608 - table names from the models
            f"SELECT resolution, cell, month, category, SUM(count) FROM {monthly} GROUP BY resolution, cell, month, category"
        )

    def ancestor(cell, resolution):
        return cell if resolution >= h3.get_resolution(cell) else h3.cell_to_parent(cell, resolution)

    rows = []
    routes = PupilReport.objects.filter(context=ROUTE).order_by("pk")
    for report in routes.only("id", "cell", "route_cells", "categories", "submitted_on").iterator(chunk_size=2000):
        places = list(report.route_cells) if report.route_cells else [report.cell] if report.cell else []
        worries = " ".join(sorted(set(report.categories)))
        for resolution in MAP_RESOLUTIONS:
            for cell in dict.fromkeys(ancestor(place, resolution) for place in places):
                rows.append(
                    ReportRouteCell(
                        report_id=report.pk,
                        resolution=resolution,
                        cell=cell,
                        day=report.submitted_on,
                        categories=worries,
                    )
                )
        if len(rows) >= 5000:
            ReportRouteCell.objects.bulk_create(rows, batch_size=1000)
            rows = []
    ReportRouteCell.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MonthlyHotspotRollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("resolution", models.PositiveSmallIntegerField()),
                ("cell", models.CharField(max_length=16)),
                ("latitude", models.FloatField()),
                ("longitude", models.FloatField()),
                ("category", models.CharField(blank=True, max_length=40)),
                (
                    "context",
                    models.CharField(
                        choices=[
                            ("school", "At school or in the school grounds"),
                            ("neighbourhood", "Where I live or hang out (my neighbourhood)"),
                            ("route", "On my way to or from school"),
                            ("home", "At home"),
                            ("online", "Online"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "age_group",
                    models.CharField(
                        choices=[
                            ("primary", "Primary school (up to Year 6)"),
                            ("secondary", "Secondary school (Year 7 and above)"),
                        ],
                        max_length=20,
                    ),
                ),
                ("month", models.DateField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="MonthlyHotspotTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("resolution", models.PositiveSmallIntegerField()),
                ("cell", models.CharField(max_length=16)),
                ("category", models.CharField(blank=True, max_length=40)),
                ("month", models.DateField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="ReportRouteCell",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("resolution", models.PositiveSmallIntegerField()),
                ("cell", models.CharField(max_length=16)),
                ("day", models.DateField()),
                ("categories", models.CharField(blank=True, max_length=500)),
            ],
        ),
        migrations.RemoveIndex(
            model_name="hotspotrollup",
            name="rollup_map",
        ),
        migrations.RemoveIndex(
            model_name="hotspotrollup",
            name="rollup_cell",
        ),
        migrations.AddIndex(
            model_name="hotspotrollup",
            index=models.Index(
                fields=["school", "resolution", "cell", "day"],
                include=("category", "context", "age_group", "count"),
                name="rollup_school",
            ),
        ),
        migrations.AlterField(
            model_name="hotspotrollup",
            name="school",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="reporting.school"
            ),
        ),
        migrations.AddIndex(
            model_name="monthlyhotspotrollup",
            index=models.Index(
                fields=["resolution", "cell", "context", "age_group", "month"],
                include=("category", "count"),
                name="monthly_rollup_cell",
            ),
        ),
        migrations.AddConstraint(
            model_name="monthlyhotspotrollup",
            constraint=models.UniqueConstraint(
                fields=("resolution", "cell", "month", "category", "context", "age_group"),
                name="unique_monthly_hotspot_rollup",
            ),
        ),
        migrations.AddIndex(
            model_name="monthlyhotspottotal",
            index=models.Index(
                fields=["resolution", "cell", "month"], include=("category", "count"), name="monthly_total_cell"
            ),
        ),
        migrations.AddConstraint(
            model_name="monthlyhotspottotal",
            constraint=models.UniqueConstraint(
                fields=("resolution", "cell", "month", "category"), name="unique_monthly_total"
            ),
        ),
        migrations.AddField(
            model_name="reportroutecell",
            name="report",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="reporting.pupilreport",
            ),
        ),
        migrations.AddIndex(
            model_name="reportroutecell",
            index=models.Index(
                fields=["resolution", "cell", "day"], include=("report", "categories"), name="route_cell_area"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportroutecell",
            constraint=models.UniqueConstraint(
                fields=("report", "resolution", "cell"), name="unique_report_route_cell"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
