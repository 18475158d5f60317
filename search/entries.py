"""What each searchable thing looks like to the search: pages, documents and glossary terms
flattened into ``EntryData`` (title, summary, keywords, body, facets, address).

Only what any visitor may read becomes an entry: live pages without view restrictions, documents
outside restricted collections, and glossary terms that have a live glossary page to link to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import strip_tags
from django.utils.text import slugify

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from portal.home.models import Audience, GuidancePage, HomePage, PortalDocument
from portal.toolkit.models import (
    EngagementDirectoryPage,
    EngagementEntry,
    GlossaryPage,
    GlossaryTerm,
    PracticeBriefingPage,
    SupportService,
    SupportServiceIndexPage,
    ToolkitResourcePage,
    YouthHubIndexPage,
    YouthHubPage,
)

from .models import SearchEntry
from .query import tokenize

SECTION_DOCUMENTS = "documents"

# Each page class's content type; anything else searchable is "page".
PAGE_CONTENT_TYPES: dict[type, str] = {
    GuidancePage: "guidance",
    ToolkitResourcePage: "toolkit",
    PracticeBriefingPage: "briefing",
    YouthHubPage: "youth-hub",
    YouthHubIndexPage: "youth-hub",
}
# Fields that hold a page's short description, first one found wins.
SUMMARY_FIELDS = ("summary", "introduction")
# Pages never listed as results: the home page is where every reader starts anyway.
EXCLUDED_PAGE_TYPES: tuple[type, ...] = (HomePage,)

MAX_BODY_CHARS = 200_000
_VOCABULARY_WORD = re.compile(r"^[^\W\d_]{3,40}$", re.UNICODE)


@dataclass
class EntryData:
    source: str
    source_id: int
    content_type: str
    locale_id: int | None
    language: str
    title: str
    url: str
    summary: str = ""
    keywords: str = ""
    body: str = ""
    section: str = ""
    section_label: str = ""
    updated_at: datetime | None = None
    facets: list[tuple[str, str, str]] = field(default_factory=list)  # (facet, value, label)

    def model_fields(self) -> dict:
        return {
            "content_type": self.content_type,
            "locale_id": self.locale_id,
            "language": self.language,
            "title": self.title[:255],
            "url": self.url[:500],
            "summary": self.summary,
            "keywords": self.keywords,
            "body": self.body[:MAX_BODY_CHARS],
            "section": self.section[:100],
            "section_label": self.section_label[:255],
            "updated_at": self.updated_at,
            "words": vocabulary(self.title, self.keywords, self.summary, self.body),
        }

    def all_facets(self) -> list[tuple[str, str, str]]:
        facets = [("content_type", self.content_type, self.content_type)]
        if self.section:
            facets.append(("section", self.section, self.section_label))
        seen: set[tuple[str, str]] = set()
        unique = []
        for facet, value, label in [*facets, *self.facets]:
            if (facet, value) not in seen:
                seen.add((facet, value))
                unique.append((facet, value[:100], label[:255]))
        return unique


def vocabulary(*texts: str) -> list[str]:
    """The distinct plain words of an entry (3 to 40 letters), for "did you mean"."""
    words = {word for text in texts for word in tokenize(text[:MAX_BODY_CHARS]) if _VOCABULARY_WORD.match(word)}
    return sorted(words)


def _text(value) -> str:
    return " ".join(strip_tags(str(value)).split()) if value else ""


def field_text(obj, name: str) -> str:
    """A field's readable text: StreamFields block by block, rich text through Wagtail's own
    searchable content."""
    value = getattr(obj, name, None)
    if value is None:
        return ""
    try:
        model_field = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return _text(value() if callable(value) else value)
    if isinstance(model_field, StreamField):
        return " ".join(_text(part) for part in block_text(model_field.stream_block, value))
    if hasattr(model_field, "get_searchable_content"):
        return " ".join(_text(part) for part in model_field.get_searchable_content(value))
    return _text(value)


# Blocks whose "content" is an editor's setting, not words a reader sees as text (a heading's
# level, a yes/no switch): their labels ("Subheading") would otherwise match every page.
_SETTING_BLOCKS = (blocks.ChoiceBlock, blocks.MultipleChoiceBlock, blocks.BooleanBlock)


def block_text(block, value) -> list[str]:
    """The searchable text of a block's value, leaving out settings (see _SETTING_BLOCKS)."""
    if value is None or isinstance(block, _SETTING_BLOCKS):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    if isinstance(block, blocks.StructBlock) and _inherits_searchable_content(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in block_text(child, value.get(name))]
    return [str(text) for text in block.get_searchable_content(value)]


def _inherits_searchable_content(block, base: type) -> bool:
    return type(block).get_searchable_content is base.get_searchable_content


# --- Pages ----------------------------------------------------------------------------------------


def is_public(page: Page) -> bool:
    return page.live and not PageViewRestriction.objects.filter(page__in=page.get_ancestors(inclusive=True)).exists()


def section_of(page: Page) -> Page | None:
    """The top-level section a page belongs to: its ancestor just below the home page."""
    if page.depth < 3:
        return None
    if page.depth == 3:
        return page
    return Page.objects.ancestor_of(page).filter(depth=3).first()


def page_entry(page: Page) -> EntryData | None:
    page = page.specific
    if isinstance(page, EXCLUDED_PAGE_TYPES) or page.depth < 3 or not is_public(page):
        return None
    url = page.get_url()
    if not url:  # not under any site's root
        return None
    summary = next((field_text(page, name) for name in SUMMARY_FIELDS if field_text(page, name)), "")
    summary = summary or page.search_description
    body_fields = [
        f.field_name
        for f in getattr(page, "search_fields", [])
        if isinstance(f, index.SearchField) and f.field_name not in {"title", *SUMMARY_FIELDS}
    ]
    body = " ".join(filter(None, (field_text(page, name) for name in body_fields)))
    section = section_of(page)
    data = EntryData(
        source=SearchEntry.PAGE,
        source_id=page.pk,
        content_type=PAGE_CONTENT_TYPES.get(type(page), "page"),
        locale_id=page.locale_id,
        language=page.locale.language_code,
        title=page.title,
        url=url,
        summary=summary,
        body=body,
        section=section.slug if section else "",
        section_label=section.title if section else "",
        updated_at=page.last_published_at,
    )
    # The address often names the page in other words ("location-request" for "Ask for a location
    # risk assessment"), and the SEO title may too.
    keywords = [page.slug.replace("-", " ")]
    if page.seo_title:
        keywords.append(page.seo_title)
    for topic in _many(page, "topics"):
        keywords.append(topic.name)
        data.facets.append(("topic", topic.slug, topic.name))
    for audience in _audiences_of_page(page):
        data.facets.append(("audience", audience, audience))
    if isinstance(page, GuidancePage):
        keywords.extend(ref.title for ref in page.external_references.all())
    names, descriptions = _listed_snippets(page)
    keywords.extend(names)
    data.body = " ".join(filter(None, [data.body, *descriptions]))
    data.keywords = " ".join(keywords)
    return data


def _listed_snippets(page: Page) -> tuple[list[str], list[str]]:
    """Names (keywords) and descriptions (body) of the snippets a listing page shows, so that a
    search for "Childline" finds the page that lists it."""
    if isinstance(page, SupportServiceIndexPage):
        services = SupportService.objects.order_by("name")
        return [s.name for s in services], [s.helps_with for s in services]
    if isinstance(page, EngagementDirectoryPage):
        entries = EngagementEntry.objects.order_by("agency")
        return [e.agency for e in entries], [
            " ".join(filter(None, (e.summary, e.how_to_get_involved))) for e in entries
        ]
    return [], []


# Snippets listed in full on a page type: saving one re-indexes those pages.
LISTING_PAGES = {SupportService: SupportServiceIndexPage, EngagementEntry: EngagementDirectoryPage}


def _many(obj, name: str) -> Iterable:
    manager = getattr(obj, name, None)
    return manager.all() if manager is not None and hasattr(manager, "all") else []


def _audiences_of_page(page: Page) -> list[str]:
    audiences = [a.slug for a in _many(page, "audiences")]
    if audiences:
        return audiences
    if isinstance(page, (ToolkitResourcePage, PracticeBriefingPage)):
        return [Audience.PRACTITIONERS]
    if isinstance(page, (YouthHubPage, YouthHubIndexPage)) or YouthHubIndexPage.objects.ancestor_of(page).exists():
        return [Audience.CHILDREN_AND_YOUNG_PEOPLE]
    return []


# --- Documents --------------------------------------------------------------------------------------


def document_is_public(document: PortalDocument) -> bool:
    return not document.collection.get_view_restrictions().exists()


def document_entry(document: PortalDocument) -> EntryData | None:
    if not document.file or not document_is_public(document):
        return None
    leaflet = document.kind == PortalDocument.LEAFLET
    section, section_label = _documents_section(leaflet)
    data = EntryData(
        source=SearchEntry.DOCUMENT,
        source_id=document.pk,
        content_type="leaflet" if leaflet else "document",
        locale_id=None,
        language=document.language,
        title=document.title,
        url=document.url,
        summary=document.summary,
        keywords=" ".join(tag.name for tag in document.tags.all()),
        body=document.extracted_text,
        section=section,
        section_label=section_label,
        updated_at=document.created_at,
    )
    data.facets.extend(("audience", a.slug, a.slug) for a in document.audiences.all())
    return data


def _documents_section(leaflet: bool) -> tuple[str, str]:
    from portal.home.models import LeafletIndexPage

    if leaflet:
        page = LeafletIndexPage.objects.live().public().filter(locale__language_code="en-gb").first()
        page = page or LeafletIndexPage.objects.live().public().first()
        if page is not None:
            section = section_of(page) or page
            return section.slug, section.title
    return SECTION_DOCUMENTS, "Documents"


# --- Glossary terms ---------------------------------------------------------------------------------


def glossary_page_for(term: GlossaryTerm) -> GlossaryPage | None:
    """The practitioners' A to Z in the term's language, or the Youth Hub's when there is no other."""
    pages = GlossaryPage.objects.live().public().filter(locale_id=term.locale_id).order_by("path")
    hubs = YouthHubIndexPage.objects.filter(locale_id=term.locale_id)
    outside = [p for p in pages if not any(p.path.startswith(hub.path) for hub in hubs)]
    return outside[0] if outside else pages.first()


def glossary_entry(term: GlossaryTerm, page: GlossaryPage | None = None) -> EntryData | None:
    page = page or glossary_page_for(term)
    if page is None or not page.get_url():
        return None
    section = section_of(page) or page
    data = EntryData(
        source=SearchEntry.GLOSSARY,
        source_id=term.pk,
        content_type="glossary",
        locale_id=term.locale_id,
        language=term.locale.language_code,
        title=term.term,
        url=f"{page.get_url()}#{term.slug or slugify(term.term)}",
        summary=term.plain_definition,
        keywords=", ".join(term.aliases),
        body=field_text(term, "practitioner_definition"),
        section=section.slug,
        section_label=section.title,
    )
    # Every term has a plain definition for young people and one for practitioners.
    data.facets.extend(
        ("audience", slug, slug) for slug in (Audience.PRACTITIONERS, Audience.CHILDREN_AND_YOUNG_PEOPLE)
    )
    return data


# --- Everything -------------------------------------------------------------------------------------


def all_entries() -> Iterator[EntryData]:
    """Every entry the site should have, for a full rebuild."""
    pages = Page.objects.live().public().filter(depth__gte=3).specific().select_related("locale")
    for page in pages.iterator(chunk_size=200):
        data = page_entry(page)
        if data is not None:
            yield data
    documents = PortalDocument.objects.select_related("collection").prefetch_related("audiences", "tags")
    for document in documents.iterator(chunk_size=200):
        data = document_entry(document)
        if data is not None:
            yield data
    pages_by_locale: dict[int, GlossaryPage | None] = {}
    for term in GlossaryTerm.objects.select_related("locale").order_by("pk"):
        if term.locale_id not in pages_by_locale:
            pages_by_locale[term.locale_id] = glossary_page_for(term)
        data = glossary_entry(term, pages_by_locale[term.locale_id])
        if data is not None:
            yield data
