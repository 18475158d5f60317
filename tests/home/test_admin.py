"""The Wagtail admin: adding and editing every page type, the review-due report, least-privilege
roles for editors and moderators, and an admin that never calls a third party."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.models import Collection, GroupCollectionPermission, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.home.models import (
    ExternalReference,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    LeafletIndexPage,
    PageChange,
    PartnershipSettings,
    RecentUpdatesPage,
    StandardPage,
)
from portal.home.roles import APPROVERS, EDITORS, ensure_roles
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
    UserFactory,
)

pytestmark = pytest.mark.django_db


# --- Building admin form data ------------------------------------------------------------------


def listblock(items: list) -> dict:
    """ListBlock form data, in the shape the admin's StreamField widget posts."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i), "id": ""} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def decision_guide_form(title: str = "Referral route") -> dict:
    return {
        "title": title,
        "introduction": "Work through the steps in order.",
        "steps": listblock(
            [
                {
                    "question": "How old is the child?",
                    "help_text": "",
                    "outcomes": listblock(
                        [
                            {"condition": "Under 13", "action": rich_text("<p>Tell the police.</p>"), "next_step": "2"},
                            {"condition": "13 or older", "action": rich_text("<p>Discuss it.</p>"), "next_step": "2"},
                        ]
                    ),
                },
                {
                    "question": "When did it happen?",
                    "help_text": "Ask gently.",
                    "outcomes": listblock(
                        [
                            {
                                "condition": "In the last 7 days",
                                "action": rich_text("<p>Call the SARC.</p>"),
                                "next_step": "",
                            }
                        ]
                    ),
                },
            ]
        ),
    }


def accordion_form() -> dict:
    return {
        "title": "Common questions",
        "items": listblock(
            [
                {"heading": "Do I need consent to share?", "content": rich_text("<p>Not if a child is at risk.</p>")},
                {"heading": "Who do I tell?", "content": rich_text("<p>Your safeguarding lead.</p>")},
            ]
        ),
    }


def body_form(document_id: int) -> dict:
    return streamfield(
        [
            ("heading", {"text": "When to refer", "level": "h2"}),
            ("text", rich_text("<p>Every practitioner has a duty to act.</p>")),
            (
                "what_to_do_now",
                {"heading": "What to do now", "urgency": "urgent", "body": rich_text("<p>Call 999.</p>")},
            ),
            (
                "contact_details",
                {
                    "name": "MASH",
                    "description": "",
                    "phone": "01708 433 222",
                    "email": "mash@borough.example",
                    "address": "",
                    "opening_hours": "9am to 5pm",
                    "out_of_hours": "",
                },
            ),
            ("decision_guide", decision_guide_form()),
            ("accordion", accordion_form()),
            ("document_list", {"heading": "Forms", "documents": listblock([str(document_id)])}),
            (
                "video_link",
                {
                    "title": "Conferences explained",
                    "url": "https://video.example/conference",
                    "publisher": "",
                    "duration": "5 minutes",
                    "text_alternative": rich_text("<p>A transcript.</p>"),
                },
            ),
            ("child_voice_quote", {"quote": "Listen to me.", "attribution": "Young person, 15", "context": ""}),
        ]
    )


def review_fields(**overrides) -> dict:
    fields = {"owning_team": "", "last_reviewed": "", "next_review_date": "", "change_note": ""}
    fields.update(overrides)
    return fields


def guidance_form(*, title, slug, topics, audiences, body, references, related_documents=(), initial=0, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "When and how to refer a concern about sexual abuse.",
            "body": body,
            "related_documents": inline_formset(list(related_documents)),
            "external_references": inline_formset(references, initial=initial),
            **review_fields(),
            **extra,
        }
    )
    # Multi-value fields go in as lists (nested_form_data would number them).
    data["topics"] = [str(topic.pk) for topic in topics]
    data["audiences"] = [str(audience) for audience in audiences]
    return data


def audience_ids(*slugs: str) -> list[int]:
    from portal.home.models import Audience

    return list(Audience.objects.filter(slug__in=slugs).values_list("id", flat=True))


# --- Add and edit every page type as a superuser ----------------------------------------------------


class AdminAddAndEditTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=cls.root, slug="portal-home")
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": cls.home}
        )
        cls.index = GuidanceIndexPageFactory(parent=cls.home, slug="guidance")
        cls.protection = TopicFactory(name="Child protection", slug="child-protection")
        cls.abuse = TopicFactory(name="Sexual abuse", slug="sexual-abuse")
        cls.team = TeamFactory(name="MASH team")
        cls.document = PortalDocumentFactory(title="Referral form", kind="form")

    def setUp(self):
        super().setUp()
        self.user = self.login()

    def edit(self, page, data, action="action-publish"):
        return self.client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, action: action})

    def assertPublishedEdit(self, page, data):
        response = self.edit(page, data)
        errors = response.context["form"].errors if response.status_code == 200 and response.context else None
        self.assertEqual(response.status_code, 302, errors)
        self.assertRedirects(response, reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
        page = page.specific
        page.refresh_from_db()
        return page

    # Home page --------------------------------------------------------------------------------

    def home_form(self, slug, **overrides):
        target = StandardPageFactory(parent=self.home, slug=f"{slug}-target")
        return nested_form_data(
            {
                "title": "Borough Safeguarding Children Partnership",
                "slug": slug,
                "introduction": "Keeping children safe is everyone's business.",
                "routes": streamfield(
                    [
                        (
                            "route",
                            {
                                "audience": "Practitioners",
                                "description": "Procedures and thresholds.",
                                "page": str(target.pk),
                                "link_text": "Find guidance",
                            },
                        )
                    ]
                ),
                "body": streamfield([("text", rich_text("<p>Welcome.</p>"))]),
                **overrides,
            }
        ), target

    def test_add_home_page(self):
        data, target = self.home_form("new-home")
        self.assertCanCreate(self.root, HomePage, data)

        page = HomePage.objects.child_of(self.root).get(slug="new-home")
        self.assertTrue(page.live)
        self.assertEqual(page.introduction, "Keeping children safe is everyone's business.")
        self.assertEqual(page.routes[0].value["page"].specific, target)
        self.assertEqual(page.routes[0].value["link_text"], "Find guidance")
        self.assertEqual(page.body[0].block_type, "text")

    def test_edit_home_page(self):
        self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[self.home.pk])).status_code, 200)
        data, _ = self.home_form(self.home.slug, introduction="A new welcome.")

        page = self.assertPublishedEdit(self.home, data)

        self.assertEqual(page.introduction, "A new welcome.")
        self.assertEqual(len(page.routes), 1)
        self.assertIn(b"A new welcome.", self.client.get(page.url).content)

    # Standard page ----------------------------------------------------------------------------

    def standard_form(self, slug, **overrides):
        return nested_form_data(
            {
                "title": "About the partnership",
                "slug": slug,
                "introduction": "Who we are.",
                "body": streamfield(
                    [
                        ("text", rich_text("<p>Three statutory partners.</p>")),
                        (
                            "what_to_do_now",
                            {"heading": "Worried?", "urgency": "action", "body": rich_text("<p>Tell us.</p>")},
                        ),
                    ]
                ),
                **review_fields(owning_team=str(self.team.pk), next_review_date="2099-01-31"),
                **overrides,
            }
        )

    def test_add_standard_page_under_home_and_under_another_standard_page(self):
        self.assertCanCreate(self.home, StandardPage, self.standard_form("about", show_quick_exit="on"))
        about = StandardPage.objects.child_of(self.home).get(slug="about")
        self.assertCanCreate(about, StandardPage, self.standard_form("governance"))

        self.assertTrue(about.show_quick_exit)
        self.assertEqual(about.owning_team, self.team)
        self.assertEqual(about.next_review_date, datetime.date(2099, 1, 31))
        self.assertEqual([block.block_type for block in about.body], ["text", "what_to_do_now"])
        self.assertTrue(StandardPage.objects.child_of(about).filter(slug="governance").exists())
        # A first publication is recorded in the page's history.
        self.assertEqual(PageChange.objects.get(page=about).kind, PageChange.NEW)

    def test_add_guidance_index_and_leaflets_under_a_standard_page(self):
        section = StandardPageFactory(parent=self.home, slug="practitioners")
        self.assertCanCreate(
            section, GuidanceIndexPage, {"title": "Procedures", "slug": "procedures", "introduction": ""}
        )
        self.assertCanCreate(section, LeafletIndexPage, {"title": "Leaflets", "slug": "leaflets", "introduction": ""})

    def test_edit_standard_page(self):
        page = StandardPageFactory(parent=self.home, slug="contact")
        self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200)

        edited = self.assertPublishedEdit(page, self.standard_form("contact", introduction="How to reach us."))

        self.assertEqual(edited.introduction, "How to reach us.")
        self.assertFalse(edited.show_quick_exit)
        self.assertIn(b"How to reach us.", self.client.get(edited.url).content)

    # Listing pages ----------------------------------------------------------------------------

    def test_add_and_edit_guidance_index(self):
        self.assertCanCreate(
            self.home, GuidanceIndexPage, {"title": "Procedures", "slug": "procedures", "introduction": "All of them."}
        )
        page = GuidanceIndexPage.objects.child_of(self.home).get(slug="procedures")
        self.assertEqual(page.introduction, "All of them.")

        edited = self.assertPublishedEdit(
            page, {"title": "Procedures", "slug": "procedures", "introduction": "Updated."}
        )
        self.assertEqual(edited.introduction, "Updated.")

    def test_add_and_edit_leaflets_page(self):
        self.assertCanCreate(
            self.home, LeafletIndexPage, {"title": "Leaflets", "slug": "leaflets", "introduction": "Print them."}
        )
        page = LeafletIndexPage.objects.child_of(self.home).get(slug="leaflets")
        self.assertEqual(page.introduction, "Print them.")

        edited = self.assertPublishedEdit(
            page, {"title": "Leaflets", "slug": "leaflets", "introduction": "Or read them."}
        )
        self.assertEqual(edited.introduction, "Or read them.")

    def test_add_and_edit_recent_updates_page(self):
        self.assertCanCreate(
            self.home, RecentUpdatesPage, {"title": "Recent updates", "slug": "updates", "introduction": ""}
        )
        page = RecentUpdatesPage.objects.child_of(self.home).get(slug="updates")

        edited = self.assertPublishedEdit(page, {"title": "What's new", "slug": "updates", "introduction": "Latest."})
        self.assertEqual(edited.title, "What's new")

    def test_the_admin_does_not_offer_page_types_where_they_do_not_belong(self):
        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[self.index.pk]))
        # A guidance index offers only guidance pages, so the admin goes straight to that form.
        self.assertRedirects(response, reverse("wagtailadmin_pages:add", args=["home", "guidancepage", self.index.pk]))

        refused = self.client.get(reverse("wagtailadmin_pages:add", args=["home", "guidancepage", self.home.pk]))
        self.assertIn(refused.status_code, (302, 403))
        self.assertNotIn(b"page-edit-form", refused.content)

    # Guidance page ----------------------------------------------------------------------------

    def test_add_guidance_page_with_topics_audiences_blocks_and_references(self):
        data = guidance_form(
            title="Referring child sexual abuse",
            slug="csa-referrals",
            topics=[self.protection, self.abuse],
            audiences=audience_ids("practitioners", "parents-and-carers"),
            body=body_form(self.document.pk),
            references=[{"title": "Working Together", "url": "https://www.gov.uk/wt", "publisher": "DfE"}],
            related_documents=[{"document": str(self.document.pk)}],
            owning_team=str(self.team.pk),
            last_reviewed="2026-01-15",
            next_review_date="2027-01-15",
            change_note="Replaces the 2019 procedure.",
        )
        self.assertCanCreate(self.index, GuidancePage, data)

        page = GuidancePage.objects.child_of(self.index).get(slug="csa-referrals")
        self.assertTrue(page.live)
        self.assertEqual(set(page.topics.all()), {self.protection, self.abuse})
        self.assertEqual({a.slug for a in page.audiences.all()}, {"practitioners", "parents-and-carers"})
        self.assertEqual(
            [block.block_type for block in page.body],
            [
                "heading",
                "text",
                "what_to_do_now",
                "contact_details",
                "decision_guide",
                "accordion",
                "document_list",
                "video_link",
                "child_voice_quote",
            ],
        )
        guide = page.body[4].value
        self.assertEqual(
            [step["question"] for step in guide["steps"]], ["How old is the child?", "When did it happen?"]
        )
        self.assertEqual(guide["steps"][0]["outcomes"][0]["next_step"], 2)
        self.assertIsNone(guide["steps"][1]["outcomes"][0]["next_step"])
        self.assertEqual(len(page.body[5].value["items"]), 2)
        self.assertEqual(list(page.body[6].value["documents"]), [self.document])
        reference = page.external_references.get()
        self.assertEqual(
            (reference.title, reference.url, reference.publisher), ("Working Together", "https://www.gov.uk/wt", "DfE")
        )
        self.assertEqual(page.related_documents.get().document, self.document)
        self.assertEqual(page.owning_team, self.team)
        self.assertEqual(page.next_review_date, datetime.date(2027, 1, 15))
        change = PageChange.objects.get(page=page)
        self.assertEqual((change.kind, change.note), (PageChange.NEW, "Replaces the 2019 procedure."))

        # The published page shows what the editor entered.
        soup = BeautifulSoup(self.client.get(page.url).content, "html.parser")
        self.assertEqual(soup.h1.get_text(), "Referring child sexual abuse")
        self.assertEqual(len(soup.select(".accordion details")), 2)
        step_link = soup.select_one(".decision-guide a[href^='#']")
        self.assertIsNotNone(soup.find(id=step_link["href"][1:]))
        self.assertEqual(soup.select_one(".reference-list a")["href"], "https://www.gov.uk/wt")

    def test_edit_guidance_page(self):
        page = GuidancePageFactory(
            parent=self.index, slug="thresholds", topics=[self.protection], audiences=["practitioners"]
        )
        page.external_references.add(ExternalReference(title="Old reference", url="https://old.example/"))
        page.save_revision().publish()
        reference = ExternalReference.objects.get(page=page)
        self.assertEqual(self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code, 200)

        data = guidance_form(
            title="Thresholds of need",
            slug="thresholds",
            topics=[self.abuse],
            audiences=audience_ids("children-and-young-people"),
            body=streamfield(
                [("accordion", accordion_form()), ("decision_guide", decision_guide_form("Which level?"))]
            ),
            references=[
                {"id": str(reference.pk), "title": "New reference", "url": "https://new.example/", "publisher": ""}
            ],
            initial=1,
            change_note="Rewritten for the new threshold document.",
        )
        edited = self.assertPublishedEdit(page, data)

        self.assertEqual(edited.title, "Thresholds of need")
        self.assertEqual(list(edited.topics.all()), [self.abuse])
        self.assertEqual([a.slug for a in edited.audiences.all()], ["children-and-young-people"])
        self.assertEqual([block.block_type for block in edited.body], ["accordion", "decision_guide"])
        self.assertEqual(
            list(ExternalReference.objects.filter(page=edited).values_list("pk", "title")),
            [(reference.pk, "New reference")],
        )
        latest = PageChange.objects.filter(page=page).first()
        self.assertEqual((latest.kind, latest.note), (PageChange.UPDATED, "Rewritten for the new threshold document."))

    def test_saving_a_draft_leaves_the_live_page_alone(self):
        page = GuidancePageFactory(parent=self.index, slug="draft-edit", title="Live title")
        data = guidance_form(
            title="Draft title", slug="draft-edit", topics=[], audiences=[], body=streamfield([]), references=[]
        )

        response = self.edit(page, data, action="action-save")  # any non-publish action saves a draft

        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()
        self.assertEqual(page.title, "Live title")
        self.assertEqual(page.get_latest_revision_as_object().title, "Draft title")
        self.assertTrue(page.has_unpublished_changes)

    def test_guidance_page_needs_a_summary(self):
        data = guidance_form(
            title="No summary", slug="no-summary", topics=[], audiences=[], body=streamfield([]), references=[]
        )
        data["summary"] = ""
        data["action-publish"] = "action-publish"

        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["home", "guidancepage", self.index.pk]), data
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("summary", response.context["form"].errors)
        self.assertFalse(GuidancePage.objects.child_of(self.index).filter(slug="no-summary").exists())

    def test_decision_guide_steps_are_numbered_from_one(self):
        guide = decision_guide_form()
        guide["steps"]["0"]["value"]["outcomes"]["0"]["value"]["next_step"] = "0"
        data = guidance_form(
            title="Bad guide",
            slug="bad-guide",
            topics=[],
            audiences=[],
            body=streamfield([("decision_guide", guide)]),
            references=[],
        )
        data["action-publish"] = "action-publish"

        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=["home", "guidancepage", self.index.pk]), data
        )

        self.assertEqual(response.status_code, 200)
        self.assertIn("body", response.context["form"].errors)
        self.assertFalse(GuidancePage.objects.child_of(self.index).filter(slug="bad-guide").exists())

    def test_edit_views_load_for_every_page_type(self):
        pages = [
            self.home,
            StandardPageFactory(parent=self.home),
            self.index,
            GuidancePageFactory(parent=self.index, topics=[self.protection], audiences=["practitioners"]),
            LeafletIndexPageFactory(parent=self.home),
            RecentUpdatesPageFactory(parent=self.home),
        ]
        for page in pages:
            response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            self.assertEqual(response.status_code, 200, type(page).__name__)
            self.assertContains(response, 'id="page-edit-form"')
        for model in (StandardPage, GuidanceIndexPage, LeafletIndexPage, RecentUpdatesPage):
            add_url = reverse("wagtailadmin_pages:add", args=["home", model._meta.model_name, self.home.pk])
            self.assertEqual(self.client.get(add_url).status_code, 200, model.__name__)


# --- Review-due report ---------------------------------------------------------------------------

REPORT_URL = "/admin/reports/review-due/"


@pytest.fixture
def review_pages(guidance_index, home_page):
    today = timezone.localdate()
    team = TeamFactory(name="Quality assurance")
    return {
        "overdue": GuidancePageFactory(
            parent=guidance_index,
            title="Overdue guidance",
            next_review_date=today - datetime.timedelta(days=3),
            owning_team=team,
        ),
        "older": StandardPageFactory(
            parent=home_page, title="Long overdue page", next_review_date=today - datetime.timedelta(days=400)
        ),
        "current": GuidancePageFactory(
            parent=guidance_index, title="Current guidance", next_review_date=today + datetime.timedelta(days=30)
        ),
        "due_today": GuidancePageFactory(parent=guidance_index, title="Due today", next_review_date=today),
        "undated": GuidancePageFactory(parent=guidance_index, title="Undated guidance", next_review_date=None),
    }


def report_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [cell.get_text(strip=True) for cell in soup.select("table.listing td.title")]


def test_review_report_lists_overdue_pages_oldest_first(superuser_client, review_pages):
    response = superuser_client.get(REPORT_URL)

    assert response.status_code == 200
    assert report_titles(response) == ["Long overdue page", "Overdue guidance"]
    soup = BeautifulSoup(response.content, "html.parser")
    first_link = soup.select_one("table.listing td.title a")["href"]
    assert first_link == reverse("wagtailadmin_pages:edit", args=[review_pages["older"].pk])
    assert "Quality assurance" in soup.select_one("table.listing").get_text()


def test_review_report_says_when_nothing_is_overdue(superuser_client, guidance_index):
    GuidancePageFactory(parent=guidance_index, next_review_date=timezone.localdate() + datetime.timedelta(days=1))

    response = superuser_client.get(REPORT_URL)

    assert response.status_code == 200
    assert report_titles(response) == []
    assert "No pages are overdue for review." in response.content.decode()


def test_review_report_exports_csv(superuser_client, review_pages):
    response = superuser_client.get(REPORT_URL, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    today = timezone.localdate()
    assert f'filename="pages-due-for-review-{today:%Y-%m-%d}.csv"' in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["Title"] for row in rows] == ["Long overdue page", "Overdue guidance"]
    assert rows[1]["Next review due"] == str(today - datetime.timedelta(days=3))
    assert rows[1]["Owning team"] == "Quality assurance"


def test_review_report_exports_xlsx(superuser_client, review_pages):
    response = superuser_client.get(REPORT_URL, {"export": "xlsx"})

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_review_report_is_in_the_reports_menu_for_editors(editor_client, review_pages):
    dashboard = editor_client.get("/admin/")
    report = editor_client.get(REPORT_URL)

    assert REPORT_URL in dashboard.content.decode()
    assert report.status_code == 200
    assert report_titles(report) == ["Long overdue page", "Overdue guidance"]


def test_review_report_refuses_a_user_without_page_permissions(review_pages):
    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client = Client()
    client.force_login(outsider)

    assert client.get("/admin/").status_code == 200  # they can sign in to the admin...
    response = client.get(REPORT_URL)  # ...but not see the report

    assert response.status_code in (302, 403)
    assert b"Overdue guidance" not in response.content
    assert client.get(REPORT_URL, {"export": "csv"}).status_code in (302, 403)
    assert REPORT_URL not in client.get("/admin/").content.decode()


def test_review_report_sends_anonymous_visitors_to_sign_in(client, review_pages):
    response = client.get(REPORT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# --- Roles -------------------------------------------------------------------------------------


def test_editors_can_add_and_change_documents_in_the_root_collection(editor, moderator):
    root = Collection.get_first_root_node()
    someone_elses = PortalDocumentFactory(title="Uploaded by a moderator", uploaded_by_user=moderator)

    assert GroupCollectionPermission.objects.filter(
        group__name=EDITORS, collection=root, permission__codename="add_document"
    ).exists()
    assert document_permission_policy.user_has_permission(editor, "add")
    assert document_permission_policy.user_has_permission(editor, "choose")
    assert document_permission_policy.user_has_permission_for_instance(editor, "change", someone_elses)
    assert document_permission_policy.user_has_permission_for_instance(moderator, "change", someone_elses)


def test_ensure_roles_grants_the_document_permissions_wagtail_checks(editor):
    """Wagtail checks collection permissions by the base Document's codenames, even for PortalDocument."""
    GroupCollectionPermission.objects.filter(group__name=EDITORS).delete()
    editor.refresh_from_db()
    assert not document_permission_policy.user_has_permission(editor, "add")

    ensure_roles()

    editor = type(editor).objects.get(username=editor.username)  # permissions are cached per user object
    assert document_permission_policy.user_has_permission(editor, "add")
    assert document_permission_policy.user_has_permission(editor, "change")
    assert document_permission_policy.user_has_permission(editor, "choose")


def test_editors_can_open_the_document_upload_form_and_outsiders_cannot(editor_client):
    assert editor_client.get(reverse("wagtaildocs:add")).status_code == 200

    outsider = UserFactory(username="outsider")
    outsider.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("wagtaildocs:add")).status_code in (302, 403)


def test_editors_cannot_change_partnership_settings_and_moderators_can(editor, moderator):
    assert not editor.has_perm("home.change_partnershipsettings")
    assert moderator.has_perm("home.change_partnershipsettings")
    assert editor.has_perm("home.add_topic") and not editor.has_perm("home.delete_topic")
    assert editor.has_perm("home.view_team") and not editor.has_perm("home.change_team")
    assert moderator.has_perm("home.change_team")


def test_editor_reaches_the_admin_but_not_the_partnership_settings(editor_client, site):
    settings_url = f"/admin/settings/home/partnershipsettings/{site.pk}/"

    assert editor_client.get("/admin/").status_code == 200
    response = editor_client.get(settings_url)
    assert response.status_code in (302, 403)
    assert b"Emergency and referral contacts" not in response.content

    posted = editor_client.post(settings_url, {"front_door_phone": "0000"})
    assert posted.status_code in (302, 403)
    assert PartnershipSettings.for_site(site).front_door_phone != "0000"


def test_moderator_can_change_the_partnership_settings(moderator_client, client, site):
    settings_url = f"/admin/settings/home/partnershipsettings/{site.pk}/"
    assert moderator_client.get(settings_url).status_code == 200

    response = moderator_client.post(
        settings_url,
        {
            "emergency_text": "If a child is in immediate danger, call 999.",
            "front_door_name": "Children's Front Door",
            "front_door_phone": "01708 433 222",
            "front_door_email": "",
            "out_of_hours_phone": "",
            "police_non_emergency": "101",
            "childline_phone": "0800 1111",
            "partnership_email": "",
            "partnership_phone": "",
            "partnership_address": "",
        },
    )

    assert response.status_code == 302
    assert PartnershipSettings.for_site(site).front_door_phone == "01708 433 222"
    assert b"tel:01708433222" in client.get(site.root_page.url).content


def test_ensure_roles_is_idempotent():
    editors = Group.objects.get(name=EDITORS)
    before = (editors.permissions.count(), GroupCollectionPermission.objects.count())

    ensure_roles()
    ensure_roles()

    assert (editors.permissions.count(), GroupCollectionPermission.objects.count()) == before
    assert Group.objects.filter(name__in=[EDITORS, APPROVERS]).count() == 2


# --- An admin that does not call third parties -----------------------------------------------------


def test_admin_dashboard_makes_no_calls_home_and_uses_no_gravatar(settings, superuser_client, superuser):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert superuser.email  # a Gravatar would be looked up from this address if it were on

    response = superuser_client.get("/admin/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "gravatar.com" not in html
    assert "w-upgrade" not in html  # the upgrade notification panel that fetches releases.wagtail.org
    assert "releases.wagtail.org" not in html


def test_a_topic_slug_is_used_once_per_language(superuser_client):
    TopicFactory(name="Child protection", slug="child-protection")

    response = superuser_client.post(
        "/admin/snippets/home/topic/add/", {"name": "Protecting children", "slug": "child-protection"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == ["Another topic in this language already uses this slug."]
