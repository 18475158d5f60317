"""What readers search for, kept so that editors can see what people look for and what they do not find.

Privacy first: a practitioner may type a child's name, a phone number or an address into the search
box. So nothing about who searched is kept (no user, session, address or time of day), only how
many times a query was searched on a day and how many of those searches found nothing. Before a
query is counted, email addresses, postcodes, phone numbers and any other run of four or more
digits are replaced by placeholders, and the counts are erased after about 13 months
(``manage.py erase_old_search_stats``, run daily).
"""

from __future__ import annotations

import datetime
import logging
import re

from django.db import DatabaseError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import SearchQueryDay
from .query import normalise

logger = logging.getLogger(__name__)

MAX_LENGTH = 100
RETENTION_DAYS = 395  # about 13 months: a year's figures can still be compared with the year before

EMAIL = "[email]"
POSTCODE = "[postcode]"
NUMBER = "[number]"

_EMAIL = re.compile(r"\S+@\S+")
# A full UK postcode, with or without the space: "rm8 2ab", "rm82ab", "ec1a 1bb". The district on
# its own ("rm8") names an area, not a home, and is kept.
_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b")
# Phone-like numbers and dates: six or more digits with spaces, dashes, dots, slashes or brackets
# between them ("01708 433 222", "+44 (0)7700-900123", "12/03/2019").
_PHONE = re.compile(r"\+?\(?\d(?:[ ()./-]{0,3}\d){5,}\)?")
_DIGITS = re.compile(r"\d{4,}")


def mask(query: str) -> str:
    """The query as it may be kept: lower case, spaces collapsed, personal details replaced."""
    text = normalise(query)
    text = _EMAIL.sub(EMAIL, text)
    text = _POSTCODE.sub(POSTCODE, text)
    text = _PHONE.sub(NUMBER, text)
    text = _DIGITS.sub(NUMBER, text)
    # Masking first, then cutting, so no part of a number or address survives the cut.
    return " ".join(text.split())[:MAX_LENGTH].strip()


def record_search(query: str, found: int, today: datetime.date | None = None) -> None:
    """Count one search for ``query`` today, and one search that found nothing if ``found`` is 0.

    Never raises for a database problem: the reader's search must still be answered.
    """
    masked = mask(query)
    if not masked:
        return
    today = today or timezone.localdate()
    try:
        with transaction.atomic():
            # get_or_create copes with two workers creating the same row at once; the update adds
            # in the database, so simultaneous searches are all counted.
            row, _created = SearchQueryDay.objects.get_or_create(date=today, query=masked)
            SearchQueryDay.objects.filter(pk=row.pk).update(
                searches=F("searches") + 1,
                no_results=F("no_results") + (1 if found == 0 else 0),
            )
    except DatabaseError as error:
        # The exception's text could quote the query; the log gets only its kind.
        logger.warning("Could not count a search: %s", type(error).__name__)


QueryCount = tuple[str, int, int]  # (query, searches, searches that found nothing)


def _counts(since: datetime.date):
    return (
        SearchQueryDay.objects.filter(date__gte=since)
        .values("query")
        .annotate(total=Sum("searches"), empty=Sum("no_results"))
    )


def top_queries(since: datetime.date, limit: int = 50) -> list[QueryCount]:
    """The most searched queries from ``since`` (inclusive) on, most first."""
    rows = _counts(since).order_by("-total", "query")[:limit]
    return [(row["query"], row["total"], row["empty"]) for row in rows]


def no_result_queries(since: datetime.date, limit: int = 50) -> list[QueryCount]:
    """The queries that found nothing most often from ``since`` (inclusive) on, most first."""
    rows = _counts(since).filter(empty__gt=0).order_by("-empty", "query")[:limit]
    return [(row["query"], row["total"], row["empty"]) for row in rows]


def erase_older_than(days: int = RETENTION_DAYS, today: datetime.date | None = None) -> int:
    """Delete the counts of days more than ``days`` days ago; returns how many rows went."""
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=days)
    deleted, _by_model = SearchQueryDay.objects.filter(date__lt=cutoff).delete()
    return deleted
