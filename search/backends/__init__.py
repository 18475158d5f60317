"""Which backend answers a search: Elasticsearch when configured and reachable, else the database.

If Elasticsearch fails (down, timing out, index missing) the database answers the same request,
the failure is logged, and the page says nothing alarming to the reader.
"""

from __future__ import annotations

import logging

from django.conf import settings

from ..query import SearchRequest, SearchResponse, parse
from . import database

logger = logging.getLogger("search")


def elasticsearch_configured() -> bool:
    """Whether ``ELASTICSEARCH_URL`` is set. The Elasticsearch client is a large import (over
    100 modules), so ``backends.elastic`` is imported only when it is: a web worker without it
    stays smaller."""
    return bool(settings.ELASTICSEARCH_URL)


def run_search(request: SearchRequest) -> SearchResponse:
    parsed = parse(request.query, request.language)
    if elasticsearch_configured():
        from . import elastic

        try:
            return elastic.search(request, parsed)
        except elastic.ElasticUnavailable as error:
            logger.warning("Elasticsearch is unavailable, searching the database instead: %s", error)
    return database.search(request, parsed)
