"""Write the demo site to the database, idempotently.

Running the build again gives the same site and adds nothing:

- pages are found by slug under their parent (never by title or primary key) and only published
  again when their content differs from the demo's;
- documents are found by title (or their stable file name) and their file is only replaced when
  its hash differs;
- each page's public history is replayed from the demo's list of changes: a change whose note is
  already recorded is not published again, so no history entry is ever duplicated;
- topics, teams, users and settings are updated in place.

Pages are published through revisions (``save_revision().publish()``) so Wagtail's signals run,
and the history they write is then backdated to the dates the demo gives.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail.search import index
from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler
from wagtail.utils.file import hash_filelike

from ..models import (
    Audience,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    LeafletIndexPage,
    PageChange,
    PartnershipSettings,
    PortalDocument,
    RecentUpdatesPage,
    ReviewedContentMixin,
    StandardPage,
    Team,
    Topic,
)
from .pdfs import render_document
from .specs import (
    Change,
    DocRef,
    DocumentSpec,
    GuidancePageSpec,
    HomePageSpec,
    IndexPageSpec,
    PageRef,
    SiteSpec,
    StandardPageSpec,
    TeamSpec,
    TopicSpec,
)

PageSpec = HomePageSpec | IndexPageSpec | StandardPageSpec | GuidancePageSpec

INDEX_MODELS: dict[str, type[Page]] = {
    "guidance": GuidanceIndexPage,
    "leaflets": LeafletIndexPage,
    "updates": RecentUpdatesPage,
}
WAGTAIL_WELCOME_PAGE = "wagtailcore.page"
INTERNAL_LINK = re.compile(r'href="(page|doc):([^"]*)"')


class DemoError(Exception):
    """The database holds something the demo will not overwrite."""


# --- Search index -----------------------------------------------------------------------------


@contextmanager
def search_index_updates_paused() -> Iterator[None]:
    """Stop saves from updating the search index (and so from needing Elasticsearch).

    ``manage.py update_index`` and ``manage.py rebuild_search_index`` rebuild the indexes afterwards,
    as ``scripts/start`` does.
    """
    from search.indexing import updates_paused

    disconnected: list[type[models.Model]] = []
    for model in index.get_indexed_models():
        if post_save.disconnect(post_save_signal_handler, sender=model):
            post_delete.disconnect(post_delete_signal_handler, sender=model)
            disconnected.append(model)
    try:
        with updates_paused():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)


# --- What a page should look like -------------------------------------------------------------


@dataclass
class DesiredPage:
    """A page's wanted state, in terms of its model's fields."""

    fields: dict[str, Any]
    streams: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    many_to_many: dict[str, list[models.Model]] = field(default_factory=dict)
    inlines: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    history: tuple[Change, ...] = ()


@dataclass
class Tally:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def add(self, status: str, label: str) -> None:
        getattr(self, status).append(label)

    def __str__(self) -> str:
        return f"{len(self.created)} created, {len(self.updated)} updated, {len(self.unchanged)} unchanged"


@dataclass
class BuildReport:
    home: HomePage
    pages: Tally
    documents: Tally
    history_entries: int
    snippets: Tally = field(default_factory=Tally)


def model_for(spec: PageSpec) -> type[Page]:
    if isinstance(spec, HomePageSpec):
        return HomePage
    if isinstance(spec, IndexPageSpec):
        return INDEX_MODELS[spec.kind]
    if isinstance(spec, StandardPageSpec):
        return StandardPage
    return GuidancePage


def _strip_ids(value: Any) -> Any:
    """Raw stream data without the block ids Wagtail adds, so that two streams can be compared."""
    if isinstance(value, dict):
        return {key: _strip_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_strip_ids(item) for item in value]
    return value


def normalised_stream(page: Page, name: str, value: StreamValue | list) -> list[dict[str, Any]]:
    stream_block = page._meta.get_field(name).stream_block
    stream = value if isinstance(value, StreamValue) else stream_block.to_python(value)
    return _strip_ids(
        [{"type": child.block_type, "value": child.block.get_prep_value(child.value)} for child in stream]
    )


def _current(instance: models.Model, name: str) -> Any:
    model_field = instance._meta.get_field(name)
    if model_field.many_to_one:
        return getattr(instance, model_field.attname)
    return getattr(instance, name)


def _wanted(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


class DemoBuilder:
    """Builds one ``SiteSpec``. ``today`` anchors every relative date, so tests can fix it."""

    def __init__(self, site: SiteSpec, users: Mapping[str, AbstractBaseUser], today: datetime.date) -> None:
        self.site = site
        self.today = today
        self.admin = users["admin"]
        self.editor = users["editor"]
        self.approver = users["approver"]
        self.locale = Locale.get_default()
        self.topics: dict[str, Topic] = {}
        self.teams: dict[str, Team] = {}
        self.documents: dict[str, PortalDocument] = {}
        self.pages: dict[str, Page] = {}
        self.created_page_ids: set[int] = set()

    # --- Entry point --------------------------------------------------------------------------

    def build(self) -> BuildReport:
        self.ensure_locales()
        self.topics = {spec.slug: self.ensure_topic(spec) for spec in self.site.topics}
        self.teams = {spec.name: self.ensure_team(spec) for spec in self.site.teams}
        document_tally = Tally()
        for spec in self.site.documents:
            self.documents[spec.key], status = self.ensure_document(spec)
            document_tally.add(status, spec.title)

        specs = self.create_page_tree()
        home = self.pages[""]
        site = self.ensure_default_site(home)
        self.ensure_settings(site)

        page_tally = Tally()
        for path, spec in specs:
            page, status = self.sync_page(self.pages[path], self.desired(spec))
            self.pages[path] = page
            page_tally.add(status, page.title)

        snippet_tally = Tally()
        if self.site.toolkit is not None:
            # Imported here because the toolkit's build steps are written on top of this module.
            from .toolkit_build import build_toolkit

            build_toolkit(self, self.site.toolkit, pages=page_tally, documents=document_tally, snippets=snippet_tally)
        from .reporting import build_reporting  # imported here for the same reason as the toolkit's

        build_reporting(self, pages=page_tally, snippets=snippet_tally)
        from .location_requests import build_location_requests  # after the pages and postcodes it uses

        build_location_requests(self, pages=page_tally, snippets=snippet_tally)
        return BuildReport(
            home=self.pages[""],
            pages=page_tally,
            documents=document_tally,
            history_entries=PageChange.objects.filter(page__in=[page.pk for page in self.pages.values()]).count(),
            snippets=snippet_tally,
        )

    # --- Taxonomy, teams, settings ------------------------------------------------------------

    @staticmethod
    def ensure_locales() -> None:
        """A locale for every content language, so editors can translate pages straight away."""
        from django.conf import settings

        from wagtail.models import Locale

        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    @staticmethod
    def _update(instance: models.Model, values: Mapping[str, Any]) -> None:
        changed = [name for name, value in values.items() if getattr(instance, name) != value]
        for name in changed:
            setattr(instance, name, values[name])
        if changed:
            instance.save(update_fields=changed)

    def ensure_topic(self, spec: TopicSpec) -> Topic:
        topic, _ = Topic.objects.get_or_create(
            slug=spec.slug, locale=self.locale, defaults={"name": spec.name, "description": spec.description}
        )
        self._update(topic, {"name": spec.name, "description": spec.description})
        return topic

    def ensure_team(self, spec: TeamSpec) -> Team:
        values = {"organisation": spec.organisation, "email": spec.email, "phone": spec.phone}
        team, _ = Team.objects.get_or_create(name=spec.name, defaults=values)
        self._update(team, values)
        return team

    def ensure_settings(self, site: Site) -> None:
        self._update(PartnershipSettings.for_site(site), self.site.settings)

    def ensure_default_site(self, home: HomePage) -> Site:
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return Site.objects.create(
                hostname="localhost", port=80, is_default_site=True, root_page=home, site_name=self.site.site_name
            )
        self._update(site, {"root_page_id": home.pk, "site_name": self.site.site_name})
        return site

    # --- Documents ----------------------------------------------------------------------------

    @staticmethod
    def find_document(spec: DocumentSpec) -> PortalDocument | None:
        by_title = PortalDocument.objects.filter(title=spec.title).order_by("pk").first()
        if by_title is not None:
            return by_title
        return PortalDocument.objects.filter(file=f"documents/{spec.file_name}").order_by("pk").first()

    def ensure_document(self, spec: DocumentSpec) -> tuple[PortalDocument, str]:
        data = render_document(spec)
        data_hash = hash_filelike(io.BytesIO(data))
        document = self.find_document(spec)
        status = "unchanged"
        if document is None:
            document = PortalDocument(uploaded_by_user=self.admin)
            status = "created"
        values = {
            "title": spec.title,
            "kind": spec.kind,
            "summary": spec.summary,
            "language": spec.language,
            "review_date": spec.review_due.resolve(self.today),
        }
        changed = [name for name, value in values.items() if getattr(document, name) != value]
        for name in changed:
            setattr(document, name, values[name])
        if self._file_is_stale(document, data_hash):
            self._replace_file(document, spec.file_name, data, data_hash)
            changed.append("file")
        if changed:
            document.save()
            status = "updated" if status == "unchanged" else status
        audiences = list(Audience.objects.filter(slug__in=spec.audiences))
        if set(document.audiences.all()) != set(audiences):
            document.audiences.set(audiences)
            status = "updated" if status == "unchanged" else status
        return document, status

    @staticmethod
    def _file_is_stale(document: PortalDocument, data_hash: str) -> bool:
        if not document.file or document.file_hash != data_hash:
            return True
        return not document.file.storage.exists(document.file.name)

    @staticmethod
    def _replace_file(document: PortalDocument, file_name: str, data: bytes, data_hash: str) -> None:
        if document.file and document.file.storage.exists(document.file.name):
            document.file.storage.delete(document.file.name)
        document.file.save(file_name, ContentFile(data), save=False)
        document.file_size = len(data)
        document.file_hash = data_hash

    # --- Page tree ----------------------------------------------------------------------------

    def create_page_tree(self) -> list[tuple[str, PageSpec]]:
        """Make sure every demo page exists (new ones as unpublished drafts), home page first.

        Returns the pages in the order they are then filled in and published: the home page last,
        because its routes point at the others.
        """
        root = Page.get_first_root_node()
        self.pages[""] = self.ensure_home_page(root, self.site.home)
        specs: list[tuple[str, PageSpec]] = []
        for spec in self.site.pages:
            self.pages[spec.slug] = self.ensure_child(self.pages[""], spec)
            specs.append((spec.slug, spec))
        index = self.pages[self.site.guidance_index_slug]
        for spec in self.site.guidance:
            path = f"{self.site.guidance_index_slug}/{spec.slug}"
            self.pages[path] = self.ensure_child(index, spec)
            specs.append((path, spec))
        specs.append(("", self.site.home))
        return specs

    def ensure_home_page(self, root: Page, spec: HomePageSpec) -> Page:
        existing = root.get_children().filter(slug=spec.slug).first()
        if existing is not None and existing.content_type.model_class() is Page:
            self._remove_welcome_page(root, existing)
        return self.ensure_child(root, spec)

    @staticmethod
    def _remove_welcome_page(root: Page, page: Page) -> None:
        """Delete the plain page a new Wagtail install starts with, which holds the home page's slug."""
        if page.get_children_count():
            raise DemoError(
                f"The page at {page.url_path} has child pages, so the demo will not replace it. "
                "Move or delete them first."
            )
        Site.objects.filter(root_page=page).update(root_page=root)
        page.delete()

    def ensure_child(self, parent: Page, spec: PageSpec) -> Page:
        model = model_for(spec)
        existing = parent.get_children().filter(slug=spec.slug).first()
        if existing is not None:
            page = existing.specific
            if not isinstance(page, model):
                raise DemoError(
                    f"{page.url_path} is a {page.specific_class.__name__}, not a {model.__name__}; "
                    "the demo will not replace it."
                )
            return page
        page = model(title=spec.title, slug=spec.slug, live=False, **self._creation_fields(spec))
        parent.add_child(instance=page)
        self.created_page_ids.add(page.pk)
        return page

    @staticmethod
    def _creation_fields(spec: PageSpec) -> dict[str, Any]:
        """Fields that must be valid before a page can be saved at all."""
        return {"summary": spec.summary} if isinstance(spec, GuidancePageSpec) else {}

    # --- Desired state ------------------------------------------------------------------------

    def desired(self, spec: PageSpec) -> DesiredPage:
        fields: dict[str, Any] = {"title": spec.title, "search_description": spec.search_description}
        if isinstance(spec, HomePageSpec):
            fields |= {"seo_title": spec.seo_title, "introduction": spec.introduction}
            return DesiredPage(fields, streams={"routes": spec.routes, "body": spec.body})
        if isinstance(spec, IndexPageSpec):
            return DesiredPage(fields | {"introduction": spec.introduction, "show_in_menus": spec.show_in_menus})
        fields |= {
            "show_quick_exit": spec.show_quick_exit,
            "owning_team": self.teams[spec.team],
            "last_reviewed": spec.review.last_reviewed.resolve(self.today),
            "next_review_date": spec.review.next_due.resolve(self.today),
        }
        if isinstance(spec, StandardPageSpec):
            fields |= {"introduction": spec.introduction, "show_in_menus": spec.show_in_menus}
            return DesiredPage(fields, streams={"body": spec.body}, history=spec.history)
        return DesiredPage(
            fields | {"summary": spec.summary},
            streams={"body": spec.body},
            many_to_many={
                "topics": [self.topics[slug] for slug in spec.topics],
                "audiences": list(Audience.objects.filter(slug__in=spec.audiences)),
            },
            inlines={
                "related_documents": [{"document": self.documents[key]} for key in spec.related_documents],
                "external_references": [
                    {"title": ref.title, "url": ref.url, "publisher": ref.publisher} for ref in spec.references
                ],
            },
            history=spec.history,
        )

    def resolve(self, value: Any) -> Any:
        """Swap demo references (pages by path, documents by key) for primary keys."""
        if isinstance(value, PageRef):
            return self.pages[value.path].pk
        if isinstance(value, DocRef):
            return self.documents[value.key].pk
        if isinstance(value, str):
            return INTERNAL_LINK.sub(self._link_attributes, value)
        if isinstance(value, dict):
            return {key: self.resolve(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item) for item in value]
        return value

    def _link_attributes(self, match: re.Match[str]) -> str:
        kind, key = match.groups()
        if kind == "page":
            return f'linktype="page" id="{self.pages[key].pk}"'
        return f'linktype="document" id="{self.documents[key].pk}"'

    # --- Comparing and publishing -------------------------------------------------------------

    def differs(self, page: Page, desired: DesiredPage, streams: Mapping[str, list]) -> bool:
        if any(_current(page, name) != _wanted(value) for name, value in desired.fields.items()):
            return True
        if any(
            normalised_stream(page, name, getattr(page, name)) != normalised_stream(page, name, raw)
            for name, raw in streams.items()
        ):
            return True
        for name, objects in desired.many_to_many.items():
            if set(getattr(page, name).values_list("pk", flat=True)) != {obj.pk for obj in objects}:
                return True
        for name, rows in desired.inlines.items():
            current = list(getattr(page, name).all())
            keys = list(rows[0]) if rows else []
            wanted = [[_wanted(row[key]) for key in keys] for row in rows]
            if [[_current(obj, key) for key in keys] for obj in current] != wanted:
                return True
        return False

    @staticmethod
    def apply(page: Page, desired: DesiredPage, streams: Mapping[str, list]) -> None:
        for name, value in desired.fields.items():
            setattr(page, name, value)
        for name, raw in streams.items():
            setattr(page, name, raw)
        for name, objects in desired.many_to_many.items():
            getattr(page, name).set(objects)
        for name, rows in desired.inlines.items():
            related_model = page._meta.get_field(name).related_model
            setattr(page, name, [related_model(sort_order=order, **row) for order, row in enumerate(rows)])

    def publish(self, page: Page, note: str = "") -> Page:
        """Save a revision as the editor and publish it as the approver, as the workflow would."""
        if isinstance(page, ReviewedContentMixin):
            page.change_note = note
        revision = page.save_revision(user=self.editor, log_action=True)
        revision.publish(user=self.approver)
        return type(page).objects.get(pk=page.pk)

    @staticmethod
    def pending_changes(page: Page, history: tuple[Change, ...]) -> list[Change]:
        """The demo's history entries this page has not recorded yet."""
        recorded = set(PageChange.objects.filter(page=page).values_list("note", flat=True))
        return [change for change in history if change.note not in recorded]

    def sync_page(self, page: Page, desired: DesiredPage) -> tuple[Page, str]:
        """Publish the page if it is new or differs from the demo; replay and date its history."""
        streams = {name: self.resolve(raw) for name, raw in desired.streams.items()}
        reviewed = isinstance(page, ReviewedContentMixin)
        pending = self.pending_changes(page, desired.history) if reviewed else []
        final_note = desired.history[-1].note if desired.history else ""
        stale = not page.live or self.differs(page, desired, streams)
        if reviewed and page.change_note != final_note:
            stale = True
        if pending:
            self.apply(page, desired, streams)
            for change in pending:
                page = self.publish(page, change.note)
        elif stale:
            self.apply(page, desired, streams)
            page = self.publish(page, final_note)
        if reviewed:
            self.backdate(page, desired.history)
        status = "created" if page.pk in self.created_page_ids else ("updated" if pending or stale else "unchanged")
        return page, status

    # --- History dates ------------------------------------------------------------------------

    def published_at(self, change: Change) -> datetime.datetime:
        day = self.today - datetime.timedelta(days=change.days_ago)
        return timezone.make_aware(datetime.datetime.combine(day, change.at))

    def backdate(self, page: Page, history: tuple[Change, ...]) -> None:
        """Move the page's history entries, revisions and log entries to the demo's dates."""
        if not history:
            return
        recorded = {row.note: row for row in PageChange.objects.filter(page=page).order_by("id")}
        revision_times: dict[int, datetime.datetime] = {}
        for change in history:
            row = recorded.get(change.note)
            if row is None:
                continue
            when = self.published_at(change)
            if row.published_at != when:
                PageChange.objects.filter(pk=row.pk).update(published_at=when)
            if row.revision_id:
                revision_times[row.revision_id] = when
        for revision_id, when in revision_times.items():
            Revision.objects.filter(pk=revision_id).exclude(created_at=when).update(created_at=when)
            PageLogEntry.objects.filter(revision_id=revision_id).exclude(timestamp=when).update(timestamp=when)
        times = [self.published_at(change) for change in history]
        page_dates = {"first_published_at": min(times), "last_published_at": max(times)}
        if page.latest_revision_id in revision_times:
            page_dates["latest_revision_created_at"] = revision_times[page.latest_revision_id]
        if any(getattr(page, name) != value for name, value in page_dates.items()):
            Page.objects.filter(pk=page.pk).update(**page_dates)
            for name, value in page_dates.items():
                setattr(page, name, value)


def build_demo_site(site: SiteSpec, users: Mapping[str, AbstractBaseUser], today: datetime.date) -> BuildReport:
    return DemoBuilder(site, users, today).build()
