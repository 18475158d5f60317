"""Toolkit, glossary, Youth Hub and engagement page types: where each can be created, and that
each renders what readers need."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from portal.home.models import GuidanceIndexPage, GuidancePage, HomePage, LeafletIndexPage, StandardPage
from portal.reporting.models import PupilReportPage
from portal.toolkit.models import (
    EngagementDirectoryPage,
    GlossaryPage,
    PracticeBriefingIndexPage,
    PracticeBriefingPage,
    SupportService,
    SupportServiceIndexPage,
    ToolkitDownload,
    ToolkitIndexPage,
    ToolkitResourcePage,
    YouthHubIndexPage,
    YouthHubPage,
)
from tests.factories import HomePageFactory, PortalDocumentFactory, StandardPageFactory, TeamFactory, TopicFactory
from tests.toolkit.factories import (
    EngagementDirectoryPageFactory,
    EngagementEntryFactory,
    GlossaryPageFactory,
    GlossaryTermFactory,
    PracticeBriefingIndexPageFactory,
    PracticeBriefingPageFactory,
    SupportServiceFactory,
    SupportServiceIndexPageFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
    YouthHubPageFactory,
    text_block,
)

pytestmark = pytest.mark.django_db

TOOLKIT_PAGE_TYPES = {
    ToolkitIndexPage,
    ToolkitResourcePage,
    PracticeBriefingIndexPage,
    PracticeBriefingPage,
    GlossaryPage,
    YouthHubIndexPage,
    YouthHubPage,
    SupportServiceIndexPage,
    EngagementDirectoryPage,
}

PRINCIPLES = {
    "type": "principles",
    "value": {
        "heading": "Working with parents and carers",
        "introduction": "Four principles guide our work.",
        "principles": [
            {"title": "Build trusting relationships", "explanation": "Be honest and reliable."},
            {"title": "Communicate clearly", "explanation": "Use plain words."},
        ],
    },
}


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


class PageTreeRulesTests(WagtailPageTestCase):
    """parent_page_types and subpage_types keep the toolkit and the Youth Hub in shape."""

    def test_toolkit_index_sits_under_home_or_a_section_and_holds_the_toolkit(self):
        self.assertAllowedParentPageTypes(ToolkitIndexPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(
            ToolkitIndexPage, {ToolkitResourcePage, PracticeBriefingIndexPage, GlossaryPage, EngagementDirectoryPage}
        )
        self.assertCanCreateAt(HomePage, ToolkitIndexPage)
        self.assertCanCreateAt(StandardPage, ToolkitIndexPage)
        self.assertCanNotCreateAt(Page, ToolkitIndexPage)
        self.assertCanNotCreateAt(ToolkitIndexPage, ToolkitIndexPage)
        self.assertCanNotCreateAt(YouthHubIndexPage, ToolkitIndexPage)

    def test_resources_live_only_in_a_toolkit(self):
        self.assertAllowedParentPageTypes(ToolkitResourcePage, {ToolkitIndexPage})
        self.assertAllowedSubpageTypes(ToolkitResourcePage, set())
        self.assertCanCreateAt(ToolkitIndexPage, ToolkitResourcePage)
        for parent in (Page, HomePage, StandardPage, GuidanceIndexPage, YouthHubIndexPage, PracticeBriefingIndexPage):
            self.assertCanNotCreateAt(parent, ToolkitResourcePage)

    def test_briefings_live_in_a_briefings_page_in_the_toolkit(self):
        self.assertAllowedParentPageTypes(PracticeBriefingIndexPage, {ToolkitIndexPage})
        self.assertAllowedSubpageTypes(PracticeBriefingIndexPage, {PracticeBriefingPage})
        self.assertAllowedParentPageTypes(PracticeBriefingPage, {PracticeBriefingIndexPage})
        self.assertAllowedSubpageTypes(PracticeBriefingPage, set())
        self.assertCanNotCreateAt(HomePage, PracticeBriefingIndexPage)
        self.assertCanNotCreateAt(ToolkitIndexPage, PracticeBriefingPage)
        self.assertCanNotCreateAt(GuidanceIndexPage, PracticeBriefingPage)

    def test_glossary_goes_under_home_the_toolkit_or_the_youth_hub(self):
        self.assertAllowedParentPageTypes(GlossaryPage, {HomePage, ToolkitIndexPage, YouthHubIndexPage})
        self.assertAllowedSubpageTypes(GlossaryPage, set())
        self.assertCanNotCreateAt(StandardPage, GlossaryPage)
        self.assertCanNotCreateAt(YouthHubPage, GlossaryPage)
        self.assertCanNotCreateAt(GlossaryPage, GlossaryPage)

    def test_youth_hub_index_only_under_home(self):
        self.assertAllowedParentPageTypes(YouthHubIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(
            YouthHubIndexPage, {YouthHubPage, GlossaryPage, SupportServiceIndexPage, PupilReportPage}
        )
        self.assertCanCreateAt(HomePage, YouthHubIndexPage)
        for parent in (Page, StandardPage, ToolkitIndexPage, YouthHubIndexPage, YouthHubPage):
            self.assertCanNotCreateAt(parent, YouthHubIndexPage)

    def test_youth_hub_pages_nest_inside_the_youth_hub(self):
        self.assertAllowedParentPageTypes(YouthHubPage, {YouthHubIndexPage, YouthHubPage})
        self.assertAllowedSubpageTypes(YouthHubPage, {YouthHubPage})
        self.assertCanCreateAt(YouthHubPage, YouthHubPage)
        self.assertCanNotCreateAt(HomePage, YouthHubPage)
        self.assertCanNotCreateAt(StandardPage, YouthHubPage)
        self.assertCanNotCreateAt(YouthHubPage, SupportServiceIndexPage)

    def test_support_services_and_engagement_directory(self):
        self.assertAllowedParentPageTypes(SupportServiceIndexPage, {YouthHubIndexPage, HomePage})
        self.assertAllowedSubpageTypes(SupportServiceIndexPage, set())
        self.assertAllowedParentPageTypes(EngagementDirectoryPage, {HomePage, StandardPage, ToolkitIndexPage})
        self.assertAllowedSubpageTypes(EngagementDirectoryPage, set())
        self.assertCanNotCreateAt(ToolkitIndexPage, SupportServiceIndexPage)
        self.assertCanNotCreateAt(YouthHubIndexPage, EngagementDirectoryPage)

    def test_home_and_standard_pages_offer_the_new_sections(self):
        for page_type in (
            ToolkitIndexPage,
            YouthHubIndexPage,
            GlossaryPage,
            SupportServiceIndexPage,
            EngagementDirectoryPage,
        ):
            self.assertCanCreateAt(HomePage, page_type)
        self.assertCanCreateAt(StandardPage, EngagementDirectoryPage)
        self.assertCanNotCreateAt(GuidanceIndexPage, ToolkitIndexPage)
        self.assertCanNotCreateAt(LeafletIndexPage, GlossaryPage)
        self.assertCanNotCreateAt(GuidancePage, GlossaryPage)


class PageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="portal-home")
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": cls.home}
        )
        cls.toolkit = ToolkitIndexPageFactory(parent=cls.home, slug="toolkit")
        cls.resource = ToolkitResourcePageFactory(
            parent=cls.toolkit, slug="play", stages=["ask"], ages=["5-10"], body=[PRINCIPLES]
        )
        cls.briefings = PracticeBriefingIndexPageFactory(parent=cls.toolkit, slug="briefings")
        cls.briefing = PracticeBriefingPageFactory(parent=cls.briefings, slug="learning")
        cls.glossary = GlossaryPageFactory(parent=cls.home, slug="glossary")
        cls.hub = YouthHubIndexPageFactory(parent=cls.home, slug="youth-hub")
        cls.hub_page = YouthHubPageFactory(parent=cls.hub, slug="feelings")
        cls.support = SupportServiceIndexPageFactory(parent=cls.hub, slug="get-support")
        cls.directory = EngagementDirectoryPageFactory(parent=cls.toolkit, slug="how-agencies-listen")
        GlossaryTermFactory(term="LADO", slug="lado")
        SupportServiceFactory(name="Childline", topics=["abuse"])
        EngagementEntryFactory(agency="Youth Voice charity", sector="voluntary")
        cls.pages = [
            cls.toolkit,
            cls.resource,
            cls.briefings,
            cls.briefing,
            cls.glossary,
            cls.hub,
            cls.hub_page,
            cls.support,
            cls.directory,
        ]

    def test_every_page_type_renders_and_is_routable(self):
        self.assertEqual({type(page) for page in self.pages}, TOOLKIT_PAGE_TYPES)
        for page in self.pages:
            self.assertPageIsRenderable(page)
            self.assertPageIsRoutable(page)

    def test_listing_pages_render_with_any_query_string(self):
        self.assertPageIsRenderable(self.toolkit, query_data={"stage": "bogus", "age": "11-14", "page": "9"})
        self.assertPageIsRenderable(self.briefings, query_data={"topic": "nope", "page": "x"})
        self.assertPageIsRenderable(self.support, query_data={"age": "abc", "topic": "abuse", "reach": "x"})
        self.assertPageIsRenderable(self.directory, query_data={"sector": "<b>"})

    def test_pages_render_for_a_signed_in_editor_with_the_user_bar(self):
        editor = self.create_superuser("renderer")
        for page in (self.resource, self.glossary, self.support):
            self.assertPageIsRenderable(page, user=editor)

    def test_pages_use_their_own_templates(self):
        expected = {
            self.toolkit: "toolkit/toolkit_index_page.html",
            self.resource: "toolkit/toolkit_resource_page.html",
            self.briefings: "toolkit/practice_briefing_index_page.html",
            self.briefing: "toolkit/practice_briefing_page.html",
            self.glossary: "toolkit/glossary_page.html",
            self.hub: "toolkit/youth_hub_index_page.html",
            self.hub_page: "toolkit/youth_hub_page.html",
            self.support: "toolkit/support_service_index_page.html",
            self.directory: "toolkit/engagement_directory_page.html",
        }
        for page, template in expected.items():
            self.assertTemplateUsed(self.client.get(page.url), template)

    def test_draft_pages_are_not_found(self):
        draft = ToolkitResourcePageFactory(parent=self.toolkit, slug="draft", live=False)
        self.assertEqual(self.client.get("/toolkit/draft/").status_code, 404)
        self.assertPageIsRenderable(draft, accept_404=True)


# --- What each page shows --------------------------------------------------------------------------


@pytest.fixture
def toolkit(home_page):
    return ToolkitIndexPageFactory(parent=home_page, slug="toolkit", introduction="Tools for hearing children.")


def test_toolkit_index_shows_each_resource_with_its_tags(client, toolkit):
    ToolkitResourcePageFactory(
        parent=toolkit,
        title="Three houses",
        slug="three-houses",
        summary="A drawing activity for direct work.",
        stages=["listen", "ask"],
        ages=["11-14", "5-10"],
        resource_format="activity",
    )
    toolkit.body = [text_block("<p>About the toolkit.</p>")]
    toolkit.save()

    soup = soup_of(client.get(toolkit.url))

    assert soup.h1.get_text() == "Voice of the Child toolkit"
    assert soup.select_one(".lead").get_text() == "Tools for hearing children."
    item = soup.select_one(".result-list > li")
    assert item.h3.a["href"] == "/toolkit/three-houses/"
    assert item.p.get_text() == "A drawing activity for direct work."
    # Tags in the order of the fixed lists, not the order they were chosen.
    assert [tag.get_text() for tag in item.select(".tag")] == ["Activity", "Ask", "Listen", "5 to 10", "11 to 14"]
    assert "About the toolkit." in soup.select_one("main").get_text()


def test_toolkit_resource_shows_its_facts_principles_downloads_and_history(client, toolkit, publish):
    team = TeamFactory(name="Partnership business unit")
    resource = ToolkitResourcePageFactory(
        parent=toolkit,
        slug="working-with-parents",
        title="Working with parents",
        summary="Principles for working with parents and carers.",
        stages=["feed-back", "ask"],
        uses=["strategic-planning", "direct-work"],
        ages=["18-25", "0-4"],
        resource_format="briefing",
        body=[PRINCIPLES],
        owning_team=team,
        last_reviewed=datetime.date(2026, 2, 1),
    )
    document = PortalDocumentFactory(title="Principles poster", kind="form")
    ToolkitDownload.objects.create(page=resource, document=document)
    publish(resource, change_note="Added a fourth principle.")

    soup = soup_of(client.get(resource.url))

    article = soup.select_one("article.content")
    assert article.h1.get_text() == "Working with parents"
    assert article.select_one(".lead").get_text() == "Principles for working with parents and carers."
    facts = {div.dt.get_text(): div.dd.get_text() for div in article.select("dl.facts > div")}
    assert facts == {
        "Format": "Briefing",
        "Stage": "Ask, Feed back",
        "Use": "Direct work with children, Strategic planning",
        "Age of the child": "Under 5, 18 to 25 (care leavers)",
    }
    principles = article.select_one("section.principles")
    assert principles.h2.get_text() == "Working with parents and carers"
    assert principles.p.get_text() == "Four principles guide our work."
    assert [li.h3.get_text() for li in principles.select("ol.principles__list > li")] == [
        "Build trusting relationships",
        "Communicate clearly",
    ]
    assert principles["aria-labelledby"] == principles.h2["id"]
    downloads = article.select_one("section[aria-labelledby=downloads-heading]")
    assert downloads.a.get_text() == "Principles poster"
    assert downloads.a["href"] == document.url
    assert "Partnership business unit" in article.select_one(".page-meta").get_text()
    assert "Added a fourth principle." in article.select_one(".change-history").get_text()


def test_toolkit_resource_without_facets_or_downloads_leaves_them_out(client, toolkit):
    resource = ToolkitResourcePageFactory(parent=toolkit, slug="bare")

    soup = soup_of(client.get(resource.url))

    assert [div.dt.get_text() for div in soup.select("dl.facts > div")] == ["Format"]
    assert soup.select_one("section[aria-labelledby=downloads-heading]") is None


def test_practice_briefing_shows_its_date_summary_topics_and_download(client, toolkit):
    index = PracticeBriefingIndexPageFactory(parent=toolkit, slug="briefings", introduction="What we learned.")
    document = PortalDocumentFactory(title="Briefing PDF", kind="guidance")
    briefing = PracticeBriefingPageFactory(
        parent=index,
        title="Learning from a review",
        slug="review",
        date=datetime.date(2026, 3, 9),
        summary="Seven minute briefing.",
        topics=[TopicFactory(name="Neglect", slug="neglect")],
        document=document,
        body=[text_block("<p>Key findings.</p>")],
    )

    soup = soup_of(client.get(briefing.url))

    article = soup.select_one("article.content")
    assert article.select_one("time")["datetime"] == "2026-03-09"
    assert article.select_one("time").get_text() == "9 March 2026"
    assert article.select_one(".lead").get_text() == "Seven minute briefing."
    assert "Key findings." in article.get_text()
    assert article.select_one("section[aria-labelledby=download-heading] a")["href"] == document.url

    listing = soup_of(client.get(index.url))
    assert listing.select_one(".lead").get_text() == "What we learned."
    assert listing.select_one(".result-list .hint").get_text(" ", strip=True) == "March 2026 · Neglect"


def test_briefings_page_with_none_says_so(client, toolkit):
    index = PracticeBriefingIndexPageFactory(parent=toolkit, slug="briefings")

    response = client.get(index.url)

    assert response.status_code == 200
    assert "No briefings on this topic yet." in response.content.decode()
    assert soup_of(response).select_one("#results-heading").get_text(strip=True) == "0 briefings"


def test_support_services_show_how_to_contact_them(client, home_page):
    page = SupportServiceIndexPageFactory(parent=home_page, slug="get-support")
    SupportServiceFactory(
        name="Childline",
        helps_with="Anything that worries you.",
        topics=["abuse"],
        phone="0800 1111",
        text="Text 0800 1111",
        website="https://www.childline.org.uk/",
        opening_hours="Any time",
        max_age=18,
    )

    soup = soup_of(client.get(page.url))

    service = soup.select_one("li.service")
    assert service.h3.select_one(".tag").get_text() == "National"
    assert service.p.get_text() == "Anything that worries you."
    assert service.select_one('a[href="tel:08001111"]').get_text() == "0800 1111"
    assert service.select_one('a[href="https://www.childline.org.uk/"]').get_text() == "Childline website"
    assert service.select_one(".hint").get_text() == "Any time · Up to age 18"


@pytest.mark.parametrize(
    ("min_age", "max_age", "text"),
    [(11, 25, "Ages 11 to 25"), (None, 18, "Up to age 18"), (13, None, "Age 13 and over"), (None, None, "")],
)
def test_support_service_age_range_text(min_age, max_age, text):
    assert SupportService(name="x", min_age=min_age, max_age=max_age).age_range_text == text


def test_engagement_directory_entry_shows_methods_and_contacts(client, home_page):
    page = EngagementDirectoryPageFactory(parent=home_page, slug="how-agencies-listen", introduction="Who listens.")
    EngagementEntryFactory(
        agency="CAMHS participation group",
        sector="health",
        summary="Young people shape the service.",
        methods="<ul><li>Youth panel</li><li>Surveys</li></ul>",
        how_to_get_involved="Ask your worker.",
        contact_email="participation@nhs.example",
        contact_phone="01708 000 111",
    )

    soup = soup_of(client.get(page.url))

    assert soup.select_one(".lead").get_text() == "Who listens."
    entry = soup.select_one("article.directory-entry")
    assert entry.h3.get_text() == "CAMHS participation group"
    assert [li.get_text() for li in entry.select(".rich-text li")] == ["Youth panel", "Surveys"]
    assert "How to get involved: Ask your worker." in entry.get_text(" ", strip=True)
    assert entry.select_one('a[href="mailto:participation@nhs.example"]') is not None
    assert entry.select_one('a[href="tel:01708000111"]').get_text() == "01708 000 111"


def test_engagement_directory_with_no_entries_says_so(client, home_page):
    page = EngagementDirectoryPageFactory(parent=home_page, slug="how-agencies-listen")

    assert "No agencies are listed for this sector yet." in client.get(page.url).content.decode()


def test_toolkit_can_sit_in_a_section(client, home_page):
    section = StandardPageFactory(parent=home_page, slug="practitioners")
    toolkit = ToolkitIndexPageFactory(parent=section, slug="toolkit")
    ToolkitResourcePageFactory(parent=toolkit, title="Nested resource")

    response = client.get(toolkit.url)

    assert response.status_code == 200
    assert [h3.get_text(strip=True) for h3 in soup_of(response).select(".result-list h3")] == ["Nested resource"]
