"""Write the demo's toolkit, Youth Hub, glossary and directories to the database, idempotently.

This builds on ``DemoBuilder`` so the same rules hold as for the rest of the demo:

- pages are found by slug under their parent, published through revisions only when new or when
  their content differs, and their public history is replayed once and backdated;
- documents are generated and found as the leaflets are (``DemoBuilder.ensure_document``);
- snippets are found by a natural key (glossary terms by slug and locale, support services by
  name, directory entries by agency) and saved only when a value differs. Nothing the demo does
  not list is deleted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models

from wagtail.models import Page

from portal.toolkit.models import (
    AgeRange,
    EngagementDirectoryPage,
    EngagementEntry,
    GlossaryPage,
    GlossarySeeAlso,
    GlossaryTerm,
    HelpTopic,
    PracticeBriefingIndexPage,
    PracticeBriefingPage,
    Stage,
    SupportService,
    SupportServiceIndexPage,
    ToolkitIndexPage,
    ToolkitResourcePage,
    Use,
    YouthHubIndexPage,
    YouthHubPage,
)

from .builder import DemoBuilder, DemoError, DesiredPage, Tally
from .toolkit_specs import (
    BriefingSpec,
    EngagementSpec,
    GlossaryTermSpec,
    ListingPageSpec,
    ResourceSpec,
    SectionIndexSpec,
    ServiceSpec,
    ToolkitSpec,
    YouthHubPageSpec,
)
from .youth_hub import PRACTITIONER_GLOSSARY_PAGE

FIXED_LISTS = (Stage, Use, AgeRange, HelpTopic)


def _set_changed(instance: models.Model, values: Mapping[str, Any]) -> bool:
    """Set the values that differ on ``instance`` (without saving); whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _rows(model: type[models.Model], slugs: tuple[str, ...]) -> list[models.Model]:
    """The fixed-list rows for ``slugs``; a slug that is not in the list is a mistake in the demo."""
    rows = list(model.objects.filter(slug__in=slugs))
    missing = set(slugs) - {row.slug for row in rows}
    if missing:
        raise DemoError(f"Not in the {model._meta.verbose_name_plural}: {', '.join(sorted(missing))}")
    return rows


def _merge(status: str, changed: bool) -> str:
    if status == "created" or not changed:
        return status
    return "updated"


class ToolkitBuild:
    """Builds one ``ToolkitSpec`` with the helpers (and the pages, documents and teams) of ``builder``."""

    def __init__(self, builder: DemoBuilder, spec: ToolkitSpec) -> None:
        self.builder = builder
        self.spec = spec

    def build(self, *, pages: Tally, documents: Tally, snippets: Tally) -> None:
        for fixed_list in FIXED_LISTS:
            fixed_list.sync_choices()
        for document_spec in self.spec.documents:
            document, status = self.builder.ensure_document(document_spec)
            self.builder.documents[document_spec.key] = document
            documents.add(status, document_spec.title)

        for path, desired in self.create_pages():
            page, status = self.builder.sync_page(self.builder.pages[path], desired)
            self.builder.pages[path] = page
            pages.add(status, page.title)

        self.sync_glossary(snippets)
        self.sync_services(snippets)
        self.sync_engagement(snippets)

    # --- Pages --------------------------------------------------------------------------------

    def ensure_page(self, parent_path: str, model: type[Page], slug: str, title: str, **required: Any) -> str:
        """Find the page at ``slug`` below ``parent_path`` or add it as a draft; returns its path."""
        parent = self.builder.pages[parent_path]
        path = f"{parent_path}/{slug}" if parent_path else slug
        existing = parent.get_children().filter(slug=slug).first()
        if existing is not None:
            page = existing.specific
            if not isinstance(page, model):
                raise DemoError(
                    f"{page.url_path} is a {page.specific_class.__name__}, not a {model.__name__}; "
                    "the demo will not replace it."
                )
        else:
            page = model(title=title, slug=slug, live=False, **required)
            parent.add_child(instance=page)
            self.builder.created_page_ids.add(page.pk)
        self.builder.pages[path] = page
        return path

    def create_pages(self) -> list[tuple[str, DesiredPage]]:
        """Make sure every page exists; returns them in publishing order, each section's top last
        (because it links to the pages below it)."""
        spec = self.spec
        plan: list[tuple[str, DesiredPage]] = []

        toolkit = self.ensure_page("", ToolkitIndexPage, spec.toolkit.slug, spec.toolkit.title)
        for resource in spec.resources:
            path = self.ensure_page(
                toolkit, ToolkitResourcePage, resource.slug, resource.title, summary=resource.summary
            )
            plan.append((path, self.resource(resource)))
        briefings = self.ensure_page(
            toolkit, PracticeBriefingIndexPage, spec.briefings_index.slug, spec.briefings_index.title
        )
        for briefing in spec.briefings:
            path = self.ensure_page(
                briefings,
                PracticeBriefingPage,
                briefing.slug,
                briefing.title,
                date=briefing.date.resolve(self.builder.today),
                summary=briefing.summary,
            )
            plan.append((path, self.briefing(briefing)))
        plan.append((briefings, self.listing(spec.briefings_index)))
        directory = self.ensure_page(toolkit, EngagementDirectoryPage, spec.directory.slug, spec.directory.title)
        plan.append((directory, self.listing(spec.directory)))
        plan.append((toolkit, self.section(spec.toolkit)))

        hub = self.ensure_page("", YouthHubIndexPage, spec.youth_hub.slug, spec.youth_hub.title)
        first, *others = spec.youth_pages
        plan.append(self._plan_youth_page(hub, first))
        services = self.ensure_page(hub, SupportServiceIndexPage, spec.services_page.slug, spec.services_page.title)
        plan.append((services, self.listing(spec.services_page)))
        plan.extend(self._plan_youth_page(hub, youth_page) for youth_page in others)
        glossary = self.ensure_page(hub, GlossaryPage, spec.glossary_page.slug, spec.glossary_page.title)
        plan.append((glossary, self.listing(spec.glossary_page, show_quick_exit=True)))
        plan.append((hub, self.section(spec.youth_hub)))
        practitioners_glossary = self.ensure_page(
            "", GlossaryPage, PRACTITIONER_GLOSSARY_PAGE.slug, PRACTITIONER_GLOSSARY_PAGE.title
        )
        plan.append((practitioners_glossary, self.listing(PRACTITIONER_GLOSSARY_PAGE)))
        return plan

    def _plan_youth_page(self, hub: str, spec: YouthHubPageSpec) -> tuple[str, DesiredPage]:
        path = self.ensure_page(hub, YouthHubPage, spec.slug, spec.title)
        return path, self.youth_page(spec)

    def _reviewed(self, spec: ResourceSpec | YouthHubPageSpec) -> dict[str, Any]:
        return {
            "owning_team": self.builder.teams[spec.team],
            "last_reviewed": spec.review.last_reviewed.resolve(self.builder.today),
            "next_review_date": spec.review.next_due.resolve(self.builder.today),
        }

    @staticmethod
    def section(spec: SectionIndexSpec) -> DesiredPage:
        fields = {
            "title": spec.title,
            "search_description": spec.search_description,
            "introduction": spec.introduction,
            "show_in_menus": spec.show_in_menus,
        }
        return DesiredPage(fields, streams={"body": spec.body})

    @staticmethod
    def listing(spec: ListingPageSpec, **extra: Any) -> DesiredPage:
        fields = {"title": spec.title, "search_description": spec.search_description, "introduction": spec.introduction}
        return DesiredPage(fields | extra)

    def resource(self, spec: ResourceSpec) -> DesiredPage:
        fields = {
            "title": spec.title,
            "search_description": spec.search_description,
            "summary": spec.summary,
            "resource_format": spec.resource_format,
            **self._reviewed(spec),
        }
        return DesiredPage(
            fields,
            streams={"body": spec.body},
            many_to_many={
                "stages": _rows(Stage, spec.stages),
                "uses": _rows(Use, spec.uses),
                "age_ranges": _rows(AgeRange, spec.age_ranges),
            },
            inlines={"downloads": [{"document": self.builder.documents[key]} for key in spec.downloads]},
            history=spec.history,
        )

    def briefing(self, spec: BriefingSpec) -> DesiredPage:
        fields = {
            "title": spec.title,
            "date": spec.date.resolve(self.builder.today),
            "summary": spec.summary,
            "document": self.builder.documents[spec.document] if spec.document else None,
        }
        return DesiredPage(
            fields,
            streams={"body": spec.body},
            many_to_many={"topics": [self.builder.topics[slug] for slug in spec.topics]},
        )

    def youth_page(self, spec: YouthHubPageSpec) -> DesiredPage:
        fields = {"title": spec.title, "introduction": spec.introduction, **self._reviewed(spec)}
        return DesiredPage(fields, streams={"body": spec.body}, history=spec.history)

    # --- Snippets -----------------------------------------------------------------------------

    def sync_glossary(self, tally: Tally) -> None:
        """Terms first, then the links between them (a term may point at one made after it)."""
        locale = self.builder.locale
        found: dict[str, tuple[GlossaryTerm, str]] = {}
        for spec in self.spec.glossary:
            values = {
                "term": spec.term,
                "also_known_as": ", ".join(spec.aliases),
                "plain_definition": spec.plain,
                "practitioner_definition": self.builder.resolve(spec.practitioner),
                "link_in_pages": spec.link_in_pages,
            }
            term = GlossaryTerm.objects.filter(slug=spec.slug, locale=locale).first()
            if term is None:
                term = GlossaryTerm(slug=spec.slug, locale=locale, **values)
                term.save()
                found[spec.slug] = (term, "created")
            elif _set_changed(term, values):
                term.save()
                found[spec.slug] = (term, "updated")
            else:
                found[spec.slug] = (term, "unchanged")
        for spec in self.spec.glossary:
            term, status = found[spec.slug]
            changed = self._link_term(term, spec, {slug: pair[0] for slug, pair in found.items()})
            tally.add(_merge(status, changed), f"Glossary term: {spec.term}")

    def _link_term(self, term: GlossaryTerm, spec: GlossaryTermSpec, terms: Mapping[str, GlossaryTerm]) -> bool:
        related = [terms[slug] for slug in spec.related]
        see_also = [self.builder.pages[path] for path in spec.see_also]
        changed = False
        if {other.pk for other in term.related_terms.all()} != {other.pk for other in related}:
            term.related_terms.set(related)
            changed = True
        if [row.page_id for row in term.see_also.all()] != [page.pk for page in see_also]:
            term.see_also = [GlossarySeeAlso(page=page, sort_order=order) for order, page in enumerate(see_also)]
            changed = True
        if changed:
            term.save()
        return changed

    def sync_services(self, tally: Tally) -> None:
        for spec in self.spec.services:
            service, status = self._service(spec)
            tally.add(status, f"Support service: {spec.name}")

    def _service(self, spec: ServiceSpec) -> tuple[SupportService, str]:
        values = {
            "helps_with": spec.helps_with,
            "phone": spec.phone,
            "text": spec.text,
            "website": spec.website,
            "opening_hours": spec.opening_hours,
            "min_age": spec.min_age,
            "max_age": spec.max_age,
            "reach": spec.reach,
        }
        service = SupportService.objects.filter(name=spec.name).first()
        status = "unchanged"
        if service is None:
            service = SupportService(name=spec.name)
            status = "created"
        changed = _set_changed(service, values)
        topics = _rows(HelpTopic, spec.topics)
        current = {topic.pk for topic in service.topics.all()} if service.pk else set()
        if current != {topic.pk for topic in topics}:
            service.topics.set(topics)
            changed = True
        if changed or status == "created":
            service.save()
        return service, _merge(status, changed)

    def sync_engagement(self, tally: Tally) -> None:
        for spec in self.spec.engagement:
            tally.add(self._engagement(spec), f"Directory entry: {spec.agency}")

    def _engagement(self, spec: EngagementSpec) -> str:
        values = {
            "sector": spec.sector,
            "summary": spec.summary,
            "methods": self.builder.resolve(spec.methods),
            "how_to_get_involved": spec.how_to_get_involved,
            "contact_email": spec.contact_email,
            "contact_phone": spec.contact_phone,
        }
        entry = EngagementEntry.objects.filter(agency=spec.agency).first()
        if entry is None:
            EngagementEntry.objects.create(agency=spec.agency, **values)
            return "created"
        if _set_changed(entry, values):
            entry.save()
            return "updated"
        return "unchanged"


def build_toolkit(builder: DemoBuilder, spec: ToolkitSpec, *, pages: Tally, documents: Tally, snippets: Tally) -> None:
    ToolkitBuild(builder, spec).build(pages=pages, documents=documents, snippets=snippets)
