"""Factories for the portal's models. Deterministic values, no fixtures."""

from __future__ import annotations

import datetime
import io

import factory
import wagtail_factories
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.home.models import (
    Audience,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    LeafletIndexPage,
    PageChange,
    PortalDocument,
    RecentUpdatesPage,
    StandardPage,
    Team,
    Topic,
)


def pdf_with(*lines: str) -> bytes:
    """A real PDF with one line of text per page (for tests of the text inside documents)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    for line in lines:
        pdf.drawString(72, 760, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@partnership.example")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct horse battery staple")
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug", "locale")

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(lambda: __import__("wagtail.models", fromlist=["Locale"]).Locale.get_default())


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")
    organisation = "Local authority"
    email = factory.Sequence(lambda n: f"team{n}@borough.example")
    phone = "01708 000 000"


def audience(slug: str) -> Audience:
    return Audience.objects.get(slug=slug)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Safeguarding Children Partnership"
    slug = factory.Sequence(lambda n: f"home-{n}")
    introduction = "Guidance and tools for everyone who keeps children safe."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    slug = factory.Sequence(lambda n: f"standard-{n}")
    introduction = "An introduction."


class GuidanceIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidanceIndexPage

    title = "Guidance"
    slug = factory.Sequence(lambda n: f"guidance-{n}")
    show_in_menus = True


class GuidancePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = GuidancePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-page-{n}")
    summary = "What this guidance covers and when to use it."
    last_reviewed = datetime.date(2026, 1, 15)
    next_review_date = datetime.date(2027, 1, 15)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set([audience(slug) if isinstance(slug, str) else slug for slug in extracted])
            self.save()


class LeafletIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LeafletIndexPage

    title = "Leaflets for children and families"
    slug = factory.Sequence(lambda n: f"leaflets-{n}")


class RecentUpdatesPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = RecentUpdatesPage

    title = "Recent updates"
    slug = factory.Sequence(lambda n: f"recent-updates-{n}")


class PortalDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortalDocument
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Leaflet {n}")
    file = factory.LazyAttribute(lambda o: ContentFile(MINIMAL_PDF, name=f"{o.title.lower().replace(' ', '-')}.pdf"))
    kind = PortalDocument.LEAFLET
    summary = "A short guide for families."
    language = "en-gb"

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set([audience(slug) if isinstance(slug, str) else slug for slug in extracted])


class PageChangeFactory(factory.django.DjangoModelFactory):
    """A 'what changed' entry, for listing tests that need changes on known dates."""

    class Meta:
        model = PageChange

    kind = PageChange.UPDATED
    note = factory.Sequence(lambda n: f"Change note {n}.")
    published_at = factory.LazyFunction(timezone.now)
