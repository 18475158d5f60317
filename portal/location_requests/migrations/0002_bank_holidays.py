from django.db import migrations


def add_bank_holidays(apps, schema_editor):
    from portal.location_requests.working_days import ENGLAND_AND_WALES

    BankHoliday = apps.get_model("location_requests", "BankHoliday")
    existing = set(BankHoliday.objects.values_list("date", flat=True))
    BankHoliday.objects.bulk_create(
        [BankHoliday(date=day, name=name) for day, name in ENGLAND_AND_WALES.items() if day not in existing]
    )


class Migration(migrations.Migration):
    dependencies = [("location_requests", "0001_initial")]

    operations = [migrations.RunPython(add_bank_holidays, migrations.RunPython.noop)]
