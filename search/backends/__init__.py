"""Which backend answers a search: Elasticsearch when configured and reachable, else the database.

If Elasticsearch fails (down, timing out, index missing) the database answers the same request,
the failure is logged, and the page says nothing alarming to the reader.
"""

from __future__ import annotations

import logging

from ..query import SearchRequest, SearchResponse, parse
from . import database, elastic

logger = logging.getLogger("search")


def run_search(request: SearchRequest) -> SearchResponse:
    parsed = parse(request.query, request.language)
    if elastic.is_configured():
        try:
            return elastic.search(request, parsed)
        except elastic.ElasticUnavailable as error:
            logger.warning("Elasticsearch is unavailable, searching the database instead: %s", error)
    return database.search(request, parsed)
