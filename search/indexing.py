"""Keeping the search entries (and Elasticsearch, when configured) in step with the content.

Signals (search/signals.py) call these when pages are published, unpublished, moved or deleted and
when documents and glossary terms change. The database entries are written in the caller's
transaction; Elasticsearch follows after commit, and if it is unreachable the failure is logged
and the database stays right (``manage.py rebuild_search_index`` catches Elasticsearch up).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import transaction
from django.db.models import F

from wagtail.models import Page

from . import entries
from .models import SearchEntry, SearchFacetValue, SearchWord

logger = logging.getLogger(__name__)

_paused: ContextVar[bool] = ContextVar("search_index_paused", default=False)


def auto_update_enabled() -> bool:
    return getattr(settings, "SEARCH_AUTO_UPDATE", True) and not _paused.get()


@contextmanager
def updates_paused():
    """Skip automatic index updates (bulk loads rebuild the index once at the end)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


# --- Writing entries -----------------------------------------------------------------------------------


def save_entry(data: entries.EntryData) -> SearchEntry:
    """Create or update one entry, its facets and the vocabulary, in one transaction."""
    with transaction.atomic():
        entry = SearchEntry.objects.select_for_update().filter(source=data.source, source_id=data.source_id).first()
        fields = data.model_fields()
        old_words = set(entry.words) if entry else set()
        if entry is None:
            entry = SearchEntry.objects.create(source=data.source, source_id=data.source_id, **fields)
        else:
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.save()
            entry.facet_values.all().delete()
        SearchFacetValue.objects.bulk_create(
            [SearchFacetValue(entry=entry, facet=f, value=v, label=label) for f, v, label in data.all_facets()]
        )
        _adjust_vocabulary(added=set(entry.words) - old_words, removed=old_words - set(entry.words))
    _after_commit_sync(index_ids=[entry.pk])
    return entry


def delete_entries(source: str, source_ids: Iterable[int]) -> int:
    source_ids = list(source_ids)
    if not source_ids:
        return 0
    with transaction.atomic():
        doomed = list(SearchEntry.objects.filter(source=source, source_id__in=source_ids).values_list("pk", "words"))
        if not doomed:
            return 0
        removed = Counter(word for _pk, words in doomed for word in set(words))
        SearchEntry.objects.filter(pk__in=[pk for pk, _words in doomed]).delete()
        _adjust_vocabulary(removed=removed)
    _after_commit_sync(delete_ids=[pk for pk, _words in doomed])
    return len(doomed)


def _adjust_vocabulary(added: Iterable[str] = (), removed: Iterable[str] | Counter = ()) -> None:
    added = list(added)
    if added:
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, first=w[0], length=len(w), entries=0) for w in added], ignore_conflicts=True
        )
        SearchWord.objects.filter(word__in=added).update(entries=F("entries") + 1)
    counts = removed if isinstance(removed, Counter) else Counter(removed)
    by_amount: dict[int, list[str]] = {}
    for word, amount in counts.items():
        by_amount.setdefault(amount, []).append(word)
    for amount, words in by_amount.items():
        SearchWord.objects.filter(word__in=words).update(entries=F("entries") - amount)
    if counts:
        SearchWord.objects.filter(word__in=list(counts), entries__lte=0).delete()


def _after_commit_sync(index_ids: list[int] = (), delete_ids: list[int] = ()) -> None:
    from .backends import elasticsearch_configured

    if not elasticsearch_configured():
        return
    from .backends import elastic

    def sync() -> None:
        try:
            if index_ids:
                elastic.index_entries(SearchEntry.objects.filter(pk__in=index_ids).prefetch_related("facet_values"))
            if delete_ids:
                elastic.delete_entries(delete_ids)
        except elastic.ElasticUnavailable as error:
            logger.warning("Elasticsearch could not be updated (%s); run rebuild_search_index when it is back.", error)

    transaction.on_commit(sync)


# --- What the signals call ---------------------------------------------------------------------------


def index_page(page: Page) -> None:
    data = entries.page_entry(page)
    if data is None:
        delete_entries(SearchEntry.PAGE, [page.pk])
    else:
        save_entry(data)


def index_subtree(page: Page) -> None:
    """A page and everything below it (after a move, a slug change or a new view restriction)."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific().iterator(chunk_size=100):
        index_page(descendant)


def remove_pages(page_ids: Iterable[int]) -> None:
    delete_entries(SearchEntry.PAGE, page_ids)


def index_document(document) -> None:
    data = entries.document_entry(document)
    if data is None:
        delete_entries(SearchEntry.DOCUMENT, [document.pk])
    else:
        save_entry(data)


def index_glossary_term(term) -> None:
    data = entries.glossary_entry(term)
    if data is None:
        delete_entries(SearchEntry.GLOSSARY, [term.pk])
    else:
        save_entry(data)


# --- Rebuilding everything ---------------------------------------------------------------------------


def rebuild() -> int:
    """Rebuild every database entry and the vocabulary from the content. Returns the entry count."""
    with transaction.atomic():
        SearchFacetValue.objects.all().delete()
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        counts: Counter[str] = Counter()
        created = 0
        batch: list[entries.EntryData] = []
        for data in entries.all_entries():
            batch.append(data)
            if len(batch) >= 200:
                created += _create_batch(batch, counts)
                batch = []
        created += _create_batch(batch, counts)
        SearchWord.objects.bulk_create(
            [SearchWord(word=w, first=w[0], length=len(w), entries=n) for w, n in counts.items()], batch_size=1000
        )
    return created


def _create_batch(batch: list[entries.EntryData], counts: Counter) -> int:
    if not batch:
        return 0
    rows = [SearchEntry(source=d.source, source_id=d.source_id, **d.model_fields()) for d in batch]
    rows = SearchEntry.objects.bulk_create(rows)
    SearchFacetValue.objects.bulk_create(
        [
            SearchFacetValue(entry_id=row.pk, facet=f, value=v, label=label)
            for row, data in zip(rows, batch, strict=True)
            for f, v, label in data.all_facets()
        ]
    )
    for row in rows:
        counts.update(row.words)
    return len(rows)
