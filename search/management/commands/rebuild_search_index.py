"""``manage.py rebuild_search_index``: rebuild the site search from the content.

Rebuilds the database's search entries and "did you mean" vocabulary, then, when
ELASTICSEARCH_URL is set, recreates the Elasticsearch index from them (with the current synonyms).
Publishing, unpublishing, moving and deleting keep both up to date; run this after a bulk load, a
restore, or when Elasticsearch was unreachable for a while.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from search import indexing
from search.backends import elastic
from search.models import SearchEntry


class Command(BaseCommand):
    help = "Rebuild the site search (database entries, vocabulary and, if configured, Elasticsearch)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = indexing.rebuild()
        self.stdout.write(f"Search entries rebuilt in the database: {count}")
        if not elastic.is_configured():
            return
        try:
            elastic.rebuild(SearchEntry.objects.select_related("locale").prefetch_related("facet_values"))
        except elastic.ElasticUnavailable as error:
            raise CommandError(
                f"The database search is up to date, but Elasticsearch could not be rebuilt: {error}"
            ) from error
        self.stdout.write(f"Elasticsearch index rebuilt: {count} entries")
