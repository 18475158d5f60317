"""Erase the daily search counts older than the retention period (about 13 months). Run it daily."""

from django.core.management.base import BaseCommand, CommandError

from search.analytics import RETENTION_DAYS, erase_older_than


class Command(BaseCommand):
    help = "Erase the daily counts of what readers searched for, older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=RETENTION_DAYS,
            help=f"Keep the counts of this many days (default {RETENTION_DAYS}, about 13 months).",
        )

    def handle(self, *args, **options) -> None:
        days = options["days"]
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        erased = erase_older_than(days)
        self.stdout.write(f"Erased {erased} daily search count(s) older than {days} days.")
