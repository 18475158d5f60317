"""``manage.py index_pupil_reports``: fill the Elasticsearch map index from the reports."""

from __future__ import annotations

from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import BulkIndexError

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.reporting import search_index


class Command(BaseCommand):
    help = (
        "Put every pupil report in the Elasticsearch map index, creating the index if it is missing. "
        "Run it after setting ELASTICSEARCH_URL, after a change to the index mapping (with --recreate), "
        "or when the index has missed reports while Elasticsearch was down."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--recreate", action="store_true", help="Delete the index first and create it with the current mapping."
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Reports sent per bulk request (500).")

    def handle(self, *args, recreate: bool = False, batch_size: int = 500, **options) -> None:
        if not settings.ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set, so there is no map index to fill.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        try:
            count = search_index.reindex_all(recreate=recreate, chunk_size=batch_size)
        except BulkIndexError as error:
            raise CommandError(f"Elasticsearch refused {len(error.errors)} reports: {error}") from error
        except (ApiError, TransportError) as error:
            raise CommandError(f"Could not fill the map index: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} reports in {search_index.index_name()}."))
