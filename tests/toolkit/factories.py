"""Factories for the toolkit, glossary, Youth Hub and engagement directory. Deterministic values.

Many-to-many choices from the fixed lists (stages, uses, age ranges, help topics) are given as
slugs, e.g. ``ToolkitResourcePageFactory(parent=index, stages=["listen"], ages=["11-14"])``.
"""

from __future__ import annotations

import datetime

import factory
import wagtail_factories

from wagtail.models import Locale

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


def _set_choices(page, field: str, model, slugs) -> None:
    getattr(page, field).set(list(model.objects.filter(slug__in=slugs)))


def text_block(html: str) -> dict:
    """A rich text block for a ``body`` StreamField."""
    return {"type": "text", "value": html}


def heading_block(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


class ToolkitIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolkitIndexPage

    title = "Voice of the Child toolkit"
    slug = factory.Sequence(lambda n: f"toolkit-{n}")
    introduction = "Tools for hearing what children tell us."


class ToolkitResourcePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ToolkitResourcePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Resource {n}")
    slug = factory.Sequence(lambda n: f"resource-{n}")
    summary = "What the resource is and when to use it."
    resource_format = "guide"

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create and extracted:
            _set_choices(self, "stages", Stage, extracted)
            self.save()

    @factory.post_generation
    def uses(self, create, extracted, **kwargs):
        if create and extracted:
            _set_choices(self, "uses", Use, extracted)
            self.save()

    @factory.post_generation
    def ages(self, create, extracted, **kwargs):
        if create and extracted:
            _set_choices(self, "age_ranges", AgeRange, extracted)
            self.save()


class PracticeBriefingIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeBriefingIndexPage

    title = "Practice briefings"
    slug = factory.Sequence(lambda n: f"briefings-{n}")


class PracticeBriefingPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PracticeBriefingPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Briefing {n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    summary = "What practitioners learned."

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()


class GlossaryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GlossaryPage

    title = "Glossary"
    slug = factory.Sequence(lambda n: f"glossary-{n}")
    introduction = "Words that professionals use, explained."


class GlossaryTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossaryTerm
        skip_postgeneration_save = True

    term = factory.Sequence(lambda n: f"Term {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    plain_definition = factory.LazyAttribute(lambda o: f"What {o.term} means, in plain words.")
    practitioner_definition = ""
    locale = factory.LazyFunction(Locale.get_default)

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_terms.set(extracted)
            self.save()


class GlossarySeeAlsoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GlossarySeeAlso

    term = factory.SubFactory(GlossaryTermFactory)
    page = None  # required: the page to point to


class YouthHubIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = YouthHubIndexPage

    title = "Youth Hub"
    slug = factory.Sequence(lambda n: f"youth-hub-{n}")
    introduction = "Help and advice for young people."


class YouthHubPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = YouthHubPage

    title = factory.Sequence(lambda n: f"Youth Hub page {n}")
    slug = factory.Sequence(lambda n: f"youth-page-{n}")
    introduction = "Things you might want to know."


class SupportServiceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SupportServiceIndexPage

    title = "Get support"
    slug = factory.Sequence(lambda n: f"support-{n}")
    introduction = "People you can talk to."


class SupportServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportService
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Service {n}")
    helps_with = "Someone to talk to."
    reach = SupportService.NATIONAL

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(list(HelpTopic.objects.filter(slug__in=extracted)))
            self.save()


class EngagementDirectoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EngagementDirectoryPage

    title = "How agencies listen"
    slug = factory.Sequence(lambda n: f"engagement-{n}")


class EngagementEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EngagementEntry

    agency = factory.Sequence(lambda n: f"Agency {n}")
    sector = "health"
    summary = "How this agency hears children."
    methods = "<p>Surveys and a youth panel.</p>"
