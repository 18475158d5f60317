"""Extract the text of every PDF document whose file has changed since its text was last read
(or all of them with --all). Uploads do this by themselves; this is for documents that existed
before the feature, or after a change to the extraction."""

from django.core.management.base import BaseCommand

from portal.home.models import PortalDocument


class Command(BaseCommand):
    help = "Extract searchable text from PDF documents."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Extract again even where the file has not changed.")

    def handle(self, *args, **options):
        done = 0
        for document in PortalDocument.objects.iterator():
            if options["all"]:
                document.extracted_from_hash = ""
            if document.refresh_extracted_text():
                document.save(update_fields=["extracted_text", "extracted_from_hash", "file_hash"])
                done += 1
        self.stdout.write(f"Extracted text from {done} document(s).")
