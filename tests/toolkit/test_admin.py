"""The Wagtail admin for the toolkit, glossary, Youth Hub and engagement directory: adding and
editing every page type as a superuser, the snippets, and refusing outsiders."""

from __future__ import annotations

import pytest

from django.test import Client
from django.urls import reverse

from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.toolkit.models import (
    AgeRange,
    EngagementDirectoryPage,
    EngagementEntry,
    GlossaryPage,
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
from tests.factories import (
    GuidancePageFactory,
    HomePageFactory,
    PortalDocumentFactory,
    TeamFactory,
    TopicFactory,
    UserFactory,
)
from tests.toolkit.factories import (
    EngagementEntryFactory,
    GlossaryTermFactory,
    PracticeBriefingIndexPageFactory,
    SupportServiceFactory,
    ToolkitIndexPageFactory,
    ToolkitResourcePageFactory,
    YouthHubIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def listblock(items: list) -> dict:
    """ListBlock form data, in the shape the admin's StreamField widget posts."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def ids(model, *slugs: str) -> list[str]:
    return [str(pk) for pk in model.objects.filter(slug__in=slugs).values_list("pk", flat=True)]


def review_fields(**overrides) -> dict:
    return {"owning_team": "", "last_reviewed": "", "next_review_date": "", "change_note": "", **overrides}


def principles_block(heading: str = "Working with parents and carers") -> tuple[str, dict]:
    return (
        "principles",
        {
            "heading": heading,
            "introduction": "Four principles guide our work.",
            "principles": listblock(
                [
                    {"title": "Build trusting relationships", "explanation": "Be honest and reliable."},
                    {"title": "Communicate clearly", "explanation": "Use plain words."},
                ]
            ),
        },
    )


def resource_form(*, slug: str, stages, uses, ages, downloads=(), heading="Working with parents and carers", **extra):
    data = nested_form_data(
        {
            "title": "Working with parents",
            "slug": slug,
            "summary": "Principles for working with parents and carers.",
            "resource_format": "briefing",
            "body": streamfield([principles_block(heading), ("text", rich_text("<p>Talk to the LADO.</p>"))]),
            "downloads": inline_formset(list(downloads)),
            **review_fields(),
            **extra,
        }
    )
    # Multi-value fields go in as lists (nested_form_data would number them).
    data["stages"] = ids(Stage, *stages)
    data["uses"] = ids(Use, *uses)
    data["age_ranges"] = ids(AgeRange, *ages)
    return data


class ToolkitAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=cls.root, slug="portal-home")
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": cls.home}
        )
        cls.toolkit = ToolkitIndexPageFactory(parent=cls.home, slug="toolkit")
        cls.hub = YouthHubIndexPageFactory(parent=cls.home, slug="youth-hub")
        cls.document = PortalDocumentFactory(title="Principles poster", kind="form")
        cls.team = TeamFactory(name="Partnership business unit")

    def setUp(self):
        super().setUp()
        self.user = self.login()

    def edit(self, page, data):
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "1"})
        errors = response.context["form"].errors if response.status_code == 200 and response.context else None
        self.assertEqual(response.status_code, 302, errors)
        page = page.specific_class.objects.get(pk=page.pk)
        return page

    # Toolkit resources --------------------------------------------------------------------------

    def test_the_add_form_for_a_resource_shows_every_facet(self):
        url = reverse("wagtailadmin_pages:add", args=["toolkit", "toolkitresourcepage", self.toolkit.pk])
        self.assertEqual(url, f"/admin/pages/add/toolkit/toolkitresourcepage/{self.toolkit.pk}/")

        response = self.client.get(url)

        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        for name in ("stages", "uses", "age_ranges"):
            self.assertIn(f'type="checkbox" name="{name}"', content)
        self.assertIn('name="resource_format"', content)

    def test_add_resource_with_facets_principles_and_a_download(self):
        data = resource_form(
            slug="working-with-parents",
            stages=["ask", "feed-back"],
            uses=["direct-work"],
            ages=["11-14", "15-17"],
            downloads=[{"document": str(self.document.pk)}],
            owning_team=str(self.team.pk),
            next_review_date="2099-01-31",
        )

        self.assertCanCreate(self.toolkit, ToolkitResourcePage, data)

        page = ToolkitResourcePage.objects.child_of(self.toolkit).get(slug="working-with-parents")
        self.assertTrue(page.live)
        self.assertEqual({s.slug for s in page.stages.all()}, {"ask", "feed-back"})
        self.assertEqual([u.slug for u in page.uses.all()], ["direct-work"])
        self.assertEqual({a.slug for a in page.age_ranges.all()}, {"11-14", "15-17"})
        self.assertEqual(page.resource_format, "briefing")
        self.assertEqual(page.owning_team, self.team)
        self.assertEqual([block.block_type for block in page.body], ["principles", "text"])
        principles = page.body[0].value
        self.assertEqual(principles["heading"], "Working with parents and carers")
        self.assertEqual(
            [p["title"] for p in principles["principles"]], ["Build trusting relationships", "Communicate clearly"]
        )
        self.assertEqual([d.document for d in page.downloads.all()], [self.document])
        # It is listed in the toolkit under its facets.
        listing = self.client.get(self.toolkit.url, {"stage": "ask", "age": "15-17"})
        self.assertContains(listing, "Working with parents")

    def test_a_resource_needs_a_summary_and_a_principle(self):
        data = resource_form(slug="incomplete", stages=["ask"], uses=[], ages=[], summary="")
        data["body-0-value-principles-count"] = "0"
        for key in [
            k for k in data if k.startswith("body-0-value-principles-0") or k.startswith("body-0-value-principles-1")
        ]:
            del data[key]

        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["toolkit", "toolkitresourcepage", self.toolkit.pk]),
            {**data, "action-publish": "1"},
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("summary", response.context["form"].errors)
        self.assertFalse(ToolkitResourcePage.objects.filter(slug="incomplete").exists())

    def test_edit_resource(self):
        page = ToolkitResourcePageFactory(parent=self.toolkit, slug="three-houses", stages=["listen"], ages=["5-10"])
        self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200)

        edited = self.edit(
            page,
            resource_form(
                slug="three-houses", stages=["act"], uses=["recruitment"], ages=["18-25"], heading="Four principles"
            ),
        )

        self.assertEqual([s.slug for s in edited.stages.all()], ["act"])
        self.assertEqual([a.slug for a in edited.age_ranges.all()], ["18-25"])
        self.assertEqual(edited.body[0].value["heading"], "Four principles")
        self.assertContains(self.client.get(edited.url), "Four principles")

    def test_the_admin_refuses_a_resource_outside_a_toolkit(self):
        refused = self.client.get(
            reverse("wagtailadmin_pages:add", args=["toolkit", "toolkitresourcepage", self.home.pk])
        )
        self.assertIn(refused.status_code, (302, 403))
        self.assertNotIn(b"page-edit-form", refused.content)

        refused = self.client.get(reverse("wagtailadmin_pages:add", args=["toolkit", "youthhubindexpage", self.hub.pk]))
        self.assertIn(refused.status_code, (302, 403))

    # Other page types ---------------------------------------------------------------------------

    def test_add_and_edit_toolkit_index(self):
        data = nested_form_data(
            {
                "title": "Toolkit",
                "slug": "new-toolkit",
                "introduction": "Tools.",
                "body": streamfield([principles_block()]),
            }
        )
        self.assertCanCreate(self.home, ToolkitIndexPage, data)
        page = ToolkitIndexPage.objects.child_of(self.home).get(slug="new-toolkit")
        self.assertEqual(page.body[0].block_type, "principles")

        edited = self.edit(page, {**data, "introduction": "Updated."})
        self.assertEqual(edited.introduction, "Updated.")

    def test_add_briefings_and_a_briefing(self):
        self.assertCanCreate(
            self.toolkit,
            PracticeBriefingIndexPage,
            {"title": "Practice briefings", "slug": "briefings", "introduction": "Learning."},
        )
        index = PracticeBriefingIndexPage.objects.child_of(self.toolkit).get(slug="briefings")
        topic = TopicFactory(name="Neglect", slug="neglect")
        data = nested_form_data(
            {
                "title": "Learning from a review",
                "slug": "review",
                "date": "2026-03-09",
                "summary": "Seven minute briefing.",
                "body": streamfield([("text", rich_text("<p>Findings.</p>"))]),
                "document": str(self.document.pk),
            }
        )
        data["topics"] = [str(topic.pk)]

        self.assertCanCreate(index, PracticeBriefingPage, data)

        briefing = PracticeBriefingPage.objects.child_of(index).get(slug="review")
        self.assertEqual(str(briefing.date), "2026-03-09")
        self.assertEqual(list(briefing.topics.all()), [topic])
        self.assertEqual(briefing.document, self.document)

    def test_add_glossary_pages_with_and_without_the_quick_exit(self):
        self.assertCanCreate(
            self.hub, GlossaryPage, {"title": "Words", "slug": "words", "introduction": "", "show_quick_exit": "on"}
        )
        self.assertCanCreate(self.home, GlossaryPage, {"title": "Glossary", "slug": "glossary", "introduction": ""})

        self.assertTrue(GlossaryPage.objects.child_of(self.hub).get(slug="words").show_quick_exit)
        self.assertFalse(GlossaryPage.objects.child_of(self.home).get(slug="glossary").show_quick_exit)

    def test_add_the_youth_hub_and_its_pages(self):
        self.assertCanCreate(
            self.home,
            YouthHubIndexPage,
            nested_form_data(
                {
                    "title": "Youth Hub",
                    "slug": "hub",
                    "introduction": "For you.",
                    "body": streamfield([("text", rich_text("<p>Hello.</p>"))]),
                }
            ),
        )
        hub = YouthHubIndexPage.objects.child_of(self.home).get(slug="hub")
        self.assertCanCreate(
            hub,
            YouthHubPage,
            nested_form_data(
                {
                    "title": "Feelings",
                    "slug": "feelings",
                    "introduction": "",
                    "body": streamfield([("heading", {"text": "Worried?", "level": "h2"})]),
                    **review_fields(),
                }
            ),
        )
        feelings = YouthHubPage.objects.child_of(hub).get(slug="feelings")
        self.assertCanCreate(
            feelings,
            YouthHubPage,
            nested_form_data({"title": "Sleep", "slug": "sleep", "introduction": "", "body": streamfield([])}),
        )
        self.assertCanCreate(
            hub, SupportServiceIndexPage, {"title": "Get support", "slug": "get-support", "introduction": ""}
        )
        self.assertTrue(YouthHubPage.objects.child_of(feelings).filter(slug="sleep").exists())
        self.assertTrue(SupportServiceIndexPage.objects.child_of(hub).filter(slug="get-support").exists())

    def test_add_engagement_directory_in_the_toolkit(self):
        self.assertCanCreate(
            self.toolkit, EngagementDirectoryPage, {"title": "Directory", "slug": "directory", "introduction": ""}
        )

    def test_edit_briefings_page(self):
        index = PracticeBriefingIndexPageFactory(parent=self.toolkit, slug="briefings")
        edited = self.edit(index, {"title": "Briefings", "slug": "briefings", "introduction": "New."})
        self.assertEqual(edited.introduction, "New.")


# --- Snippets ------------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(db):
    client = Client()
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    return client


def add_url(model_name: str) -> str:
    return reverse(f"wagtailsnippets_toolkit_{model_name}:add")


def glossary_term_form(**overrides) -> dict:
    data = nested_form_data(
        {
            "term": "Local Authority Designated Officer",
            "slug": "lado",
            "also_known_as": "LADO, designated officer",
            "plain_definition": "The person who checks what happens when an adult may have hurt a child.",
            "practitioner_definition": rich_text("<p>See <b>Working Together</b> chapter 2.</p>"),
            "see_also": inline_formset([]),
            "link_in_pages": "on",
            **overrides,
        }
    )
    return data


def test_snippet_add_urls_are_where_editors_expect_them():
    assert add_url("glossaryterm") == "/admin/snippets/toolkit/glossaryterm/add/"
    assert add_url("supportservice") == "/admin/snippets/toolkit/supportservice/add/"
    assert add_url("engagemententry") == "/admin/snippets/toolkit/engagemententry/add/"


def test_add_glossary_term_with_related_terms_and_see_also(superuser_client, guidance_index):
    related = GlossaryTermFactory(term="Allegation", slug="allegation")
    page = GuidancePageFactory(parent=guidance_index, slug="allegations")
    assert superuser_client.get(add_url("glossaryterm")).status_code == 200
    data = glossary_term_form(see_also=inline_formset([{"page": str(page.pk)}]))
    data["related_terms"] = [str(related.pk)]

    response = superuser_client.post(add_url("glossaryterm"), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    term = GlossaryTerm.objects.get(slug="lado")
    assert term.locale == Locale.get_default()
    assert term.aliases == ["LADO", "designated officer"]
    assert "<b>Working Together</b>" in term.practitioner_definition
    assert list(term.related_terms.all()) == [related]
    assert [link.page.specific for link in term.see_also.all()] == [page]
    assert term.link_in_pages is True


def test_glossary_term_needs_a_plain_definition(superuser_client):
    response = superuser_client.post(add_url("glossaryterm"), glossary_term_form(plain_definition=""))

    assert response.status_code == 200
    assert "plain_definition" in response.context["form"].errors
    assert not GlossaryTerm.objects.exists()


def test_a_glossary_slug_is_used_once_per_language(superuser_client):
    GlossaryTermFactory(term="LADO", slug="lado")

    response = superuser_client.post(add_url("glossaryterm"), glossary_term_form(term="Another"))

    assert response.status_code == 200
    assert response.context["form"].errors == {"slug": ["Another term in this language already uses this slug."]}
    assert GlossaryTerm.objects.filter(slug="lado").count() == 1


def test_the_same_slug_may_be_used_in_another_language(superuser_client):
    GlossaryTermFactory(term="Kurator", slug="lado", locale=Locale.objects.create(language_code="pl"))

    response = superuser_client.post(add_url("glossaryterm"), glossary_term_form())

    assert response.status_code == 302
    assert GlossaryTerm.objects.filter(slug="lado").count() == 2


def test_edit_glossary_term_to_stop_linking_it(superuser_client):
    term = GlossaryTermFactory(term="Care", slug="care")
    url = reverse("wagtailsnippets_toolkit_glossaryterm:edit", args=[term.pk])
    assert superuser_client.get(url).status_code == 200

    response = superuser_client.post(
        url, glossary_term_form(term="Care", slug="care", also_known_as="", link_in_pages="")
    )

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.link_in_pages is False


def test_add_support_service(superuser_client):
    assert superuser_client.get(add_url("supportservice")).status_code == 200
    data = {
        "name": "Kooth",
        "helps_with": "Online counselling.",
        "topics": ids(HelpTopic, "mental-health", "self-harm"),
        "phone": "",
        "text": "",
        "website": "https://www.kooth.com/",
        "opening_hours": "Any time",
        "min_age": "11",
        "max_age": "25",
        "reach": "national",
    }

    response = superuser_client.post(add_url("supportservice"), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    service = SupportService.objects.get(name="Kooth")
    assert {t.slug for t in service.topics.all()} == {"mental-health", "self-harm"}
    assert (service.min_age, service.max_age, service.reach) == (11, 25, "national")


def test_support_service_names_are_unique(superuser_client):
    SupportServiceFactory(name="Kooth")

    response = superuser_client.post(
        add_url("supportservice"),
        {"name": "Kooth", "helps_with": "x", "topics": ids(HelpTopic, "bullying"), "reach": "local"},
    )

    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_add_engagement_entry(superuser_client):
    assert superuser_client.get(add_url("engagemententry")).status_code == 200
    data = nested_form_data(
        {
            "agency": "CAMHS participation group",
            "sector": "health",
            "summary": "Young people shape the service.",
            "methods": rich_text("<ul><li>Youth panel</li></ul>"),
            "how_to_get_involved": "Ask your worker.",
            "contact_email": "participation@nhs.example",
            "contact_phone": "01708 000 111",
        }
    )

    response = superuser_client.post(add_url("engagemententry"), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    entry = EngagementEntry.objects.get(agency="CAMHS participation group")
    assert entry.sector == "health"
    assert "Youth panel</li></ul>" in entry.methods


def test_engagement_entry_sector_must_be_from_the_list(superuser_client):
    data = nested_form_data(
        {"agency": "Someone", "sector": "military", "methods": rich_text("<p>Surveys.</p>"), "summary": ""}
    )

    response = superuser_client.post(add_url("engagemententry"), data)

    assert response.status_code == 200
    assert "sector" in response.context["form"].errors


def test_snippet_listings_show_what_exists(superuser_client):
    GlossaryTermFactory(term="LADO", slug="lado")
    SupportServiceFactory(name="Childline")
    EngagementEntryFactory(agency="Youth Voice charity")

    for model_name, text in [
        ("glossaryterm", "LADO"),
        ("supportservice", "Childline"),
        ("engagemententry", "Youth Voice charity"),
    ]:
        response = superuser_client.get(reverse(f"wagtailsnippets_toolkit_{model_name}:list"))
        assert response.status_code == 200, model_name
        assert text in response.content.decode(), model_name


# --- Outsiders -----------------------------------------------------------------------------------


@pytest.fixture
def outsiders(db):
    """Someone not signed in, and someone signed in without access to the admin."""
    member = Client()
    member.force_login(UserFactory(username="member"))
    return {"anonymous": Client(), "member": member}


def test_outsiders_cannot_add_snippets(outsiders):
    posts = {
        "glossaryterm": glossary_term_form(),
        "supportservice": {"name": "Fake", "helps_with": "x", "reach": "local"},
        "engagemententry": {"agency": "Fake", "sector": "health", "methods": rich_text("<p>x</p>")},
    }
    for who, client in outsiders.items():
        for model_name, data in posts.items():
            assert client.get(add_url(model_name)).status_code in (302, 403), (who, model_name)
            response = client.post(add_url(model_name), data)
            assert response.status_code in (302, 403), (who, model_name)
            if response.status_code == 302:
                assert "/login/" in response["Location"] or response["Location"].startswith("/admin/"), who
    assert not GlossaryTerm.objects.exists()
    assert not SupportService.objects.exists()
    assert not EngagementEntry.objects.exists()


def test_outsiders_cannot_add_toolkit_pages(outsiders, home_page):
    toolkit = ToolkitIndexPageFactory(parent=home_page, slug="toolkit")
    url = reverse("wagtailadmin_pages:add", args=["toolkit", "toolkitresourcepage", toolkit.pk])
    data = resource_form(slug="sneaky", stages=["ask"], uses=[], ages=[])

    for who, client in outsiders.items():
        assert client.get(url).status_code in (302, 403), who
        assert client.post(url, {**data, "action-publish": "1"}).status_code in (302, 403), who
    assert not ToolkitResourcePage.objects.filter(slug="sneaky").exists()


def test_support_service_ages_must_be_in_order(superuser_client):
    response = superuser_client.post(
        add_url("supportservice"),
        {
            "name": "Upside down",
            "helps_with": "x",
            "topics": ids(HelpTopic, "bullying"),
            "reach": "local",
            "min_age": "18",
            "max_age": "11",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["max_age"] == [
        "The oldest age must be the same as or more than the youngest age."
    ]
    assert not SupportService.objects.exists()


# --- Editors -------------------------------------------------------------------------------------


def test_editors_maintain_the_glossary_but_cannot_delete_terms(db):
    editor = UserFactory(username="glossary-editor", groups=["Editors"])
    client = Client()
    client.force_login(editor)

    response = client.post(add_url("glossaryterm"), glossary_term_form())

    assert response.status_code == 302
    term = GlossaryTerm.objects.get()
    assert client.get(f"/admin/snippets/toolkit/glossaryterm/edit/{term.pk}/").status_code == 200
    assert client.post(f"/admin/snippets/toolkit/glossaryterm/delete/{term.pk}/").status_code in (302, 403)
    assert GlossaryTerm.objects.filter(pk=term.pk).exists()
    assert editor.has_perm("toolkit.add_supportservice")
    assert editor.has_perm("toolkit.change_engagemententry")
    assert not editor.has_perm("toolkit.delete_supportservice")


def test_approvers_may_delete_glossary_terms(db):
    approver = UserFactory(username="glossary-approver", groups=["Moderators"])
    assert approver.has_perm("toolkit.delete_glossaryterm")
    assert approver.has_perm("toolkit.delete_supportservice")
