"""Signal handlers that keep the search in step with the content (see search/indexing.py)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portal.home.models import PortalDocument, Topic
from portal.toolkit.models import GlossaryPage, GlossaryTerm

from . import indexing
from .models import Synonym
from .query import forget_synonyms

logger = logging.getLogger(__name__)


def _guarded(handler):
    """Run a handler only while automatic updates are on."""

    def run(*args, **kwargs):
        if indexing.auto_update_enabled():
            handler(*args, **kwargs)

    run.__name__ = handler.__name__
    return run


@_guarded
def on_page_published(sender, instance, **kwargs):
    # A section's title is every page's section label below it; a glossary page is its terms' link.
    if instance.depth <= 3:
        indexing.index_subtree(instance)
    else:
        indexing.index_page(instance)
    if isinstance(instance.specific, GlossaryPage):
        _reindex_glossary(instance.locale_id)


@_guarded
def on_page_unpublished(sender, instance, **kwargs):
    indexing.remove_pages([instance.pk])
    if isinstance(instance.specific, GlossaryPage):
        _reindex_glossary(instance.locale_id)


@_guarded
def on_subtree_changed(sender, instance, **kwargs):
    indexing.index_subtree(instance)


@_guarded
def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.remove_pages([instance.pk])


@_guarded
def on_view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        indexing.index_subtree(page)


@_guarded
def on_collection_restriction_changed(sender, instance, **kwargs):
    collection = instance.collection
    for document in PortalDocument.objects.filter(collection__path__startswith=collection.path):
        indexing.index_document(document)


@_guarded
def on_document_saved(sender, instance, **kwargs):
    indexing.index_document(instance)


@_guarded
def on_document_audiences_changed(sender, instance, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and isinstance(instance, PortalDocument):
        indexing.index_document(instance)


@_guarded
def on_document_deleted(sender, instance, **kwargs):
    indexing.delete_entries("document", [instance.pk])


@_guarded
def on_glossary_term_saved(sender, instance, **kwargs):
    indexing.index_glossary_term(instance)


@_guarded
def on_glossary_term_deleted(sender, instance, **kwargs):
    indexing.delete_entries("glossary", [instance.pk])


@_guarded
def on_topic_saved(sender, instance, created, **kwargs):
    if created:
        return
    for relation in ("guidance_pages", "briefings"):
        for page in getattr(instance, relation).live():
            indexing.index_page(page)


@_guarded
def on_listed_snippet_changed(sender, instance, **kwargs):
    from .entries import LISTING_PAGES

    for page in LISTING_PAGES[sender].objects.live():
        indexing.index_page(page)


def on_synonyms_changed(sender, instance, **kwargs):
    forget_synonyms()
    transaction.on_commit(_push_synonyms_to_elasticsearch)


def _push_synonyms_to_elasticsearch() -> None:
    from .backends import elasticsearch_configured

    if not elasticsearch_configured():
        return
    from .backends import elastic

    try:
        elastic.update_synonyms()
    except elastic.ElasticUnavailable as error:
        logger.warning("Elasticsearch synonyms not updated (%s); rebuild_search_index will apply them.", error)


def _reindex_glossary(locale_id: int) -> None:
    for term in GlossaryTerm.objects.filter(locale_id=locale_id):
        indexing.index_glossary_term(term)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_subtree_changed, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_subtree_changed, dispatch_uid="search_page_slug_changed")
    post_delete.connect(on_page_deleted, dispatch_uid="search_page_deleted")
    for signal in (post_save, post_delete):
        signal.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid=f"search_pvr_{signal}")
        signal.connect(
            on_collection_restriction_changed, sender=CollectionViewRestriction, dispatch_uid=f"search_cvr_{signal}"
        )
        signal.connect(on_synonyms_changed, sender=Synonym, dispatch_uid=f"search_synonyms_{signal}")
    post_save.connect(on_document_saved, sender=PortalDocument, dispatch_uid="search_document_saved")
    post_delete.connect(on_document_deleted, sender=PortalDocument, dispatch_uid="search_document_deleted")
    m2m_changed.connect(
        on_document_audiences_changed, sender=PortalDocument.audiences.through, dispatch_uid="search_document_m2m"
    )
    post_save.connect(on_glossary_term_saved, sender=GlossaryTerm, dispatch_uid="search_glossary_saved")
    post_delete.connect(on_glossary_term_deleted, sender=GlossaryTerm, dispatch_uid="search_glossary_deleted")
    post_save.connect(on_topic_saved, sender=Topic, dispatch_uid="search_topic_saved")
    from .entries import LISTING_PAGES

    for snippet in LISTING_PAGES:
        for signal in (post_save, post_delete):
            signal.connect(
                on_listed_snippet_changed, sender=snippet, dispatch_uid=f"search_listed_{snippet.__name__}_{signal}"
            )
