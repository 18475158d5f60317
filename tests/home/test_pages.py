"""Page types: where each can be created, and that each renders what readers need."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup

from django.utils import timezone

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from portal.home.models import (
    ExternalReference,
    GuidanceIndexPage,
    GuidancePage,
    GuidanceRelatedDocument,
    HomePage,
    LeafletIndexPage,
    RecentUpdatesPage,
    StandardPage,
)
from tests.factories import (
    GuidanceIndexPageFactory,
    GuidancePageFactory,
    HomePageFactory,
    LeafletIndexPageFactory,
    PortalDocumentFactory,
    RecentUpdatesPageFactory,
    StandardPageFactory,
    TeamFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

PAGE_TYPES = [HomePage, StandardPage, GuidanceIndexPage, GuidancePage, LeafletIndexPage, RecentUpdatesPage]


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


class PageTreeRulesTests(WagtailPageTestCase):
    """parent_page_types and subpage_types keep the tree in the shape the site expects."""

    # Other apps (the toolkit) add their own sections, so these check the guidance library's part.

    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        for section in (StandardPage, GuidanceIndexPage, LeafletIndexPage, RecentUpdatesPage):
            self.assertCanCreateAt(HomePage, section)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(HomePage, GuidancePage)

    def test_standard_pages_nest_and_can_hold_guidance_and_leaflets(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        for child in (StandardPage, GuidanceIndexPage, LeafletIndexPage):
            self.assertCanCreateAt(StandardPage, child)
        self.assertCanNotCreateAt(StandardPage, RecentUpdatesPage)
        self.assertCanNotCreateAt(StandardPage, GuidancePage)
        self.assertCanNotCreateAt(Page, StandardPage)
        self.assertCanNotCreateAt(GuidanceIndexPage, StandardPage)

    def test_guidance_lives_only_in_a_guidance_index(self):
        self.assertAllowedParentPageTypes(GuidancePage, {GuidanceIndexPage})
        self.assertAllowedSubpageTypes(GuidancePage, set())
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidancePage})
        self.assertCanCreateAt(GuidanceIndexPage, GuidancePage)
        self.assertCanCreateAt(StandardPage, GuidanceIndexPage)
        for parent in (Page, HomePage, StandardPage, LeafletIndexPage, RecentUpdatesPage, GuidancePage):
            self.assertCanNotCreateAt(parent, GuidancePage)

    def test_listing_pages_are_leaves(self):
        self.assertAllowedSubpageTypes(LeafletIndexPage, set())
        self.assertAllowedSubpageTypes(RecentUpdatesPage, set())
        self.assertAllowedParentPageTypes(LeafletIndexPage, {HomePage, StandardPage})
        self.assertAllowedParentPageTypes(RecentUpdatesPage, {HomePage})
        self.assertCanNotCreateAt(StandardPage, RecentUpdatesPage)


class PageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="portal-home")
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": cls.home}
        )
        cls.standard = StandardPageFactory(parent=cls.home, slug="about")
        cls.nested = StandardPageFactory(parent=cls.standard, slug="governance")
        cls.index = GuidanceIndexPageFactory(parent=cls.home, slug="guidance")
        cls.guidance = GuidancePageFactory(
            parent=cls.index,
            slug="core-groups",
            topics=[TopicFactory(slug="child-protection")],
            audiences=["practitioners"],
        )
        cls.leaflets = LeafletIndexPageFactory(parent=cls.home, slug="leaflets")
        cls.updates = RecentUpdatesPageFactory(parent=cls.home, slug="recent-updates")

    def test_every_page_type_renders(self):
        pages = [self.home, self.standard, self.nested, self.index, self.guidance, self.leaflets, self.updates]
        self.assertEqual({type(page) for page in pages}, set(PAGE_TYPES))
        for page in pages:
            self.assertPageIsRenderable(page)
            self.assertPageIsRoutable(page)

    def test_listing_pages_render_with_query_strings(self):
        self.assertPageIsRenderable(self.index, query_data={"topic": "child-protection", "page": "2"})
        self.assertPageIsRenderable(self.leaflets, query_data={"language": "pl", "audience": "nobody"})
        self.assertPageIsRenderable(self.updates, query_data={"since": "1/9/2025"})

    def test_draft_page_is_not_found(self):
        draft = GuidancePageFactory(parent=self.index, slug="draft", live=False)
        self.assertPageIsRenderable(draft, accept_404=True)
        self.assertEqual(self.client.get("/guidance/draft/").status_code, 404)

    def test_pages_render_for_a_signed_in_editor_with_the_user_bar(self):
        editor = self.create_superuser("renderer")
        self.assertPageIsRenderable(self.guidance, user=editor)

    def test_pages_use_their_own_templates(self):
        expected = {
            self.home: "home/home_page.html",
            self.standard: "home/standard_page.html",
            self.index: "home/guidance_index_page.html",
            self.guidance: "home/guidance_page.html",
            self.leaflets: "home/leaflet_index_page.html",
            self.updates: "home/recent_updates_page.html",
        }
        for page, template in expected.items():
            self.assertTemplateUsed(self.client.get(page.url), template)


# --- What each page shows --------------------------------------------------------------------------


def test_home_page_shows_its_introduction_and_audience_routes(client, home_page):
    practitioners = StandardPageFactory(parent=home_page, slug="practitioners")
    families = StandardPageFactory(parent=home_page, slug="families")
    home_page.introduction = "Keeping children safe is everyone's business."
    home_page.routes = [
        {
            "type": "route",
            "value": {
                "audience": "Practitioners",
                "description": "Procedures.",
                "page": practitioners.pk,
                "link_text": "Find guidance",
            },
        },
        {
            "type": "route",
            "value": {
                "audience": "Parents and carers",
                "description": "Support.",
                "page": families.pk,
                "link_text": "Get support",
            },
        },
    ]
    home_page.save()

    soup = soup_of(client.get(home_page.url))

    assert soup.h1.get_text() == home_page.title
    assert soup.select_one(".hero .lead").get_text() == "Keeping children safe is everyone's business."
    cards = soup.select(".routes .card")
    assert [(c.h3.get_text(), c.a.get_text(), c.a["href"]) for c in cards] == [
        ("Practitioners", "Find guidance", practitioners.url),
        ("Parents and carers", "Get support", families.url),
    ]
    assert "page-home" in soup.body["class"]


def test_standard_page_shows_its_body_and_review_details(client, home_page):
    team = TeamFactory(name="Partnership business unit", email="business@borough.example")
    page = StandardPageFactory(
        parent=home_page,
        slug="about",
        title="About the partnership",
        introduction="Who we are.",
        body=[{"type": "text", "value": "<p>Three statutory partners lead the partnership.</p>", "id": "t"}],
        owning_team=team,
        last_reviewed=datetime.date(2026, 2, 1),
        next_review_date=datetime.date(2099, 2, 1),
    )

    soup = soup_of(client.get(page.url))

    article = soup.select_one("article.content")
    assert article.h1.get_text() == "About the partnership"
    assert article.select_one(".lead").get_text() == "Who we are."
    assert article.select_one(".rich-text p").get_text() == "Three statutory partners lead the partnership."
    meta = article.select_one(".page-meta").get_text(" ", strip=True)
    assert "Last reviewed 1 February 2026" in meta
    assert "Next review due 1 February 2099" in meta
    assert "Partnership business unit" in meta
    assert article.select_one(".page-meta a")["href"] == "mailto:business@borough.example"
    assert "Review overdue" not in meta


def test_overdue_review_is_flagged_to_readers(client, guidance_index):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page = GuidancePageFactory(parent=guidance_index, next_review_date=yesterday)

    meta = soup_of(client.get(page.url)).select_one(".page-meta")

    assert page.is_review_overdue
    assert meta.select_one(".tag--warning").get_text() == "Review overdue"


def test_guidance_page_shows_summary_topics_audiences_documents_and_references(client, guidance_index):
    topic = TopicFactory(name="Child sexual abuse", slug="child-sexual-abuse")
    page = GuidancePageFactory(
        parent=guidance_index,
        slug="csa-referrals",
        title="Referring child sexual abuse",
        summary="How to refer a concern about sexual abuse.",
        topics=[topic],
        audiences=["practitioners", "parents-and-carers"],
    )
    document = PortalDocumentFactory(title="CSA referral form", kind="form")
    GuidanceRelatedDocument.objects.create(page=page, document=document)
    ExternalReference.objects.create(
        page=page, title="Working Together to Safeguard Children", url="https://www.gov.uk/wt", publisher="DfE"
    )

    response = client.get(page.url)

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.h1.get_text() == "Referring child sexual abuse"
    assert soup.select_one(".guidance .lead").get_text() == "How to refer a concern about sexual abuse."
    tags = [li.get_text() for li in soup.select(".tag-list li")]
    assert tags == ["Child sexual abuse", "Practitioners", "Parents and carers"]
    assert soup.select_one("#documents-heading + .document-list a")["href"] == document.url
    reference = soup.select_one(".reference-list a")
    assert (reference.get_text(), reference["href"]) == (
        "Working Together to Safeguard Children",
        "https://www.gov.uk/wt",
    )
    assert "(DfE)" in soup.select_one(".reference-list").get_text()


def test_guidance_page_without_extras_leaves_their_sections_out(client, guidance_index):
    page = GuidancePageFactory(parent=guidance_index, topics=[], audiences=[])

    soup = soup_of(client.get(page.url))

    assert soup.select_one(".tag-list") is None
    assert soup.select_one("#documents-heading") is None
    assert soup.select_one("#references-heading") is None


def test_standard_page_body_decision_guide_links_work(client, home_page):
    guide = {
        "title": "Who to call",
        "introduction": "",
        "steps": [
            {
                "question": "Is it an emergency?",
                "help_text": "",
                "outcomes": [{"condition": "No", "action": "<p>Read on.</p>", "next_step": 2}],
            },
            {
                "question": "Is it out of hours?",
                "help_text": "",
                "outcomes": [{"condition": "Yes", "action": "<p>Call EDT.</p>", "next_step": None}],
            },
        ],
    }
    page = StandardPageFactory(parent=home_page, body=[{"type": "decision_guide", "value": guide, "id": "route-1"}])

    soup = soup_of(client.get(page.url))

    link = soup.select_one(".decision-guide a")
    assert link["href"] == "#guide-route-1-step-2"
    assert soup.find(id="guide-route-1-step-2") is not None


def test_search_description_and_seo_title_are_used(client, guidance_index):
    page = GuidancePageFactory(
        parent=guidance_index, seo_title="Core groups: guidance", search_description="What a core group does."
    )

    soup = soup_of(client.get(page.url))

    assert soup.title.get_text().startswith("Core groups: guidance | ")
    assert soup.select_one("meta[name=description]")["content"] == "What a core group does."


def test_guidance_index_shows_only_published_children(client, guidance_index):
    GuidancePageFactory(parent=guidance_index, title="Live guidance", summary="Live summary.")
    GuidancePageFactory(parent=guidance_index, title="Draft guidance", live=False)

    soup = soup_of(client.get(guidance_index.url))

    items = soup.select(".result-list li")
    assert [li.h3.get_text(strip=True) for li in items] == ["Live guidance"]
    assert items[0].p.get_text() == "Live summary."
