from django.core.management.base import BaseCommand

from portal.reporting.retention import cutoff, erase_old_words


class Command(BaseCommand):
    help = "Erase pupils' free text and trusted-adult names from reports older than the retention period."

    def handle(self, *args, **options) -> None:
        changed = erase_old_words()
        self.stdout.write(f"Erased the words of {changed} report(s) sent before {cutoff():%d %B %Y}.")
