"""Plain data types for the demo's Voice of the Child toolkit, Youth Hub, glossary and directories.

Like ``specs``, nothing here touches the database: pages refer to each other by slug path below
the home page and to documents by key; glossary terms refer to each other by slug. The builder in
``toolkit_build`` writes them out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .specs import Block, Change, DocumentSpec, MonthDay, Review

# --- Pages --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResourceSpec:
    """A toolkit resource. ``stages``, ``uses`` and ``age_ranges`` are slugs of the fixed lists."""

    slug: str
    title: str
    summary: str
    resource_format: str
    stages: tuple[str, ...]
    uses: tuple[str, ...]
    age_ranges: tuple[str, ...]
    body: list[Block]
    team: str
    review: Review
    history: tuple[Change, ...]
    downloads: tuple[str, ...] = ()
    search_description: str = ""


@dataclass(frozen=True)
class BriefingSpec:
    slug: str
    title: str
    date: MonthDay
    summary: str
    topics: tuple[str, ...]
    body: list[Block]
    document: str = ""


@dataclass(frozen=True)
class YouthHubPageSpec:
    slug: str
    title: str
    introduction: str
    body: list[Block]
    team: str
    review: Review
    history: tuple[Change, ...]


@dataclass(frozen=True)
class ListingPageSpec:
    """A page that only needs a title and an introduction (briefings, glossary, services, directory)."""

    slug: str
    title: str
    introduction: str
    search_description: str = ""


@dataclass(frozen=True)
class SectionIndexSpec:
    """The top of a section below the home page (the toolkit or the Youth Hub)."""

    slug: str
    title: str
    introduction: str
    body: list[Block]
    show_in_menus: bool = True
    search_description: str = ""


# --- Snippets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryTermSpec:
    """A glossary term; ``related`` lists other terms' slugs, ``see_also`` demo page paths."""

    slug: str
    term: str
    plain: str
    practitioner: str
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    link_in_pages: bool = True


@dataclass(frozen=True)
class ServiceSpec:
    """A support service for young people; ``topics`` are help topic slugs."""

    name: str
    helps_with: str
    topics: tuple[str, ...]
    reach: str
    phone: str = ""
    text: str = ""
    website: str = ""
    opening_hours: str = ""
    min_age: int | None = None
    max_age: int | None = None


@dataclass(frozen=True)
class EngagementSpec:
    agency: str
    sector: str
    summary: str
    methods: str
    how_to_get_involved: str = ""
    contact_email: str = ""
    contact_phone: str = ""


# --- Everything ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToolkitSpec:
    """The toolkit section, the Youth Hub section and the snippets they show.

    The Youth Hub's sections appear in this order: the first of ``youth_pages``, the services page,
    the other Youth Hub pages, then the glossary.
    """

    documents: tuple[DocumentSpec, ...]
    toolkit: SectionIndexSpec
    resources: tuple[ResourceSpec, ...]
    briefings_index: ListingPageSpec
    briefings: tuple[BriefingSpec, ...]
    directory: ListingPageSpec
    engagement: tuple[EngagementSpec, ...]
    youth_hub: SectionIndexSpec
    youth_pages: tuple[YouthHubPageSpec, ...]
    glossary_page: ListingPageSpec
    services_page: ListingPageSpec
    glossary: tuple[GlossaryTermSpec, ...]
    services: tuple[ServiceSpec, ...]


def at(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)
