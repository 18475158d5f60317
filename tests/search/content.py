"""A small site for search tests: a few sections of each kind, built with the project's factories."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.base import ContentFile

from wagtail.models import Page

from portal.home.models import GuidancePage, PortalDocument
from search import indexing
from tests.factories import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    LeafletIndexPageFactory,
    PortalDocumentFactory,
    TopicFactory,
    pdf_with,
)
from tests.toolkit.factories import (
    GlossaryPageFactory,
    GlossaryTermFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
    YouthHubPageFactory,
    text_block,
)


def body(*paragraphs: str) -> list:
    return [text_block("".join(f"<p>{p}</p>" for p in paragraphs))]


@dataclass
class SmallSite:
    home: Page
    guidance: Page
    core_group: GuidancePage
    conference: GuidancePage
    allegations: GuidancePage
    toolkit_resource: Page
    youth_page: Page
    glossary_page: Page
    leaflet: PortalDocument


def build_small_site(home) -> SmallSite:
    child_protection = TopicFactory(name="Child protection", slug="child-protection")
    allegations_topic = TopicFactory(name="Allegations against staff", slug="allegations")
    guidance = GuidanceIndexPageFactory(parent=home, title="Guidance and procedures", slug="guidance")
    core_group = GuidancePageFactory(
        parent=guidance,
        title="Core group meetings",
        slug="core-group-meetings",
        summary="How the core group turns the child protection plan into action between conferences.",
        body=body("The core group meets within ten working days of the initial conference."),
        topics=[child_protection],
        audiences=["practitioners"],
    )
    conference = GuidancePageFactory(
        parent=guidance,
        title="Child protection conferences",
        slug="child-protection-conferences",
        summary="What happens at an initial or review conference and who is invited.",
        body=body("Parents are invited to the conference and can bring a supporter. <script>alert(1)</script>"),
        topics=[child_protection],
        audiences=["practitioners", "parents-and-carers"],
    )
    allegations = GuidancePageFactory(
        parent=guidance,
        title="Allegations against staff and volunteers",
        slug="allegations",
        summary="What to do when an adult who works with children may have harmed a child.",
        body=body("Tell the designated officer within one working day. Do not investigate yourself."),
        topics=[allegations_topic],
        audiences=["practitioners"],
    )
    toolkit = ToolkitIndexPageFactory(parent=home, title="Voice of the Child toolkit", slug="toolkit")
    toolkit_resource = ToolkitResourcePageFactory(
        parent=toolkit,
        title="Three houses",
        slug="three-houses",
        summary="A drawing activity about worries, good things and dreams.",
    )
    hub = YouthHubIndexPageFactory(parent=home, title="Youth Hub", slug="youth-hub")
    youth_page = YouthHubPageFactory(
        parent=hub,
        title="Staying safe online",
        slug="staying-safe-online",
        introduction="What to do if something online worries you.",
    )
    glossary_page = GlossaryPageFactory(parent=home, title="Glossary of terms", slug="glossary")
    GlossaryTermFactory(
        term="Core group",
        slug="core-group",
        plain_definition="The small team of workers and family who carry out a child protection plan.",
    )
    LeafletIndexPageFactory(parent=home, title="Leaflets", slug="leaflets")
    leaflet = PortalDocumentFactory(
        title="Your conference: a guide for parents",
        summary="A short guide for families.",
        file=ContentFile(pdf_with("Bring a friend or an advocate to the meeting."), name="conference-guide.pdf"),
        audiences=["parents-and-carers"],
    )
    indexing.rebuild()
    return SmallSite(
        home=home,
        guidance=guidance,
        core_group=core_group,
        conference=conference,
        allegations=allegations,
        toolkit_resource=toolkit_resource,
        youth_page=youth_page,
        glossary_page=glossary_page,
        leaflet=leaflet,
    )
