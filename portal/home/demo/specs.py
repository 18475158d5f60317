"""Plain data types for the demo content, and helpers that build StreamField blocks as raw data.

Nothing here touches the database. Pages and documents refer to each other by stable keys
(``PageRef`` with a slug path below the home page, ``DocRef`` with a document key); the builder
swaps them for primary keys once everything exists. In rich text, write ``href="page:<path>"``
or ``href="doc:<key>"`` for internal links.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .toolkit_specs import ToolkitSpec

Block = dict[str, Any]


@dataclass(frozen=True)
class PageRef:
    """A demo page, by its slug path below the home page ("" is the home page itself)."""

    path: str


@dataclass(frozen=True)
class DocRef:
    """A demo document, by its key (which is also the stem of its file name)."""

    key: str


# --- Dates ------------------------------------------------------------------------------------


def shift_months(day: datetime.date, months: int) -> datetime.date:
    """The same day of the month ``months`` later (or earlier); the day must exist in every month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, day.day)


@dataclass(frozen=True)
class MonthDay:
    """A date relative to the first day of the current month: ``months`` away, on day ``day``.

    Review dates are anchored to the month rather than the day, so running the command again
    later in the same month gives exactly the same pages (and no new revisions).
    """

    months: int
    day: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 28:
            raise ValueError("day must be between 1 and 28 so that it exists in every month")

    def resolve(self, today: datetime.date) -> datetime.date:
        return shift_months(today.replace(day=1), self.months).replace(day=self.day)


@dataclass(frozen=True)
class Review:
    """When a page was last reviewed and is next due; a negative ``next_due.months`` is overdue."""

    last_reviewed: MonthDay
    next_due: MonthDay

    def __post_init__(self) -> None:
        if self.last_reviewed.months >= 0:
            raise ValueError("last_reviewed must be in an earlier month")
        if self.next_due.months == 0:
            raise ValueError("next_due must be in another month, so it is clearly past or future")


@dataclass(frozen=True)
class Change:
    """One publication in a page's public history: ``days_ago`` days before today, at ``at``.

    The first change is the page's first publication; its note may be empty. Every later change
    needs its own note, as an editor's change note would (an empty or repeated note records nothing).
    """

    days_ago: int
    note: str = ""
    at: datetime.time = datetime.time(10, 0)

    def __post_init__(self) -> None:
        if self.days_ago < 1:
            raise ValueError("a change must be at least a day old, so that it is always in the past")


# --- Taxonomy, teams and documents ------------------------------------------------------------


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class TeamSpec:
    name: str
    organisation: str
    email: str
    phone: str


@dataclass(frozen=True)
class Section:
    """A part of a leaflet: a heading, paragraphs, then an optional bulleted list."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentSpec:
    """A PDF the command generates. ``key`` is stable: it names the file and finds the document."""

    key: str
    title: str
    kind: str
    summary: str
    audiences: tuple[str, ...]
    review_due: MonthDay
    heading: str
    subheading: str
    sections: tuple[Section, ...]
    help_box: tuple[str, ...]
    language: str = "en-gb"

    @property
    def file_name(self) -> str:
        return f"{self.key}.pdf"


# --- Pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    title: str
    url: str
    publisher: str = ""


@dataclass(frozen=True)
class HomePageSpec:
    title: str
    introduction: str
    routes: list[Block]
    body: list[Block]
    seo_title: str = ""
    search_description: str = ""
    slug: str = "home"


@dataclass(frozen=True)
class IndexPageSpec:
    """A listing page below the home page: ``kind`` is "guidance", "leaflets" or "updates"."""

    kind: str
    slug: str
    title: str
    introduction: str
    show_in_menus: bool = True
    search_description: str = ""


@dataclass(frozen=True)
class StandardPageSpec:
    slug: str
    title: str
    introduction: str
    body: list[Block]
    team: str
    review: Review
    history: tuple[Change, ...]
    show_in_menus: bool = False
    show_quick_exit: bool = False
    search_description: str = ""


@dataclass(frozen=True)
class GuidancePageSpec:
    slug: str
    title: str
    summary: str
    body: list[Block]
    topics: tuple[str, ...]
    audiences: tuple[str, ...]
    team: str
    review: Review
    history: tuple[Change, ...]
    related_documents: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    show_quick_exit: bool = False
    search_description: str = ""


@dataclass(frozen=True)
class SiteSpec:
    """Everything the demo builds. ``pages`` lists the home page's children in menu order; the
    toolkit and Youth Hub sections (``toolkit``) follow them."""

    site_name: str
    topics: tuple[TopicSpec, ...]
    teams: tuple[TeamSpec, ...]
    documents: tuple[DocumentSpec, ...]
    home: HomePageSpec
    pages: tuple[StandardPageSpec | IndexPageSpec, ...]
    guidance_index_slug: str
    guidance: tuple[GuidancePageSpec, ...]
    settings: dict[str, str] = field(default_factory=dict)
    toolkit: ToolkitSpec | None = None


# --- Rich text --------------------------------------------------------------------------------


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def link(target: str, text: str) -> str:
    """A link: ``page:<path>``, ``doc:<key>`` or an absolute URL."""
    return f'<a href="{target}">{text}</a>'


# --- Blocks -----------------------------------------------------------------------------------


def _block(block_type: str, value: Any) -> Block:
    return {"type": block_type, "value": value}


def heading(text: str, level: str = "h2") -> Block:
    return _block("heading", {"text": text, "level": level})


def text(*html: str) -> Block:
    return _block("text", "".join(html))


def what_to_do_now(body: str, *, heading: str = "What to do now", urgency: str = "action") -> Block:
    return _block("what_to_do_now", {"heading": heading, "urgency": urgency, "body": body})


def contact(
    name: str,
    *,
    description: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    opening_hours: str = "",
    out_of_hours: str = "",
) -> Block:
    return _block(
        "contact_details",
        {
            "name": name,
            "description": description,
            "phone": phone,
            "email": email,
            "address": address,
            "opening_hours": opening_hours,
            "out_of_hours": out_of_hours,
        },
    )


def outcome(condition: str, action: str, next_step: int | None = None) -> dict[str, Any]:
    return {"condition": condition, "action": action, "next_step": next_step}


def step(question: str, *outcomes: dict[str, Any], help_text: str = "") -> dict[str, Any]:
    return {"question": question, "help_text": help_text, "outcomes": list(outcomes)}


def decision_guide(title: str, introduction: str, *steps: dict[str, Any]) -> Block:
    return _block("decision_guide", {"title": title, "introduction": introduction, "steps": list(steps)})


def accordion(title: str, *items: tuple[str, str]) -> Block:
    return _block(
        "accordion", {"title": title, "items": [{"heading": item, "content": answer} for item, answer in items]}
    )


def documents(heading: str, *keys: str) -> Block:
    return _block("document_list", {"heading": heading, "documents": [DocRef(key) for key in keys]})


def video(title: str, url: str, publisher: str, text_alternative: str, duration: str = "") -> Block:
    return _block(
        "video_link",
        {
            "title": title,
            "url": url,
            "publisher": publisher,
            "duration": duration,
            "text_alternative": text_alternative,
        },
    )


def quote(words: str, attribution: str = "", context: str = "") -> Block:
    return _block("child_voice_quote", {"quote": words, "attribution": attribution, "context": context})


def route(audience: str, description: str, page: str, link_text: str) -> Block:
    return _block(
        "route", {"audience": audience, "description": description, "page": PageRef(page), "link_text": link_text}
    )
